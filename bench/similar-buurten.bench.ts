/**
 * Benchmark: "buurten zoals deze" on a national store. Store: VEERKRACHT_BENCH_DB (e.g. the
 * national real-data store after `veerkracht import ../shared/data`). Prints:
 *   1. building the standardised matrix once per data version (both target years);
 *   2. all similarities for one buurt: the linear scan over every buurt (nearest 10), per buurt,
 *      over 1,000 buurten spread over the country — median, p95, max (target ≤ 50 ms);
 *   3. the whole read service per buurt (both scans, explanations, positive deviants) —
 *      median, p95, max, after one warming call.
 * Run: `VEERKRACHT_BENCH_DB=… npx tsx bench/similar-buurten.bench.ts`.
 */
import { existsSync } from 'node:fs';
import { nearestBuurten } from '../src/domain/similarity/buurt-distance.js';
import { createReadContext } from '../src/service/read-context.js';
import { getSimilarBuurten, similarityMatrix } from '../src/service/similar-buurten.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const dbPath = process.env['VEERKRACHT_BENCH_DB'];
if (!dbPath || !existsSync(dbPath)) {
  process.stderr.write(
    'set VEERKRACHT_BENCH_DB to a store (e.g. after `veerkracht import ../shared/data`)\n',
  );
  process.exit(2);
}

const store = openSqliteStore({ path: dbPath, readonly: true });
const ctx = createReadContext(store);
const state = await ctx.state.get();
const engine = state.engine;
const period = engine.defaultPeriod();
if (!period) throw new Error('the store has no period with data');
const n = engine.table.size;

let t = performance.now();
const now = similarityMatrix(engine, period.t1);
const buildNow = performance.now() - t;
t = performance.now();
similarityMatrix(engine, period.t0);
const buildStart = performance.now() - t;

const rows = Array.from({ length: 1000 }, (_, i) => Math.floor((i * n) / 1000));
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms`;
};

const minShared = engine.config.similarity.minShared;
const scans: number[] = [];
let found = 0;
for (const row of rows) {
  const t0 = performance.now();
  found += nearestBuurten(now, row, 10, minShared).length;
  scans.push(performance.now() - t0);
}

const codes = rows.map((r) => engine.table.buurten[r]!.code);
await getSimilarBuurten(ctx, { code: codes[0]! });
const service: number[] = [];
for (const code of codes) {
  const t0 = performance.now();
  await getSimilarBuurten(ctx, { code });
  service.push(performance.now() - t0);
}

process.stdout.write(
  [
    `store: ${dbPath} — ${n} buurten, division ${state.divisionYear}, period ${period.t0}-${period.t1}`,
    `matrix: ${now.d} indicators (${now.sources.map((s) => s.id).join(', ')})`,
    `build matrix ${period.t1}: ${buildNow.toFixed(1)} ms; ${period.t0}: ${buildStart.toFixed(1)} ms (once per data version)`,
    `scan (all similarities of one buurt, nearest 10) over ${rows.length} buurten: ${stats(scans)}; ${found} neighbours found`,
    `service getSimilarBuurten (both scans, explanations, deviants): ${stats(service)}`,
    '',
  ].join('\n'),
);
store.close();
