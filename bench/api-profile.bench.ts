/**
 * Benchmark: GET /api/buurten/:code (the buurt profile) against GET /api/maps, side by side in
 * one run, at 200 concurrent connections with wrk (Debian package `wrk`), over loopback.
 * Store: VEERKRACHT_BENCH_DB (e.g. the national real-data store after
 * `veerkracht import ../shared/data`). Prints, per load: requests/s and latency p50/p99.
 *   1. maps, one URL (the largest gemeente's veerkracht-absoluut map)
 *   2. profile, one URL
 *   3. profiles of 1,000 buurten spread over the country, in turn (after one warming pass)
 * and the cold cost of a profile (service call, no cache). Target: profile ≥ 2,000 req/s at 200
 * connections. Run: `VEERKRACHT_BENCH_DB=… npx tsx bench/api-profile.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/server/app.js';
import { getBuurtProfile } from '../src/service/buurt-profile.js';
import { createReadContext } from '../src/service/read-context.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const CONNECTIONS = 200;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const dbPath = process.env['VEERKRACHT_BENCH_DB'];
if (!dbPath || !existsSync(dbPath)) {
  process.stderr.write(
    'set VEERKRACHT_BENCH_DB to a store (e.g. after `veerkracht import ../shared/data`)\n',
  );
  process.exit(2);
}
if (!existsSync('/usr/bin/wrk')) {
  process.stderr.write('wrk is not installed: apt-get install -y wrk\n');
  process.exit(2);
}

const store = openSqliteStore({ path: dbPath, readonly: true });

// Cold cost: the service without any cache, on buurten spread over the table.
const ctx = createReadContext(store);
const state = await ctx.state.get();
const codes = state.engine.table.buurten.map((b) => b.code);
const spread = Array.from({ length: 1000 }, (_, i) => codes[Math.floor((i * codes.length) / 1000)]!);
let t = performance.now();
await getBuurtProfile(ctx, { code: spread[0]! });
const firstMs = performance.now() - t;
t = performance.now();
for (const code of spread.slice(1, 501)) await getBuurtProfile(ctx, { code });
const coldMs = (performance.now() - t) / 500;
process.stdout.write(
  `${codes.length} buurten on division ${state.divisionYear}; first profile ${firstMs.toFixed(0)} ms ` +
    `(computes every period once), then ${coldMs.toFixed(2)} ms per profile without cache\n`,
);

const app = createApp(store);
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((r) => server.once('listening', r));
const { port } = server.address() as AddressInfo;
const base = `http://127.0.0.1:${port}`;
const gemeenten = (await (await fetch(`${base}/api/gemeenten`)).json()) as {
  gemeenten: { code: string; buurten: number }[];
};
const largest = [...gemeenten.gemeenten].sort((a, b) => b.buurten - a.buurten)[0]!;
const mapPath = `/api/maps?area=${largest.code}&map=veerkracht-absoluut`;
const profilePath = `/api/buurten/${spread[500]}`;

const dir = mkdtempSync(join(tmpdir(), 'vk-bench-profile-'));
const script = join(dir, 'rotate.lua');
writeFileSync(
  script,
  `local paths = {${spread.map((c) => `"/api/buurten/${c}"`).join(',')}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
`,
);
const warm = async () => {
  for (const c of spread) await (await fetch(`${base}/api/buurten/${c}`)).arrayBuffer();
};

interface WrkResult {
  rps: number;
  p50: string;
  p99: string;
  errors: string;
}

/** Runs wrk in its own process (asynchronously: the server shares this event loop). */
function wrk(args: string[]): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${SECONDS}s`,
      '--latency',
      '-H',
      'Accept-Encoding: gzip',
      ...args,
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
        p50: /\s50%\s+(\S+)/.exec(out)?.[1] ?? '?',
        p99: /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?',
        errors: /(Non-2xx[^\n]*|Socket errors[^\n]*)/.exec(out)?.[1] ?? 'none',
      });
    });
  });
}

const line = (name: string, r: WrkResult) =>
  process.stdout.write(
    `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.padStart(8)}  p99 ${r.p99.padStart(8)}  errors: ${r.errors}\n`,
  );
process.stdout.write(`wrk, ${CONNECTIONS} connections, ${SECONDS} s each, gzip accepted:\n`);
line(`maps ${largest.code} veerkracht-absoluut`, await wrk([`${base}${mapPath}`]));
line(`profile ${spread[500]}`, await wrk([`${base}${profilePath}`]));
await warm();
const rotating = await wrk(['-s', script, base]);
line('profiles of 1,000 buurten in turn', rotating);
process.stdout.write(
  `target: profile ≥ 2,000 req/s at ${CONNECTIONS} connections: ${rotating.rps >= 2000 ? 'OK' : 'TOO SLOW'}\n`,
);
server.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
