/**
 * What a buurt table's columns decide, kept per table and key: the table is built once per
 * loaded state and asked per buurt, year and map (missing kinds, nuisance measure years).
 */
import type { BuurtTable } from './buurt-table.js';

/** A memo of `make()` per table and key. */
export function tableMemo<T>(): (table: BuurtTable, key: string, make: () => T) => T {
  const cache = new WeakMap<BuurtTable, Map<string, T>>();
  return (table, key, make) => {
    let byKey = cache.get(table);
    if (!byKey) cache.set(table, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = make()));
    return value;
  };
}
