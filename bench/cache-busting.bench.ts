/**
 * Benchmark: memory of the server under cache-busting. On a store (VEERKRACHT_BENCH_DB, e.g. the
 * national real-data store), the real server on loopback gets, from 20 concurrent connections:
 *   1. 50,000 map requests with a unique unknown query parameter (each refused with 400 USAGE),
 *   2. every buurt's profile once (~13,600 distinct valid responses), then every gemeente's map
 *      for three maps (distinct valid responses),
 * and prints the response cache's entries and bytes, the heap after GC and the RSS after each
 * step. Target: the cache stays within its budget (64 MiB) and the heap does not grow with the
 * number of distinct query strings.
 * Run: `VEERKRACHT_BENCH_DB=… node --expose-gc --import tsx bench/cache-busting.bench.ts`.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../src/server/app.js';
import { ResponseCache } from '../src/server/response-cache.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

/** Child mode: request every path of LOAD_PATHS from LOAD_CONNECTIONS workers; send the counts per status. */
if (process.env['LOAD_PATHS']) {
  const paths = JSON.parse(readFileSync(process.env['LOAD_PATHS'], 'utf8')) as string[];
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(process.env['LOAD_CONNECTIONS'] ?? 20) }, async () => {
      while (next < paths.length) {
        const res = await fetch(`${process.env['LOAD_BASE']}${paths[next++]}`, {
          headers: { 'Accept-Encoding': 'gzip' },
        });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  process.send!(statuses);
  process.exit(0);
}

const dbPath = process.env['VEERKRACHT_BENCH_DB'];
if (!dbPath || !existsSync(dbPath)) {
  process.stderr.write(
    'set VEERKRACHT_BENCH_DB to a store (e.g. after `veerkracht import ../shared/data`)\n',
  );
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) process.stderr.write('(run with node --expose-gc for heap figures after GC)\n');

const store = openSqliteStore({ path: dbPath, readonly: true });
const cache = new ResponseCache();
const app = createApp(store, { responseCache: cache });
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
function report(step: string): void {
  gc?.();
  const m = process.memoryUsage();
  process.stdout.write(
    `${step.padEnd(52)} cache ${String(cache.size).padStart(6)} entries, ${mb(cache.bytes).padStart(6)}; ` +
      `heap ${mb(m.heapUsed).padStart(6)}, rss ${mb(m.rss).padStart(6)}\n`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'vk-bench-bust-'));
/** Requests every path from 20 connections in a child process (the server's memory stays its own). */
async function load(paths: readonly string[]): Promise<Map<number, number>> {
  const file = join(dir, 'paths.json');
  writeFileSync(file, JSON.stringify(paths));
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, LOAD_PATHS: file, LOAD_BASE: base, LOAD_CONNECTIONS: '20' },
  });
  const statuses = await new Promise<Record<number, number>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<number, number>));
    child.once('error', reject);
  });
  return new Map(Object.entries(statuses).map(([k, v]) => [Number(k), v]));
}
const show = (s: Map<number, number>) => [...s].map(([k, v]) => `${v}× ${k}`).join(', ');

const gemeenten = (await (await fetch(`${base}/api/gemeenten`)).json()) as { gemeenten: { code: string }[] };
report(`after start (engine loaded, ${gemeenten.gemeenten.length} gemeenten)`);

const busting = Array.from(
  { length: 50_000 },
  (_, i) => `/api/maps?area=GM0363&map=veerkracht-absoluut&_=${i}`,
);
let t = performance.now();
let s = await load(busting);
report(`50,000 unique unknown parameters (${((performance.now() - t) / 1000).toFixed(0)} s: ${show(s)})`);

const codes: string[] = [];
for (const g of gemeenten.gemeenten) {
  const map = (await (await fetch(`${base}/api/maps?area=${g.code}&map=corporatiebezit`)).json()) as {
    features: { id: string }[];
  };
  for (const f of map.features) codes.push(f.id);
}
report(`every gemeente's corporatiebezit map`);
t = performance.now();
s = await load(codes.map((c) => `/api/buurten/${c}`));
report(`${codes.length} buurt profiles (${((performance.now() - t) / 1000).toFixed(0)} s: ${show(s)})`);
t = performance.now();
s = await load(
  gemeenten.gemeenten.flatMap((g) =>
    ['veerkracht-absoluut', 'veerkracht-relatief', 'concentratie-kwetsbaren'].map(
      (m) => `/api/maps?area=${g.code}&map=${m}`,
    ),
  ),
);
report(`3 maps of every gemeente (${((performance.now() - t) / 1000).toFixed(0)} s: ${show(s)})`);
s = await load(busting.slice(0, 20_000));
report(`20,000 more unique unknown parameters (${show(s)})`);
process.stdout.write(
  `cache budget ${mb(cache.maxBytes)}: ${cache.bytes <= cache.maxBytes ? 'OK' : 'OVER'}\n`,
);
server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
