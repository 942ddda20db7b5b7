/**
 * Benchmark: the Store's value reads on a national store, as the app and the pipeline use them
 * (export, buurt profile, harmonisation, status, engine load). Writes (copyValuesByCode) run
 * inside a transaction that is rolled back, so the store is left as it was.
 * Run: `VEERKRACHT_DB=/tmp/national.db npx tsx bench/store-queries.bench.ts [runs]`
 * (a store with the national real data: `VEERKRACHT_DB=… npx veerkracht import ../shared/data`).
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const path = process.env['VEERKRACHT_DB'];
if (!path || !existsSync(path)) {
  process.stderr.write('set VEERKRACHT_DB to a store with the national data (see docs/benchmarks.md)\n');
  process.exit(64);
}
const runs = Number(process.argv[2] ?? 3);
const store = openSqliteStore({ path });
const division = 2019;
const buurten = await store.listGeometryCodes(division);
const amsterdam = buurten.filter((c) => c.startsWith('BU0363'));
const sample = buurten.filter((_, i) => i % 20 === 0);

class Rollback extends Error {}

const cases: [string, () => Promise<number>][] = [
  [
    'getValues gemeente GM0363, division',
    async () => (await store.getValues({ gemeente: 'GM0363', divisionYear: division })).length,
  ],
  [
    'getValues gemeente GM0917, year 2018, division (export)',
    async () => (await store.getValues({ gemeente: 'GM0917', years: [2018], divisionYear: division })).length,
  ],
  [
    'getValues one buurt, division (profile)',
    async () => (await store.getValues({ codes: [amsterdam[0]!], divisionYear: division })).length,
  ],
  [
    'getValues 1 indicator, 680 codes, division (overlay)',
    async () =>
      (await store.getValues({ divisionYear: division, indicators: ['inhabitants'], codes: sample })).length,
  ],
  [
    'getValues indicator + year, all divisions',
    async () => (await store.getValues({ indicators: ['inhabitants'], years: [2018] })).length,
  ],
  ['getValues division (all)', async () => (await store.getValues({ divisionYear: division })).length],
  [
    'getBulkValues division, buurt',
    async () => (await store.getBulkValues({ divisionYear: division, level: 'buurt' })).count,
  ],
  [
    'getBulkValues division, buurt, 3 indicators',
    async () =>
      (
        await store.getBulkValues({
          divisionYear: division,
          level: 'buurt',
          indicators: ['inhabitants', 'dwellings', 'lbm_total'],
        })
      ).count,
  ],
  ['coverage', async () => (await store.coverage()).length],
  ['dataVersion', async () => ((await store.dataVersion?.()) ?? '').length],
  [
    'copyValuesByCode 2020 → 2019, all buurten (rolled back)',
    async () => {
      let n = 0;
      await store
        .transaction(async (tx) => {
          n = await tx.copyValuesByCode({
            fromDivision: 2020,
            toDivision: division,
            codes: buurten,
            method: 'bench',
          });
          throw new Rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return n;
    },
  ],
];

for (const [name, run] of cases) {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = await run();
    times.push(performance.now() - t);
  }
  const best = Math.min(...times);
  process.stdout.write(
    `${name.padEnd(58)} ${String(rows).padStart(9)} rows  best ${best.toFixed(1).padStart(8)} ms  (${times.map((t) => t.toFixed(0)).join(', ')})\n`,
  );
}
await store.close();
