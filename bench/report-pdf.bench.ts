/**
 * Benchmark: the report of a gemeente (GET /api/reports/<area>.pdf) on the real data
 * (VEERKRACHT_REAL_DATA; the Heerlen files of the web tests), over HTTP from a real server:
 *   1. the first report, Chromium started on the way;
 *   2. a report with Chromium running and nothing cached (the other language);
 *   3. the same report again, from the renderer's cache;
 *   4. single map PDFs (GET /api/maps.pdf, A4 and A3) with Chromium running (target ≤ 3 s).
 * The server's engine is loaded before (as on a running server), so the figures are the report's.
 * Target: a gemeente report ≤ 15 s. Run: `VEERKRACHT_REAL_DATA=../shared/data npx tsx bench/report-pdf.bench.ts [area]`
 * (builds web/dist if missing; needs /usr/bin/chromium and pdfinfo).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRealServer } from '../test/e2e/support/real-server.js';

const area = process.argv[2] ?? 'GM0917';

async function timed(url: string): Promise<{ seconds: number; pages: number; kb: number }> {
  const started = performance.now();
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  const body = Buffer.from(await res.arrayBuffer());
  const seconds = (performance.now() - started) / 1000;
  const file = join(mkdtempSync(join(tmpdir(), 'vk-report-bench-')), 'report.pdf');
  writeFileSync(file, body);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return { seconds, pages, kb: Math.round(body.length / 1024) };
}

const server = await startRealServer();
try {
  process.stdout.write(`report PDF of ${area} (real data, import ${server.importSeconds.toFixed(1)} s)\n`);
  // a running server has its engine loaded: load it first, so the figures are the report's own
  const warming = performance.now();
  await (await fetch(`${server.url}/api/maps/definitions?area=${area}`)).text();
  await (await fetch(`${server.url}/api/maps?area=${area}&map=corporatiebezit`)).text();
  process.stdout.write(
    `  engine loaded (not part of the report): ${((performance.now() - warming) / 1000).toFixed(1)} s\n`,
  );
  const first = await timed(`${server.url}/api/reports/${area}.pdf`);
  process.stdout.write(
    `  first report (Chromium started): ${first.seconds.toFixed(1)} s, ${first.pages} pages, ${first.kb} kB\n`,
  );
  const warm = await timed(`${server.url}/api/reports/${area}.pdf?lang=en`);
  process.stdout.write(
    `  Chromium running, not cached (English): ${warm.seconds.toFixed(1)} s, ${warm.pages} pages\n`,
  );
  const cached = await timed(`${server.url}/api/reports/${area}.pdf`);
  process.stdout.write(`  cached (same data version): ${cached.seconds.toFixed(2)} s\n`);
  // one map as PDF with Chromium running (target ≤ 3 s), each map once so nothing is cached
  for (const [map, size] of [
    ['veerkracht-relatief', 'a4'],
    ['ontwikkeling-overlast', 'a4'],
    ['concentratie-kwetsbaren', 'a3'],
  ] as const) {
    const one = await timed(`${server.url}/api/maps.pdf?area=${area}&map=${map}&size=${size}`);
    process.stdout.write(
      `  map PDF ${map} (${size.toUpperCase()}, Chromium running): ${one.seconds.toFixed(2)} s — target ≤ 3 s ${one.seconds <= 3 ? 'met' : 'NOT met'}\n`,
    );
  }
  process.stdout.write(
    `  target ≤ 15 s per report, Chromium running: ${warm.seconds <= 15 ? 'met' : 'NOT met'}; first report incl. Chromium start: ${first.seconds <= 15 ? 'met' : 'NOT met'}\n`,
  );
} finally {
  await server.close();
  process.exit(0); // the app's Chromium ends with the process
}
