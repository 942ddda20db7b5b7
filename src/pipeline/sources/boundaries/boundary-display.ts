/**
 * The display geometry of every boundary parser: simplified WGS84, built per gemeente (its
 * buurten in one topology, its wijken in another) and for all gemeenten of the file together
 * (`deriveDisplayGeometries`, the parsers' `derive`: where the file is parsed, possibly in the
 * parse worker), then stored next to the RD geometry (`storeDisplayGeometries`, their
 * `afterWrite`, inside the import transaction).
 */
import { findAreaLevel, gemeenteOf, type AreaCode } from '../../../core/area-code.js';
import type { DisplayGeometry, ImportBatch } from '../../../core/records.js';
import type { Store } from '../../../storage/store.js';
import { buildDisplayGeometries, type DisplayInput } from '../../geo/display-geometry.js';

/** Topology groups: `buurt GM0917`, `wijk GM0917`, `gemeente`. */
function groupKey(code: string): string {
  const level = findAreaLevel(code);
  return level === 'gemeente' || level === undefined
    ? 'gemeente'
    : `${level} ${gemeenteOf(code as AreaCode)}`;
}

/** The display geometry of every geometry of the batch, in topology groups. */
function displayGeometriesOf(batch: ImportBatch): DisplayGeometry[] {
  const groups = new Map<string, DisplayInput[]>();
  for (const g of batch.geometries) {
    const key = groupKey(g.code);
    const list = groups.get(key) ?? [];
    list.push({ code: g.code, rd: g.rd });
    groups.set(key, list);
  }
  const rows: DisplayGeometry[] = [];
  for (const items of groups.values()) {
    for (const [code, display] of buildDisplayGeometries(items)) rows.push({ code, display });
  }
  return rows;
}

/** Builds the batch's display geometry into `batch.display`. */
export function deriveDisplayGeometries(batch: ImportBatch): void {
  if (divisionOf(batch) !== undefined) batch.display = displayGeometriesOf(batch);
}

/** Stores the batch's display geometry (built here if the parse did not). */
export async function storeDisplayGeometries(store: Store, batch: ImportBatch): Promise<void> {
  const divisionYear = divisionOf(batch);
  if (divisionYear === undefined) return;
  await store.setDisplayGeometries(divisionYear, batch.display ?? displayGeometriesOf(batch));
}

function divisionOf(batch: ImportBatch): number | undefined {
  return batch.edition.divisionYear ?? batch.geometries[0]?.divisionYear ?? undefined;
}
