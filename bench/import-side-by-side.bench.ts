/**
 * Benchmark (issue 13): Veerkracht against the GDAL + PostgreSQL/PostGIS reference pipeline
 * (../shared/bench/postgis-reference, its README) on the same inputs, on the same machine, in
 * the same minutes.
 *
 *   1. Import, interleaved A B A B … (BENCH_ROUNDS, default 3): Veerkracht's
 *      `veerkracht import <boundaries 2019> <RIVM> <police> <KWB 2024 subset>` (the compiled CLI
 *      in its own process, a fresh SQLite file each round; and on PostgreSQL —
 *      VEERKRACHT_DATABASE_URL, a fresh database in the reference's cluster each round — unless
 *      VEERKRACHT_BENCH_PG=0) against
 *      the reference's `load.sh` + `compute.sh` (a fresh database each round). Medians and the
 *      ratios by wall time and by CPU time — the clients' (/usr/bin/time) plus the PostgreSQL
 *      server's (its processes in /proc) — since on a busy machine a pipeline of several
 *      processes gets several shares of the cores — and the median of each round's ratio (the
 *      machine's speed drifts between rounds); target: Veerkracht ≤ the reference's load +
 *      compute.
 *      Each round also runs the import's floor (bench/import-floor.mjs, unless
 *      VEERKRACHT_BENCH_FLOOR=0): the same files parsed as the import parses them, then only their
 *      values written as one wide row per file, area and year — what no change of the store could
 *      take away — and prints both against the reference's round.
 *   2. Map throughput at 50 connections: wrk (-t2 -c50, BENCH_SECONDS, gzip accepted) against
 *      `GET /api/maps?area=GM0363&map=veerkracht-absoluut` (the compiled CLI's `veerkracht serve`
 *      in its own process, as an operator runs it, on the store of the last SQLite round; after
 *      the 1-minute load average has fallen below 1 — at most 150 s — since the target is for an
 *      otherwise idle machine, and after a 5 s warm-up run at the same load (printed, not
 *      compared); BENCH_MAP_RUNS runs, default 3, each printed, the median run by
 *      p99 compared) and the reference's `bench-serve.sh` (pgbench -M prepared -c 50 -j 2: the
 *      map query on the fly, and pre-generalised).
 *      Targets: ≥ 10 × the reference's req/s; p99 ≤ 20 ms when the machine is otherwise idle.
 *
 * The reference's scripts are called in place (never copied). Its cluster is started here
 * (`cluster.sh start`, a temp dir, a free loopback port) and stopped at the end. Needs
 * postgresql-15, postgresql-15-postgis-3, gdal-bin and wrk. The load average (1 min) is printed
 * with every figure: the machine is shared.
 *
 * Run: `npx tsx bench/import-side-by-side.bench.ts` (VEERKRACHT_REAL_DATA, default
 * ../shared/data; REF_HOME, default ../shared/bench/postgis-reference; BENCH_ROUNDS=3;
 * BENCH_SECONDS=20).
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CLI, ensureCliBuilt, ROOT } from '../test/cli/run-cli.js';

const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? join(ROOT, '../shared/data'));
const REF_HOME = resolve(process.env['REF_HOME'] ?? join(ROOT, '../shared/bench/postgis-reference'));
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 3));
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WITH_PG = process.env['VEERKRACHT_BENCH_PG'] !== '0';
const WITH_FLOOR = process.env['VEERKRACHT_BENCH_FLOOR'] !== '0';
const GEMEENTE = 'GM0363';
const MAP = 'veerkracht-absoluut';
const INPUTS = [
  'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
  'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
  'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
  'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz',
].map((f) => join(DATA, f));

const missing = [...INPUTS, join(REF_HOME, 'load.sh')].filter((f) => !existsSync(f));
if (missing.length) {
  process.stderr.write(`missing: ${missing.join(', ')} (set VEERKRACHT_REAL_DATA / REF_HOME)\n`);
  process.exit(1);
}

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'vk-bench-side-'));
chmodSync(work, 0o755); // run as root, cluster.sh runs the server as user postgres
const load = (): string => loadavg()[0]!.toFixed(1);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const refPort = await freePort();
const refEnv = {
  ...process.env,
  REF_PORT: String(refPort),
  REF_CLUSTER_DIR: join(work, 'ref-cluster'),
  REF_DATA: DATA,
  REF_SECONDS: String(SECONDS),
};

/** Runs one of the reference's scripts in place; its "step\tname\tseconds" lines as a map, plus
 * `cpu`: the CPU seconds of the script and its clients (psql, ogr2ogr, gzip, sed; /usr/bin/time). */
async function reference(script: string, args: string[] = []): Promise<Map<string, string>> {
  const { stdout, stderr } = await run('/usr/bin/time', [...TIME_FORMAT, join(REF_HOME, script), ...args], {
    cwd: REF_HOME,
    env: refEnv,
    maxBuffer: 16 * 1024 * 1024,
  });
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [kind, name, value] = line.split('\t');
    if ((kind === 'step' || kind === 'serve') && name && value !== undefined) out.set(name, value);
  }
  out.set('cpu', String(cpuOf(stderr)));
  return out;
}

const TIME_FORMAT = ['-f', 'cputime %U %S'];

/** User + system seconds from /usr/bin/time's last line (TIME_FORMAT). */
function cpuOf(stderr: string): number {
  const m = /cputime ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (!m) throw new Error(`no CPU time in: ${stderr.slice(-300)}`);
  return Number(m[1]) + Number(m[2]);
}

/**
 * CPU seconds the reference cluster's server has used so far: the postmaster (with its exited
 * backends, cutime/cstime) and its live children (backends, checkpointer, WAL writer), /proc.
 */
function serverCpu(): number {
  const pidFile = join(work, 'ref-cluster', 'data', 'postmaster.pid');
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    const pid = Number(entry);
    if (pid !== postmaster && Number(f[1]) !== postmaster) continue;
    ticks += Number(f[11]) + Number(f[12]); // utime, stime
    if (pid === postmaster) ticks += Number(f[13]) + Number(f[14]); // cutime, cstime
  }
  return ticks / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/** `veerkracht import` of the four inputs in its own process: wall and CPU seconds. */
async function veerkrachtImport(env: Record<string, string>): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const stderr = await new Promise<string>((resolveRun, reject) => {
    const child = spawn('/usr/bin/time', [...TIME_FORMAT, process.execPath, CLI, 'import', ...INPUTS], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolveRun(err) : reject(new Error(`veerkracht import exited ${code}: ${err}`)),
    );
  });
  return { wall: (performance.now() - t) / 1000, cpu: cpuOf(stderr) };
}

async function psql(sql: string): Promise<void> {
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-c', sql], {
    env: { ...refEnv, PGHOST: '127.0.0.1', PGPORT: String(refPort), PGUSER: 'postgres' },
  });
}

interface Timed {
  wall: number;
  /** CPU seconds of the client processes plus the PostgreSQL server's (when it took part). */
  cpu: number;
}

interface Round {
  sqlite: Timed;
  pg?: Timed;
  ref: Timed & { load: number; compute: number };
  floor?: Floor;
}

/** bench/import-floor.mjs: the import's floor, seconds since its process started. */
interface Floor {
  parsed: number;
  wideRowsWritten: number;
  /** The whole process, as the import's wall. */
  wall: number;
}

/** The import's floor on the same inputs (bench/import-floor.mjs, its own process). */
async function importFloor(): Promise<Floor> {
  const t = performance.now();
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/import-floor.mjs'), ...INPUTS], {
    cwd: ROOT,
    maxBuffer: 1024 * 1024,
  });
  const wall = (performance.now() - t) / 1000;
  const out = JSON.parse(stdout.trim().split('\n').pop()!) as { parsed: number; wideRowsWritten: number };
  return { parsed: out.parsed / 1000, wideRowsWritten: out.wideRowsWritten / 1000, wall };
}

const show = (t: Timed): string => `${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU`;

async function importRounds(): Promise<{ rounds: Round[]; lastDb: string }> {
  const rounds: Round[] = [];
  let lastDb = '';
  for (let i = 1; i <= ROUNDS; i++) {
    lastDb = join(work, `round${i}.db`);
    let before = load();
    const sqlite = await veerkrachtImport({ VEERKRACHT_DB: lastDb });
    say(`round ${i}  veerkracht import (SQLite)      ${show(sqlite)}   load ${before}`);
    let pg: Timed | undefined;
    if (WITH_PG) {
      const db = `vk_bench_${i}`;
      await psql(`DROP DATABASE IF EXISTS ${db}`);
      await psql(`CREATE DATABASE ${db}`);
      before = load();
      const server0 = serverCpu();
      const client = await veerkrachtImport({
        VEERKRACHT_DATABASE_URL: `postgres://postgres@127.0.0.1:${refPort}/${db}`,
        VEERKRACHT_DB: join(work, `unused${i}.db`),
      });
      pg = { wall: client.wall, cpu: client.cpu + serverCpu() - server0 };
      say(`round ${i}  veerkracht import (PostgreSQL)  ${show(pg)}   load ${before}`);
    }
    before = load();
    const server0 = serverCpu();
    const loaded = await reference('load.sh');
    const computed = await reference('compute.sh');
    const ref = {
      load: Number(loaded.get('load_total')),
      compute: Number(computed.get('compute')),
      wall: Number(loaded.get('load_total')) + Number(computed.get('compute')),
      cpu: Number(loaded.get('cpu')) + Number(computed.get('cpu')) + serverCpu() - server0,
    };
    say(
      `round ${i}  reference load + compute        ${show(ref)}   (${ref.load.toFixed(2)} + ${ref.compute.toFixed(2)} s)   load ${before}`,
    );
    let floor: Floor | undefined;
    if (WITH_FLOOR) {
      before = load();
      floor = await importFloor();
      say(
        `round ${i}  floor: parse only ${floor.parsed.toFixed(2)} s, + wide value rows ${floor.wideRowsWritten.toFixed(2)} s (process ${floor.wall.toFixed(2)} s)   load ${before}`,
      );
    }
    rounds.push({ sqlite, ...(pg ? { pg } : {}), ref, ...(floor ? { floor } : {}) });
  }
  return { rounds, lastDb };
}

interface Throughput {
  rps: number;
  p50: string;
  p99: string;
  p99ms: number;
  load: string;
  detail: string;
}

const ms = (s: string): number => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(s);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
};

/** The compiled CLI's `veerkracht serve` on `dbPath`, as an operator runs it; resolves once it listens. */
async function startServe(dbPath: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env: { ...process.env, VEERKRACHT_DB: dbPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  await new Promise<void>((ready, fail) => {
    const seen = (d: Buffer): void => {
      said += d.toString();
      if (said.includes(`:${port}`)) ready();
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => fail(new Error(`veerkracht serve exited (${code}): ${said.slice(-500)}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((stopped) => {
        child.once('exit', () => stopped());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Waits until the 1-minute load average is below `below` (the benchmark's own imports and
 * psql runs just ended), at most `maxSeconds`; returns the seconds waited.
 */
async function settle(below = 1.0, maxSeconds = 150): Promise<number> {
  const t0 = Date.now();
  while (loadavg()[0]! >= below && Date.now() - t0 < maxSeconds * 1000)
    await new Promise((r) => setTimeout(r, 2000));
  return Math.round((Date.now() - t0) / 1000);
}

/** Map runs of wrk in a row against one server (the machine's tail varies from run to run). */
const MAP_RUNS = Math.max(1, Number(process.env['BENCH_MAP_RUNS'] ?? 3));
const WARM_UP_SECONDS = 5;

async function veerkrachtMaps(dbPath: string): Promise<Throughput[]> {
  const server = await startServe(dbPath);
  const url = `http://127.0.0.1:${server.port}/api/maps?area=${GEMEENTE}&map=${MAP}`;
  try {
    const first = await fetch(url);
    const body = await first.text();
    if (first.status !== 200) throw new Error(`${url}: ${first.status} ${body.slice(0, 200)}`);
    const size = await wireBytes(url);
    const features = (JSON.parse(body) as { features?: unknown[] }).features?.length ?? '?';
    const wrk = (seconds: number) =>
      run('/usr/bin/wrk', ['-t2', '-c50', `-d${seconds}s`, '--latency', '-H', 'Accept-Encoding: gzip', url], {
        maxBuffer: 1024 * 1024,
      });
    // A fresh process compiles its hot path during its first seconds under load (p99 ≈ 100 ms in
    // a first run here against ≈ 10 ms after): one warm-up run, printed, not compared.
    const warm = await wrk(WARM_UP_SECONDS);
    const warmP99 = /^\s+99%\s+(\S+)/m.exec(warm.stdout)?.[1] ?? '?';
    const waited = await settle();
    const runs: Throughput[] = [];
    for (let i = 0; i < MAP_RUNS; i++) {
      const before = load();
      const { stdout } = await wrk(SECONDS);
      const pick = (re: RegExp): string => re.exec(stdout)?.[1] ?? '?';
      const p99 = pick(/^\s+99%\s+(\S+)/m);
      runs.push({
        rps: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
        p50: pick(/^\s+50%\s+(\S+)/m),
        p99,
        p99ms: ms(p99),
        load: before,
        detail: `${features} buurten, ${Buffer.byteLength(body)} B plain, ${size} B gzipped; errors: ${pick(/Non-2xx or 3xx responses: (\d+)/).replace('?', '0')}${i === 0 ? `; after a ${WARM_UP_SECONDS} s warm-up run (p99 ${warmP99}) and ${waited} s waiting for load < 1` : ''}`,
      });
    }
    return runs;
  } finally {
    await server.stop();
  }
}

/** Bytes of the gzipped answer as sent (fetch would inflate it). */
function wireBytes(url: string): Promise<number> {
  return new Promise((resolveSize, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolveSize(n));
    }).on('error', reject);
  });
}

async function referenceMaps(sqlFile: string): Promise<Throughput> {
  const before = load();
  const r = await reference('bench-serve.sh', [join(REF_HOME, sqlFile)]);
  return {
    rps: Number(r.get('tps')),
    p50: `${r.get('latency_p50_ms')}ms`,
    p99: `${r.get('latency_p99_ms')}ms`,
    p99ms: Number(r.get('latency_p99_ms')),
    load: before,
    detail: `${r.get('features')} buurten, ${r.get('bytes_raw')} B raw (${r.get('bytes_gzip')} B gzipped); steady ${r.get('tps_steady')} tps, p99 ${r.get('latency_p99_ms_steady')} ms`,
  };
}

ensureCliBuilt();
await reference('cluster.sh', ['start']);
try {
  say(
    `inputs: ${INPUTS.map((f) => f.slice(DATA.length + 1)).join(', ')}\nreference: ${REF_HOME} (cluster on 127.0.0.1:${refPort}); ${ROUNDS} rounds, interleaved`,
  );
  const { rounds, lastDb } = await importRounds();
  const med = (pick: (r: Round) => number): number => median(rounds.map(pick));
  const ref = { wall: med((r) => r.ref.wall), cpu: med((r) => r.ref.cpu) };
  const sqlite = { wall: med((r) => r.sqlite.wall), cpu: med((r) => r.sqlite.cpu) };
  const pg = WITH_PG ? { wall: med((r) => r.pg!.wall), cpu: med((r) => r.pg!.cpu) } : undefined;
  const ratio = (t: Timed): string =>
    `${(t.wall / ref.wall).toFixed(2)} by wall time, ${(t.cpu / ref.cpu).toFixed(2)} by CPU time`;
  say('');
  say(`median veerkracht import (SQLite)       ${show(sqlite)}`);
  if (pg) say(`median veerkracht import (PostgreSQL)   ${show(pg)}`);
  say(
    `median reference load + compute         ${show(ref)}   (load ${med((r) => r.ref.load).toFixed(2)}, compute ${med((r) => r.ref.compute).toFixed(2)} s)`,
  );
  say(`ratio veerkracht (SQLite) / reference   ${ratio(sqlite)}   target ≤ 1`);
  if (pg) say(`ratio veerkracht (PostgreSQL) / ref.    ${ratio(pg)}   target ≤ 1`);
  // The machine's speed drifts from minute to minute (docs/benchmarks.md, session 5): the ratio
  // within each round, whose runs follow each other, is steadier than the ratio of the medians.
  const perRound = (pick: (r: Round) => Timed): string => {
    const ratios = rounds.map((r) => pick(r).wall / r.ref.wall);
    return `${median(ratios).toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`;
  };
  say(`ratio per round, median (SQLite)        ${perRound((r) => r.sqlite)} by wall time`);
  if (pg) say(`ratio per round, median (PostgreSQL)    ${perRound((r) => r.pg!)} by wall time`);
  if (WITH_FLOOR) {
    // what no tuning of the store can take away: the parse alone, and the parse with the values
    // stored as wide rows and nothing else (bench/import-floor.mjs)
    const floorRatio = (pick: (f: Floor) => number): string => {
      const ratios = rounds.map((r) => pick(r.floor!) / r.ref.wall);
      return `${median(rounds.map((r) => pick(r.floor!))).toFixed(2)} s, per round ${median(ratios).toFixed(2)} × the reference (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')})`;
    };
    say(`floor: parse only                       ${floorRatio((f) => f.parsed)}`);
    say(`floor: parse + wide value rows          ${floorRatio((f) => f.wideRowsWritten)}`);
  }
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-v', 'tol=10', '-f', 'prepare-serve.sql'], {
    cwd: REF_HOME,
    env: {
      ...refEnv,
      PGHOST: '127.0.0.1',
      PGPORT: String(refPort),
      PGUSER: 'postgres',
      PGDATABASE: 'veerkracht_ref',
    },
  });
  say('');
  say(`map ${GEMEENTE}, 50 connections, ${SECONDS} s each:`);
  const runs = await veerkrachtMaps(lastDb);
  runs.forEach((r, i) =>
    say(
      `veerkracht GET /api/maps (wrk), run ${i + 1}  ${r.rps.toFixed(0)} req/s  p50 ${r.p50}  p99 ${r.p99}  load ${r.load}  (${r.detail})`,
    ),
  );
  const byP99 = [...runs].sort((a, b) => a.p99ms - b.p99ms);
  const v = byP99[Math.floor((byP99.length - 1) / 2)]!; // the median run by p99 (the lower middle of an even count)
  const onTheFly = await referenceMaps('serve-gemeente.sql');
  say(
    `reference, on the fly (pgbench)         ${onTheFly.rps.toFixed(0)} tps    p50 ${onTheFly.p50}  p99 ${onTheFly.p99}  load ${onTheFly.load}  (${onTheFly.detail})`,
  );
  const pre = await referenceMaps('serve-gemeente-pregeneralised.sql');
  say(
    `reference, pre-generalised (pgbench)    ${pre.rps.toFixed(0)} tps    p50 ${pre.p50}  p99 ${pre.p99}  load ${pre.load}  (${pre.detail})`,
  );
  say(
    `throughput ratio veerkracht / reference ${(v.rps / onTheFly.rps).toFixed(1)} × (on the fly), ${(v.rps / pre.rps).toFixed(1)} × (pre-generalised)   target ≥ 10 ×; median run's p99 ${v.p99} (target ≤ 20 ms when idle; runs ${runs.map((r) => r.p99).join(', ')})`,
  );
} finally {
  await reference('cluster.sh', ['stop']).catch((e: unknown) => say(`cluster.sh stop: ${String(e)}`));
  rmSync(work, { recursive: true, force: true });
}
