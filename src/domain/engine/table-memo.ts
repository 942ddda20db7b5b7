/**
 * What a buurt table's columns decide, kept per table and key: the table is built once per
 * loaded state and asked per buurt, year and map (missing kinds, nuisance measure years).
 */
import type { BuurtTable } from './buurt-table.js';

/**
 * A memo of `make()` per table and key. With `dependsOn`, what it returns for the table is part
 * of what `make()` reads and can be set after the table is built (its uncarried sources): every
 * kept value of the table is dropped when it is no longer the same (===) as when they were made.
 */
export function tableMemo<T>(
  dependsOn?: (table: BuurtTable) => unknown,
): (table: BuurtTable, key: string, make: () => T) => T {
  const cache = new WeakMap<BuurtTable, { made: unknown; byKey: Map<string, T> }>();
  return (table, key, make) => {
    const made = dependsOn?.(table);
    let kept = cache.get(table);
    if (!kept || kept.made !== made) cache.set(table, (kept = { made, byKey: new Map() }));
    let value = kept.byKey.get(key);
    if (value === undefined) kept.byKey.set(key, (value = make()));
    return value;
  };
}
