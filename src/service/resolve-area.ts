/**
 * An `area` parameter is a gemeente code (GMgggg) or a region id. Resolves it to its gemeenten
 * and the rows of their buurten in the engine's table; AREA_NOT_FOUND otherwise. A gemeente formed
 * after the division year from whole gemeenten of that year is their buurten together
 * (gemeente-register.ts, `mergedOnDivision`).
 */
import type { FormedFrom } from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import { mergedOnDivision } from '../core/gemeente-register.js';
import type { Store } from '../storage/store.js';
import type { LoadedState } from './engine-state.js';
import { listRegions } from './regions.js';

export interface ResolvedArea {
  id: string;
  name: string;
  gemeenten: string[];
  rows: number[];
  /**
   * A gemeente formed after the division year from whole gemeenten of that year (Dijk en Waard on
   * the 2019 division): the year of its herindeling; `gemeenten` are the ones it was formed from.
   */
  formedSince?: number;
}

export async function resolveArea(raw: string, state: LoadedState, store: Store): Promise<ResolvedArea> {
  const id = raw.trim();
  const byGemeente = state.engine.table.byGemeente();
  if (/^GM\d{4}$/i.test(id)) {
    const gm = id.toUpperCase();
    const rows = byGemeente.get(gm);
    const merged = rows ? undefined : mergedOnDivision(gm, state.divisionYear, (g) => byGemeente.has(g));
    if (merged) {
      return {
        id: gm,
        name: merged.name,
        gemeenten: [...merged.from],
        rows: merged.from.flatMap((g) => byGemeente.get(g)!),
        formedSince: merged.since,
      };
    }
    if (!rows) {
      throw new AppError(
        'AREA_NOT_FOUND',
        `gemeente ${gm} has no buurten on division ${state.divisionYear}; GET /api/gemeenten lists the gemeenten`,
      );
    }
    return { id: gm, name: state.gemeenteNames.get(gm) ?? gm, gemeenten: [gm], rows };
  }
  const region = (await listRegions(store)).find((r) => r.id === id);
  if (!region)
    throw new AppError(
      'AREA_NOT_FOUND',
      `'${raw}' is neither a gemeente code (GMgggg) nor a region id; GET /api/regions lists the regions`,
    );
  const rows = region.gemeenten.flatMap((gm) => byGemeente.get(gm) ?? []);
  if (rows.length === 0) {
    // as for a gemeente: an empty map would say nothing about why (e.g. Parkstad on the demo set)
    throw new AppError(
      'AREA_NOT_FOUND',
      `region ${region.id} (${region.name}) has no buurten on division ${state.divisionYear}: none of its gemeenten (${region.gemeenten.join(', ')}) is in the loaded data; GET /api/regions lists the regions with data`,
    );
  }
  return { id: region.id, name: region.name, gemeenten: region.gemeenten, rows };
}

/** `{ formedFrom }` for an area's answers (maps, definitions) when it is a merged gemeente, else `{}`. */
export function withFormedFrom(area: ResolvedArea, state: LoadedState): { formedFrom?: FormedFrom } {
  if (area.formedSince === undefined) return {};
  const gemeenten = area.gemeenten.map((code) => ({ code, name: state.gemeenteNames.get(code) ?? code }));
  return { formedFrom: { since: area.formedSince, gemeenten } };
}
