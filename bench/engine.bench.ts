/**
 * Benchmark: the engine on a generated national data set — 345 gemeenten × 42 buurten
 * (14,490 buurten), KWB-like values every year 2014–2024, RIVM 2012/2016/2020, Leefbaarometer
 * 2014/2018/2020/2022/2024 — computing every derived indicator, the index level for every
 * year, and both classifications for every one-year period and the standard periods.
 * Run: `npx tsx bench/engine.bench.ts`. Target: ≤ 2 s (generation excluded).
 * Numbers are generated (seeded), not real data.
 */
import { createEngine } from '../src/domain/engine/veerkracht-engine.js';
import { syntheticCountry } from '../test/synthetic/synthetic-country.js';

const YEARS = Array.from({ length: 11 }, (_, i) => 2014 + i);
const t0 = performance.now();
const country = syntheticCountry({
  gemeenten: 345,
  buurtenPerGemeente: 42,
  kwbYears: YEARS,
  rivmYears: [2012, 2016, 2020],
  lbmYears: [2014, 2018, 2020, 2022, 2024],
});
const generated = performance.now();
process.stdout.write(
  `generated ${country.buurten.length} buurten, ${country.values.length} values in ${((generated - t0) / 1000).toFixed(2)} s\n`,
);

const start = performance.now();
const engine = createEngine(country.buurten, country.values);
const derived = performance.now();
for (const y of YEARS) engine.level(y);
const levels = performance.now();
const periods = [
  ...YEARS.slice(1).map((y) => ({ t0: y - 1, t1: y })),
  { t0: 2014, t1: 2020 },
  { t0: 2016, t1: 2020 },
  { t0: 2020, t1: 2024 },
  { t0: 2014, t1: 2024 },
];
let classified = 0;
for (const p of periods) {
  const r = engine.period(p);
  classified += r.classification.absolute.classes.length + r.classification.relative.classes.length;
}
const done = performance.now();
const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(3)} s`;
process.stdout.write(
  [
    `table + derived indicators: ${s(start, derived)} (${engine.table.indicators().length} indicators)`,
    `index level, ${YEARS.length} years:        ${s(derived, levels)}`,
    `${periods.length} periods × 2 classifications: ${s(levels, done)} (${classified} buurt classes)`,
    `total engine:               ${s(start, done)}  (target ≤ 2 s) ${done - start <= 2000 ? 'OK' : 'TOO SLOW'}`,
  ].join('\n') + '\n',
);
