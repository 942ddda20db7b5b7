/**
 * Geometry for a division that has none of its own for some codes (a KWB file for one gemeente,
 * a division imported without boundaries): the boundaries of the nearest division in time that
 * has geometry for the same code. Only codes the reference division lacks are borrowed for — a
 * code the reference also has is carried by code as before — so borrowing turns what would be
 * "unmatched" into an area-weighted overlay. Same code, same area: that is the assumption, and
 * the method text says so ("overlay via boundaries of indeling 2024 (codes of indeling 2023 equal; …)").
 */
import type { GeometryRow, Store } from '../../storage/store.js';

/** Codes per `getGeometries` call (well below SQLite's parameter limit). */
const CODES_PER_READ = 2000;

export interface BorrowedGeometry {
  geometries: Map<string, GeometryRow>;
  /** Code → the division year whose boundaries were used. */
  donorOf: Map<string, number>;
}

/**
 * Donor divisions for `year`, nearest in time first; of two equally near, the later one.
 * `withGeometry` are the division years that have any geometry; `exclude` (the division itself,
 * the reference) never donates.
 */
export function donorOrder(
  year: number,
  withGeometry: Iterable<number>,
  exclude: readonly number[],
): number[] {
  return [...new Set(withGeometry)]
    .filter((y) => !exclude.includes(y))
    .sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a);
}

/**
 * Borrows geometry for `codes` (codes of one division that have no geometry of their own and do
 * not exist in the reference) from `donors`, in order: each code from the first donor that has it.
 */
export async function borrowGeometry(
  store: Store,
  codes: readonly string[],
  donors: readonly number[],
): Promise<BorrowedGeometry> {
  const geometries = new Map<string, GeometryRow>();
  const donorOf = new Map<string, number>();
  let wanted = new Set(codes);
  for (const donor of donors) {
    if (wanted.size === 0) break;
    const found = (await store.listGeometryCodes(donor)).filter((c) => wanted.has(c));
    for (let i = 0; i < found.length; i += CODES_PER_READ) {
      for (const g of await store.getGeometries({
        divisionYear: donor,
        codes: found.slice(i, i + CODES_PER_READ),
      })) {
        geometries.set(g.code, g);
        donorOf.set(g.code, donor);
      }
    }
    wanted = new Set([...wanted].filter((c) => !donorOf.has(c)));
  }
  return { geometries, donorOf };
}
