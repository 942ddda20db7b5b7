/**
 * Benchmark (issue 11): 200 concurrent sessions reading maps for 60 s, next to the same load
 * without login. Store: VEERKRACHT_BENCH_DB (an existing store), else the national real data are
 * imported first (boundaries 2019, Leefbaarometer, RIVM, police; ~40 s). The server (createApp on
 * @hono/node-server, loopback) runs in this process; the load comes from wrk (/usr/bin/wrk, in
 * its own process): 200 connections, 2 threads, 60 s, each request one of the nine maps of one of
 * the 12 largest gemeenten, gzip accepted.
 *
 *   1. anonymous — access public, no cookie;
 *   2. sessions — access members, 200 sessions (20 users × 10 logins), the requests cycling over
 *      the 200 session cookies, so every request resolves a session in the store (and touches
 *      its last-request time at most once a minute).
 *
 * Prints requests/s, latency percentiles (wrk --latency) and errors (non-2xx/3xx answers and
 * socket errors); the target is 0 errors. Run: `npx tsx bench/members-load.bench.ts`
 * (BENCH_SECONDS=60 by default).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { AccessMode } from '../src/api/members.js';
import { importPaths } from '../src/pipeline/run-import.js';
import { createApp } from '../src/server/app.js';
import { addUser, ensureOrganisation } from '../src/service/members/accounts.js';
import { createMembersContext } from '../src/service/members/members-context.js';
import { createReadContext } from '../src/service/read-context.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);
const CONNECTIONS = 200;
const USERS = 20;
const SESSIONS_PER_USER = 10;
const PASSWORD = 'load test password 2026';
const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? '../shared/data');
const NINE = [
  'corporatiebezit',
  'concentratie-kwetsbaren',
  'ontwikkeling-concentratie',
  'leefbaarheid',
  'overlast-onveiligheid',
  'ontwikkeling-overlast',
  'veerkracht-absoluut',
  'veerkracht-relatief',
  'lage-inkomens',
];

const work = mkdtempSync(join(tmpdir(), 'vk-bench-members-'));
let dbPath = process.env['VEERKRACHT_BENCH_DB'];
if (!dbPath) {
  dbPath = join(work, 'bench.db');
  const store = openSqliteStore({ path: dbPath });
  const t = performance.now();
  await importPaths(
    store,
    [
      'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
      'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
      'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
      'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
    ].map((f) => join(DATA, f)),
  );
  process.stdout.write(`imported national real data in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  await store.close();
}

const store = openSqliteStore({ path: dbPath });
const members = createMembersContext(createReadContext(store), { access: 'members' });
const { organisation } = await ensureOrganisation(members, 'Bench corporatie');
const emails: string[] = [];
for (let i = 0; i < USERS; i++) {
  const email = `bench${i}@bench.example`;
  if (!(await store.members.findUser({ email })))
    await addUser(members, 'cli', {
      email,
      role: 'member',
      organisationId: organisation.id,
      password: PASSWORD,
    });
  emails.push(email);
}

interface WrkResult {
  requests: number;
  rps: number;
  p50: string;
  p90: string;
  p99: string;
  max: string;
  errors: number;
  load: string;
}

async function run(access: AccessMode): Promise<WrkResult> {
  const app = createApp(store, { webRoot: '', access });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const cookies: string[] = [];
  if (access === 'members') {
    const t = performance.now();
    const logins = emails.flatMap((email) => Array.from({ length: SESSIONS_PER_USER }, () => email));
    for (let i = 0; i < logins.length; i += 4) {
      const batch = await Promise.all(
        logins.slice(i, i + 4).map(async (email) => {
          const res = await fetch(`${base}/api/session`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ email, password: PASSWORD }),
          });
          if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
          return res.headers.getSetCookie()[0]!.split(';')[0]!;
        }),
      );
      cookies.push(...batch);
    }
    process.stdout.write(
      `${cookies.length} sessions opened in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
  }
  const headers = cookies.length ? { Cookie: cookies[0]! } : {};
  const list = (await (await fetch(`${base}/api/gemeenten`, { headers })).json()) as {
    gemeenten: { code: string; buurten: number }[];
  };
  const largest = [...list.gemeenten].sort((a, b) => b.buurten - a.buurten).slice(0, 12);
  // warm the engine and the response cache (the first request of each map computes it); keep the
  // maps that have data (without KWB data some of the nine are NO_DATA, which is never cached)
  const paths: string[] = [];
  for (const p of largest.flatMap((g) => NINE.map((m) => `/api/maps?area=${g.code}&map=${m}`))) {
    const res = await fetch(`${base}${p}`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
    await res.arrayBuffer();
    if (res.status === 200) paths.push(p);
  }
  process.stdout.write(`${paths.length} maps with data (of ${largest.length * NINE.length})\n`);

  const script = join(work, `${access}.lua`);
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local cookies = {${cookies.map((c) => JSON.stringify(c)).join(',')}}
local n = 0
request = function()
  n = n + 1
  local h = { ["Accept-Encoding"] = "gzip" }
  if #cookies > 0 then h["Cookie"] = cookies[(n % #cookies) + 1] end
  return wrk.format("GET", paths[(n % #paths) + 1], h)
end
`,
  );
  const load = loadavg()[0]!.toFixed(1);
  // asynchronously: the server answers on this process's event loop meanwhile
  const { stdout: out } = await promisify(execFile)(
    '/usr/bin/wrk',
    ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '--timeout', '10s', '-s', script, base],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  server.close();
  if (process.env['BENCH_VERBOSE']) process.stdout.write(out);
  const pick = (re: RegExp) => re.exec(out)?.[1] ?? '?';
  const non2xx = Number(pick(/Non-2xx or 3xx responses: (\d+)/).replace('?', '0'));
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((s, v) => s + Number(v), 0) : 0;
  return {
    requests: Number(pick(/(\d+) requests in/)),
    rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    p50: pick(/^\s+50%\s+(\S+)/m),
    p90: pick(/^\s+90%\s+(\S+)/m),
    p99: pick(/^\s+99%\s+(\S+)/m),
    max: pick(/Latency\s+\S+\s+\S+\s+(\S+)/),
    errors: non2xx + socketErrors,
    load,
  };
}

process.stdout.write(
  `${CONNECTIONS} connections, ${SECONDS} s each, wrk -t2; load average before each run shown\n`,
);
for (const access of ['public', 'members'] as const) {
  const r = await run(access);
  const label =
    access === 'public' ? 'anonymous (public mode)' : `${USERS * SESSIONS_PER_USER} sessions (members mode)`;
  process.stdout.write(
    `${label}: ${r.requests} requests, ${r.rps.toFixed(0)} req/s; latency p50 ${r.p50}, p90 ${r.p90}, p99 ${r.p99}, max ${r.max}; errors ${r.errors} ${r.errors === 0 ? 'OK' : 'ERRORS'}; load avg ${r.load}\n`,
  );
}
await store.close();
rmSync(work, { recursive: true, force: true });
