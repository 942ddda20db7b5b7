/** Comparing stores in tests: every table dumped, and the stored values without their source columns. */
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';

/**
 * Every row of every table of an SQLite store, as sorted text: equal dumps mean equal stores.
 * With `ignoreTimes`, columns that record when something happened (`imported_at`, `run_at`, …)
 * are left out, so that two runs of the same import compare equal.
 */
export function dumpStore(store: SqliteStore, options: { ignoreTimes?: boolean } = {}): string {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    const rows = store.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
    const lines = rows.map((r) =>
      JSON.stringify(r, (k, v: unknown) =>
        options.ignoreTimes && /_at$/.test(k) ? undefined : Buffer.isBuffer(v) ? v.toString('hex') : v,
      ),
    );
    out.push(`# ${t} (${rows.length})`);
    for (const line of lines.sort()) out.push(line);
  }
  return out.join('\n');
}

/**
 * The values a store holds — area, division, indicator, year, value and flags — sorted, without
 * edition and source column (a re-saved file keeps its numbers but may rename its columns).
 */
export async function valueSnapshot(store: Store, q: { divisionYear?: number } = {}): Promise<string[]> {
  const rows = await store.getValues(q.divisionYear !== undefined ? { divisionYear: q.divisionYear } : {});
  return rows
    .map((r) => `${r.divisionYear} ${r.areaCode} ${r.indicator} ${r.year} ${r.value} ${r.flags}`)
    .sort();
}
