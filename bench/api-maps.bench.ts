/**
 * Benchmark: GET /api/maps for the gemeente with the most buurten, over loopback.
 * Store: VEERKRACHT_BENCH_DB (an existing store, e.g. after importing the national real data),
 * else a temporary store with the national real data imported (boundaries 2019, Leefbaarometer,
 * RIVM, police; ~40 s). Prints the gzipped size (target ≤ 150 KB) and latency percentiles of
 * 50 concurrent keep-alive connections (target p99 ≤ 20 ms), with a small Node load generator
 * (bench/load-generator.ts) in a child process.
 * Run: `npx tsx bench/api-maps.bench.ts`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { importPaths } from '../src/pipeline/run-import.js';
import { createApp } from '../src/server/app.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import type { LoadResult } from './load-generator.js';

const CONNECTIONS = 50;
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 10_000);
const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? '../shared/data');

let dir: string | undefined;
let dbPath = process.env['VEERKRACHT_BENCH_DB'];
if (!dbPath) {
  dir = mkdtempSync(join(tmpdir(), 'vk-bench-api-'));
  dbPath = join(dir, 'bench.db');
  const store = openSqliteStore({ path: dbPath });
  const files = [
    'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
    'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
    'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
    'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
  ];
  const t = performance.now();
  await importPaths(
    store,
    files.map((f) => join(DATA, f)),
  );
  process.stdout.write(`imported national real data in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  await store.close();
}

const store = openSqliteStore({ path: dbPath });
const app = createApp(store, { webRoot: '' });
const t1 = performance.now();
const gemeenten = (await (await app.request('/api/gemeenten')).json()) as {
  gemeenten: { code: string; name: string; buurten: number }[];
};
process.stdout.write(`engine loaded in ${((performance.now() - t1) / 1000).toFixed(2)} s\n`);
const largest = [...gemeenten.gemeenten].sort((a, b) => b.buurten - a.buurten)[0]!;
const path = `/api/maps?area=${largest.code}&map=veerkracht-absoluut`;

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const { port } = server.address() as AddressInfo;
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function get(headers: Record<string, string>): Promise<{ status: number; bytes: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolveGet, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, bytes, ms: performance.now() - start }));
    });
    req.on('error', reject);
    req.end();
  });
}

const first = await get({ 'Accept-Encoding': 'gzip' });
const plain = await get({});
process.stdout.write(
  `${largest.name} (${largest.code}, ${largest.buurten} buurten): first request ${first.ms.toFixed(0)} ms; ` +
    `${(first.bytes / 1024).toFixed(1)} KB gzipped, ${(plain.bytes / 1024).toFixed(1)} KB plain (target ≤ 150 KB gzipped) ${first.bytes <= 150 * 1024 ? 'OK' : 'TOO BIG'}\n`,
);
// the load runs in a child process so it does not share the server's event loop
const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], {
  env: {
    ...process.env,
    LOAD_URL: `http://127.0.0.1:${port}${path}`,
    LOAD_CONNECTIONS: String(CONNECTIONS),
    LOAD_REQUESTS: String(REQUESTS),
  },
});
const result = await new Promise<LoadResult>((resolveLoad, reject) => {
  child.once('message', (m) => resolveLoad(m as LoadResult));
  child.once('error', reject);
});
child.kill();
const f = (v: number) => v.toFixed(2);
process.stdout.write(
  `${result.requests} requests, ${CONNECTIONS} connections (load generator in its own process): ${(result.requests / result.seconds).toFixed(0)} req/s; ` +
    `latency p50 ${f(result.p50)} ms, p90 ${f(result.p90)} ms, p99 ${f(result.p99)} ms, max ${f(result.max)} ms, errors ${result.errors} ` +
    `(target p99 ≤ 20 ms) ${result.p99 <= 20 ? 'OK' : 'TOO SLOW'}\n`,
);
agent.destroy();
server.close();
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });
