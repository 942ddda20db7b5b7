/**
 * Benchmark: loading the engine for the whole country from a real store, as the server does on
 * start and after every import (`EngineState.get()`: reference division, buurten and names,
 * every value on the reference division, the engine with its derived indicators).
 * Run: `VEERKRACHT_DB=/tmp/national.db npx tsx bench/engine-load.bench.ts [runs]` on a store
 * that holds the national real data (README "Loading real data"; docs/benchmarks.md lists the
 * files). Target: ≤ 2 s per load. Also prints the bulk read against the row-object read.
 */
import { existsSync } from 'node:fs';
import { EngineState } from '../src/service/engine-state.js';
import { findReferenceDivision } from '../src/storage/reference-division.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const path = process.env['VEERKRACHT_DB'];
if (!path || !existsSync(path)) {
  process.stderr.write('set VEERKRACHT_DB to a store with the national data (see docs/benchmarks.md)\n');
  process.exit(64);
}
const runs = Number(process.argv[2] ?? 3);
const store = openSqliteStore({ path, readonly: true });
const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

const totals: number[] = [];
for (let i = 0; i < runs; i++) {
  const state = new EngineState(store, { checkIntervalMs: 0 });
  const start = performance.now();
  const loaded = await state.get();
  const ms = performance.now() - start;
  totals.push(ms);
  process.stdout.write(
    `run ${i + 1}: engine load ${s(ms)} (${loaded.engine.table.size} buurten, ${loaded.engine.table.indicators().length} indicators, ${loaded.gemeenteNames.size} gemeenten)\n`,
  );
}
const best = Math.min(...totals);
process.stdout.write(`best engine load: ${s(best)}  (target ≤ 2 s) ${best <= 2000 ? 'OK' : 'TOO SLOW'}\n`);

// the row-object read last: its million retained objects would slow every later garbage collection
const divisionYear = (await findReferenceDivision(store)) ?? 0;
const t0 = performance.now();
const rows = (await store.getValues({ divisionYear })).length;
const t1 = performance.now();
const bulk = await store.getBulkValues({ divisionYear, level: 'buurt' });
const t2 = performance.now();
process.stdout.write(
  `values on division ${divisionYear}: ${rows} (${bulk.count} of buurten, ${bulk.series.length} series)\n` +
    `  getValues (Kysely, one object per row): ${s(t1 - t0)}\n` +
    `  getBulkValues (raw bulk read):           ${s(t2 - t1)}\n`,
);

await store.close();
