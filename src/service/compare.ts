/** Key figures per gemeente or region over one period (GET /api/compare, `veerkracht maps --summary`). */
import type { CompareResponse } from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import { areaFigures } from '../domain/engine/compare-areas.js';
import { formatPeriod, parsePeriod } from '../domain/engine/engine-config.js';
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';

export interface CompareQuery {
  /** Gemeente codes or region ids, 1 to 50. */
  areas: readonly string[];
  /** "2016-2020"; default: the engine's default period. */
  period?: string | undefined;
}

export const MAX_COMPARE_AREAS = 50;

export async function compareAreas(ctx: ReadContext, q: CompareQuery): Promise<CompareResponse> {
  const ids = q.areas.map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_COMPARE_AREAS)
    throw new AppError(
      'USAGE',
      `parameter 'areas': name 1 to ${MAX_COMPARE_AREAS} gemeenten or regions, comma-separated`,
    );
  const state = await ctx.state.get();
  const period = q.period ? parsePeriod(q.period) : state.engine.defaultPeriod();
  if (!period)
    throw new AppError(
      'NO_DATA',
      'no period with data: the store lacks index components or a nuisance measure at two years',
    );
  const areas = [];
  for (const id of ids) {
    const area = await resolveArea(id, state, ctx.store);
    areas.push({ area: area.id, name: area.name, ...areaFigures(state.engine, area.rows, period) });
  }
  return { period: formatPeriod(period), areas };
}
