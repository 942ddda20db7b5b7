/**
 * Benchmark (issue 13): peak memory of the national import. Runs `veerkracht import <folder>`
 * (the compiled CLI, in its own process) on the whole real-data folder (VEERKRACHT_REAL_DATA,
 * default ../shared/data: 34 files, boundaries of five divisions, KWB, Leefbaarometer, RIVM,
 * police; harmonisation included) into a fresh SQLite file, under `/usr/bin/time -v`, and prints
 * its peak resident set size (maxresident), wall and CPU time and the load average.
 * Target: peak RSS < 500 MB. Run: `npx tsx bench/import-memory.bench.ts` (BENCH_ROUNDS, default 1).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CLI, ensureCliBuilt, ROOT } from '../test/cli/run-cli.js';

const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? join(ROOT, '../shared/data'));
const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS'] ?? 1));
const TARGET_MB = 500;

if (!existsSync(join(DATA, 'cbs-geo'))) {
  process.stderr.write(`no real data at ${DATA} (set VEERKRACHT_REAL_DATA)\n`);
  process.exit(1);
}
if (!existsSync('/usr/bin/time')) {
  process.stderr.write('needs /usr/bin/time (Debian package "time")\n');
  process.exit(1);
}

ensureCliBuilt();
const work = mkdtempSync(join(tmpdir(), 'vk-bench-mem-'));
let worst = 0;
try {
  for (let i = 1; i <= ROUNDS; i++) {
    const db = join(work, `national${i}.db`);
    const load = loadavg()[0]!.toFixed(1);
    const { stderr } = await promisify(execFile)(
      '/usr/bin/time',
      ['-v', process.execPath, CLI, 'import', DATA],
      { cwd: ROOT, env: { ...process.env, VEERKRACHT_DB: db }, maxBuffer: 64 * 1024 * 1024 },
    );
    const pick = (re: RegExp): string => re.exec(stderr)?.[1] ?? '?';
    const peakMb = Number(pick(/Maximum resident set size \(kbytes\): (\d+)/)) / 1024;
    worst = Math.max(worst, peakMb);
    process.stdout.write(
      `national import ${i}: peak RSS ${peakMb.toFixed(0)} MB (target < ${TARGET_MB} MB), wall ${pick(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/)}, CPU ${pick(/User time \(seconds\): (\S+)/)} s user + ${pick(/System time \(seconds\): (\S+)/)} s system, load average ${load}\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (worst >= TARGET_MB) process.exitCode = 1;
