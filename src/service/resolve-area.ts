/**
 * An `area` parameter is a gemeente code (GMgggg) or a region id. Resolves it to its gemeenten
 * and the rows of their buurten in the engine's table; AREA_NOT_FOUND otherwise.
 */
import { AppError } from '../core/app-error.js';
import type { Store } from '../storage/store.js';
import type { LoadedState } from './engine-state.js';
import { listRegions } from './regions.js';

export interface ResolvedArea {
  id: string;
  name: string;
  gemeenten: string[];
  rows: number[];
}

export async function resolveArea(raw: string, state: LoadedState, store: Store): Promise<ResolvedArea> {
  const id = raw.trim();
  const byGemeente = state.engine.table.byGemeente();
  if (/^GM\d{4}$/i.test(id)) {
    const gm = id.toUpperCase();
    const rows = byGemeente.get(gm);
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
