/**
 * The afterWrite step of every boundary parser: simplified WGS84 display geometry, built per
 * gemeente (its buurten in one topology, its wijken in another) and for all gemeenten of the
 * file together, then stored next to the RD geometry. Runs inside the import transaction.
 */
import { findAreaLevel, gemeenteOf, type AreaCode } from '../../../core/area-code.js';
import type { ImportBatch, PolygonGeometry } from '../../../core/records.js';
import type { Store } from '../../../storage/store.js';
import { buildDisplayGeometries, type DisplayInput } from '../../geo/display-geometry.js';

/** Topology groups: `buurt GM0917`, `wijk GM0917`, `gemeente`. */
function groupKey(code: string): string {
  const level = findAreaLevel(code);
  return level === 'gemeente' || level === undefined
    ? 'gemeente'
    : `${level} ${gemeenteOf(code as AreaCode)}`;
}

/** Builds and stores display geometry for every geometry of the batch. */
export async function storeDisplayGeometries(store: Store, batch: ImportBatch): Promise<void> {
  const groups = new Map<string, DisplayInput[]>();
  for (const g of batch.geometries) {
    const key = groupKey(g.code);
    const list = groups.get(key) ?? [];
    list.push({ code: g.code, rd: g.rd });
    groups.set(key, list);
  }
  const divisionYear = batch.edition.divisionYear ?? batch.geometries[0]?.divisionYear;
  if (divisionYear === undefined || divisionYear === null) return;
  const rows: { code: string; display: PolygonGeometry }[] = [];
  for (const items of groups.values()) {
    for (const [code, display] of buildDisplayGeometries(items)) rows.push({ code, display });
  }
  await store.setDisplayGeometries(divisionYear, rows);
}
