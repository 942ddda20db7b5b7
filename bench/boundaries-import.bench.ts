/**
 * Benchmark: import the national buurt boundaries 2019 (TopoJSON, 13,594 buurten: validity
 * check and repair, RD area, display geometry per gemeente), the RIVM Gezondheidsmonitor
 * (50090NED 2012/2016/2020) and police registered crime (2021–2025) from the real-data folder
 * (VEERKRACHT_REAL_DATA, default ../shared/data) into a temporary SQLite store, as
 * `veerkracht import` does: one importPaths call, harmonisation included.
 * Run: `npx tsx bench/boundaries-import.bench.ts`. Target: ≤ 20 s in total.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { harmoniseStore } from '../src/pipeline/harmonise/harmonise-store.js';
import { importPaths } from '../src/pipeline/run-import.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? '../shared/data');
const FILES = [
  'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
  'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
  'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
].map((f) => join(DATA, f));

const missing = FILES.filter((f) => !existsSync(f));
if (missing.length) {
  process.stderr.write(`missing real data: ${missing.join(', ')} (set VEERKRACHT_REAL_DATA)\n`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'vk-bench-geo-'));
const store = openSqliteStore({ path: join(dir, 'bench.db') });
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
try {
  const t0 = performance.now();
  let last = t0;
  await importPaths(store, FILES, {}, (r) => {
    const now = performance.now();
    const values = Object.values(r.valuesPerIndicator).reduce((s, v) => s + v.values + v.missing, 0);
    process.stdout.write(
      `${r.file.padEnd(64)} ${seconds(now - last).padStart(8)}  ${r.geometries} geometries, ${values} values\n`,
    );
    last = now;
  });
  const total = performance.now() - t0;
  process.stdout.write(
    `${'harmonisation (after the last file)'.padEnd(64)} ${seconds(performance.now() - last).padStart(8)}\n`,
  );
  process.stdout.write(`${'TOTAL (target ≤ 20 s)'.padEnd(64)} ${seconds(total).padStart(8)}\n`);

  const h0 = performance.now();
  const summary = await harmoniseStore(store);
  const moved = summary.divisions.map(
    (d) =>
      `${d.from}→${summary.reference}: ${d.byCode} by code, ${d.byOverlay} overlay, ${d.unmatched} unmatched, ${d.values} values`,
  );
  process.stdout.write(
    `${'harmonise again (all divisions)'.padEnd(64)} ${seconds(performance.now() - h0).padStart(8)}  ${moved.join('; ')}\n`,
  );
  if (total > 20_000) process.exitCode = 1;
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
