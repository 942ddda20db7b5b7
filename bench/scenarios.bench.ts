/**
 * Benchmark: the scenario planner. Store: VEERKRACHT_BENCH_DB (e.g. the national real-data store
 * after `veerkracht import ../shared/data`). Prints, per area, the time of the read service for
 * the three presets (basis, spreiden, toevoegen; 10 years) — median and max of 20 runs after one
 * warming call — with the number of buurten run and the JSON size of the answer; then the pure
 * model over every buurt of the country with starting values (three presets, 10 and 30 years).
 * Run: `VEERKRACHT_BENCH_DB=… npx tsx bench/scenarios.bench.ts`.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { concentrationPercentile, runScenario } from '../src/domain/scenario/run-scenario.js';
import { presetScenarios } from '../src/domain/scenario/scenario-spec.js';
import { startValues } from '../src/domain/scenario/start-values.js';
import { createReadContext } from '../src/service/read-context.js';
import { runOnArea } from '../src/service/scenario-run.js';
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
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
};

const lines = [`store: ${dbPath} — ${state.engine.table.size} buurten, division ${state.divisionYear}`];
for (const area of ['GM0917', 'GM0363', 'GM0599', 'parkstad-limburg']) {
  try {
    const first = await runOnArea(ctx, area, undefined);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await runOnArea(ctx, area, undefined);
      times.push(performance.now() - t);
    }
    const json = JSON.stringify(first);
    lines.push(
      `${area} (${first.area.name}): ${first.scenarios[0]!.buurten.length} buurten run, ${first.excluded.length} left out; ${stats(times)}; JSON ${(json.length / 1024).toFixed(0)} KB (${(gzipSync(json).length / 1024).toFixed(0)} KB gzipped)`,
    );
  } catch (e) {
    lines.push(`${area}: ${(e as Error).message}`);
  }
}

const all = Array.from({ length: state.engine.table.size }, (_, i) => i);
let t = performance.now();
const start = startValues(state.engine.table, all);
const startMs = performance.now() - t;
const missing = new Map<string, number>();
for (const e of start.excluded) for (const m of e.missing) missing.set(m, (missing.get(m) ?? 0) + 1);
lines.push(
  `national starting values: ${start.buurten.length} buurten with all three (${start.excluded.length} without: ${[...missing].map(([m, n]) => `${m} missing in ${n}`).join(', ')}) in ${startMs.toFixed(0)} ms`,
);

// The model's cost at national scale: every buurt of the division with generated starting values
// (the open data have the low-income share for few gemeenten; this measures the model, not the data).
let seed = 17;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const synthetic = state.engine.table.buurten.map((b) => ({
  code: b.code,
  name: b.name,
  gemeente: b.gemeente,
  dwellings: 50 + Math.round(rnd() * 3000),
  corpShare: rnd() * 0.9,
  concentration: 0.02 + rnd() * 0.3,
}));
const threshold = concentrationPercentile(synthetic, 0.75);
for (const years of [10, 30]) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    for (const spec of presetScenarios(threshold)) runScenario(synthetic, { ...spec, years });
    times.push(performance.now() - t);
  }
  lines.push(
    `model over all ${synthetic.length} buurten (generated starting values), three presets × ${years} years: ${stats(times)}`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
await store.close();
