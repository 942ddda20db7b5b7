/** GET /api/compare?areas=GM0917,parkstad-limburg&period=2016-2020: key figures per area. */
import { Hono } from 'hono';
import { z } from 'zod';
import { PeriodSchema, type CompareResponse } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { areaFigures } from '../../domain/engine/compare-areas.js';
import { formatPeriod, parsePeriod } from '../../domain/engine/engine-config.js';
import { resolveArea } from '../resolve-area.js';
import { parseQuery, type ServerDeps } from '../server-deps.js';

const CompareQuerySchema = z.object({ areas: z.string().min(1), period: PeriodSchema.optional() });

export function compareRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parseQuery(CompareQuerySchema, c.req.query());
    const ids = q.areas
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0 || ids.length > 50)
      throw new AppError('USAGE', `parameter 'areas': name 1 to 50 gemeenten or regions, comma-separated`);
    const state = await deps.state.get();
    const period = q.period ? parsePeriod(q.period) : state.engine.defaultPeriod();
    if (!period)
      throw new AppError(
        'NO_DATA',
        'no period with data: the store lacks index components or a nuisance measure at two years',
      );
    const areas = [];
    for (const id of ids) {
      const area = await resolveArea(id, state, deps.store);
      areas.push({ area: area.id, name: area.name, ...areaFigures(state.engine, area.rows, period) });
    }
    const body: CompareResponse = { period: formatPeriod(period), areas };
    return c.json(body);
  });
  return app;
}
