/**
 * Benchmark: start-up of the command line as it ships — the compiled CLI run in one process
 * (`node bin/veerkracht.mjs`) — against a bare `node -e 0`:
 *   - `veerkracht --help` (loads no package: the commands are imported only when run);
 *   - with VEERKRACHT_BENCH_DB naming a store with the national data, `veerkracht status` and
 *     `veerkracht maps --area GM0202 --map veerkracht-absoluut` (Arnhem, CSV) on it.
 * Run: `npm run build:cli && npx tsx bench/cli-startup.bench.ts [runs]` (default 20 runs, 3 warm-ups).
 * Timed by hyperfine when it is installed, else by this script (spawnSync, median of the runs).
 * Targets: --help ≤ 6 × `node -e 0`; status on the national store ≤ 1 s; maps ≤ 1.5 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'veerkracht.mjs');
const runs = Number(process.argv[2] ?? 20);
const db = process.env['VEERKRACHT_BENCH_DB'];

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('the CLI is not built: run `npm run build:cli` first\n');
  process.exit(64);
}
if (db !== undefined && !existsSync(db)) {
  process.stderr.write(`VEERKRACHT_BENCH_DB: ${db} does not exist\n`);
  process.exit(64);
}

interface Case {
  label: string;
  argv: string[];
  /** Seconds, or a multiple of the `node -e 0` median. */
  target?: { seconds: number } | { timesNode: number };
}

const cases: Case[] = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: 'veerkracht --help', argv: [process.execPath, CLI, '--help'], target: { timesNode: 6 } },
  { label: 'veerkracht import --help', argv: [process.execPath, CLI, 'import', '--help'] },
  ...(db
    ? [
        {
          label: 'veerkracht status (national store)',
          argv: [process.execPath, CLI, 'status'],
          target: { seconds: 1 },
        },
        {
          label: 'veerkracht maps --area GM0202 (national store)',
          argv: [process.execPath, CLI, 'maps', '--area', 'GM0202', '--map', 'veerkracht-absoluut'],
          target: { seconds: 1.5 },
        },
      ]
    : []),
];
const env = { ...process.env, ...(db ? { VEERKRACHT_DB: db } : {}) };

interface Timing {
  median: number;
  min: number;
  max: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeWithHyperfine(): Timing[] | undefined {
  if (spawnSync('hyperfine', ['--version']).status !== 0) return undefined;
  const json = join(mkdtempSync(join(tmpdir(), 'vk-bench-')), 'hyperfine.json');
  const quote = (a: string): string => (/^[\w./=-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const r = spawnSync(
    'hyperfine',
    [
      '-N',
      '--warmup',
      '3',
      '--runs',
      String(runs),
      '--export-json',
      json,
      ...cases.map((c) => c.argv.map(quote).join(' ')),
    ],
    { env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`hyperfine exited with ${r.status}`);
  const { results } = JSON.parse(readFileSync(json, 'utf8')) as {
    results: { median: number; min: number; max: number }[];
  };
  return results.map((x) => ({ median: x.median, min: x.min, max: x.max }));
}

function timeOurselves(): Timing[] {
  return cases.map((c) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      const r = spawnSync(c.argv[0]!, c.argv.slice(1), { env, stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${c.label} exited with ${r.status}`);
      if (i >= 3) times.push((performance.now() - t0) / 1000);
    }
    return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
  });
}

const timings = timeWithHyperfine() ?? timeOurselves();
const node = timings[0]!.median;
const ms = (s: number): string => `${(s * 1000).toFixed(0)} ms`;
process.stdout.write(
  `\n${'command'.padEnd(40)} ${'median'.padStart(8)}  ${'min–max'.padEnd(15)} × node -e 0  target\n`,
);
cases.forEach((c, i) => {
  const t = timings[i]!;
  let verdict = '';
  if (c.target) {
    const limit = 'seconds' in c.target ? c.target.seconds : c.target.timesNode * node;
    const what = 'seconds' in c.target ? `≤ ${c.target.seconds} s` : `≤ ${c.target.timesNode} × node`;
    verdict = `${what}: ${t.median <= limit ? 'ok' : 'OVER'}`;
  }
  process.stdout.write(
    `${c.label.padEnd(40)} ${ms(t.median).padStart(8)}  ${`${ms(t.min)}–${ms(t.max)}`.padEnd(15)} ${(t.median / node).toFixed(1).padStart(10)}  ${verdict}\n`,
  );
});
if (!db)
  process.stdout.write('(set VEERKRACHT_BENCH_DB to a national store to time `veerkracht status` too)\n');
