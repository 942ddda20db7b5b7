/**
 * Benchmark: `importPostcodeTable` at national size — a generated file in CBS's layout
 * ("Buurt, wijk en gemeente <jaar> voor postcode huisnummer", PC6;Huisnummer;Buurt;Wijk;Gemeente)
 * with BENCH_ADDRESSES rows (default 8,000,000, about the country's), streamed into a fresh SQLite
 * store in one transaction. Prints the time, the rows per second, the peak RSS and the store's
 * growth per address; then times one own-stock-sized lookup (2,000 addresses).
 * Run: `npx tsx bench/postcode-import.bench.ts`.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { importPostcodeTable } from '../src/pipeline/sources/postcode/import-postcode-table.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const ADDRESSES = Number(process.env['BENCH_ADDRESSES'] ?? 8_000_000);
const dir = mkdtempSync(join(tmpdir(), 'vk-bench-postcode-'));

/** Postcode n (0-based) → 1000AA…: four digits, two letters. */
function postcode(n: number): string {
  const letters = n % 676;
  return `${1000 + Math.floor(n / 676)}${String.fromCharCode(65 + Math.floor(letters / 26))}${String.fromCharCode(65 + (letters % 26))}`;
}

try {
  const csv = join(dir, 'pc6hnr20240801_gwb.csv');
  const out = createWriteStream(csv);
  out.write('PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\r\n');
  // 15 addresses per postcode, 400 postcodes per buurt, 10 buurten per wijk, 20 wijken per gemeente
  for (let i = 0; i < ADDRESSES; i++) {
    const pc = Math.floor(i / 15);
    const buurt = Math.floor(pc / 400);
    const g = String(Math.floor(buurt / 200) + 1).padStart(4, '0');
    const w = `${g}${String(Math.floor(buurt / 10) % 20).padStart(2, '0')}`;
    const line = `${postcode(pc)};${(i % 15) + 1};${w}${String(buurt % 10).padStart(2, '0')};${w};${g}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const store = openSqliteStore({ path: join(dir, 'store.db') });
  const before = statSync(join(dir, 'store.db')).size;
  const t = performance.now();
  const r = await importPostcodeTable(store, csv);
  const seconds = (performance.now() - t) / 1000;
  const lookup = Array.from({ length: 2000 }, (_, k) => ({
    postcode: postcode(k * 97),
    huisnummer: 1 + (k % 15),
  }));
  const l = performance.now();
  const found = await store.postcodes.findPostcodeBuurten(lookup);
  const lookupMs = performance.now() - l;
  await store.close();
  const growth = statSync(join(dir, 'store.db')).size - before;
  console.log(
    `postcode import: ${r.rows.toLocaleString('en')} addresses, ${r.buurten} buurten in ${seconds.toFixed(1)} s ` +
      `(${Math.round(r.rows / seconds).toLocaleString('en')} rows/s), file ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB, ` +
      `store +${(growth / 2 ** 20).toFixed(0)} MiB (${(growth / r.rows).toFixed(1)} B/address), ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
      `lookup of ${lookup.length} addresses: ${lookupMs.toFixed(0)} ms (${found.size} found)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
