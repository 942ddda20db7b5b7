/**
 * Benchmark: `veerkracht fetch` of every source for 2014–2024 from the national stand-in
 * (test/stand-in: 342 gemeenten, ~2,400 wijken, ~14,400 buurten, KWB on the real 85984NED
 * DataProperties from VEERKRACHT_REAL_DATA (default ../shared/data), RIVM 50150NED, police
 * 47022NED per month, PDOK GeoPackages, a Leefbaarometer zip with a 256 MB grid file). The
 * compiled CLI runs as a child process, twice: `--download-only` (download, page combining, zip
 * extraction), then the same command again (everything in the cache: import and harmonisation
 * only). Prints per step the wall time and the child's peak resident memory (VmHWM), and the
 * download size. The stand-in runs in this process, so its work is not in the child's figures.
 * Run: `npx tsx bench/fetch-national.bench.ts` (BENCH_GEMEENTEN / BENCH_BUURTEN to resize).
 * Numbers are generated, not CBS data.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI, ensureCliBuilt } from '../test/cli/run-cli.js';
import { generateNation } from '../test/stand-in/national-set.js';
import { kwbPropertiesFrom } from '../test/stand-in/real-metadata.js';
import { startStandIn } from '../test/stand-in/server.js';

const DATA = resolve(process.env['VEERKRACHT_REAL_DATA'] ?? '../shared/data');
const GEMEENTEN = Number(process.env['BENCH_GEMEENTEN'] ?? 342);
const BUURTEN = Number(process.env['BENCH_BUURTEN'] ?? 42);
const LBM_FILLER = 256 * 1024 * 1024;

interface Step {
  seconds: number;
  peakMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; polls /proc for the peak resident set (VmHWM) until it exits. */
function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<Step> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // exited
    }
  }, 100);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearInterval(poll);
      done({ seconds: (performance.now() - t0) / 1000, peakMb: peakKb / 1024, code, stdout, stderr });
    }),
  );
}

ensureCliBuilt();
const t0 = performance.now();
const nation = generateNation({ gemeenten: GEMEENTEN, buurtenPerGemeente: BUURTEN });
const last = nation.division(2024);
const standIn = await startStandIn({
  nation,
  kwbProperties: kwbPropertiesFrom(DATA),
  lbmFillerBytes: LBM_FILLER,
});
standIn.prepareFiles();
const dir = mkdtempSync(join(tmpdir(), 'vk-bench-fetch-'));
process.stdout.write(
  `national stand-in: ${last.gemeenten.length} gemeenten, ${last.wijken.length} wijken, ${last.buurten.length} buurten (set up in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
);
try {
  const env = { VEERKRACHT_DB: join(dir, 'store.db') };
  const args = ['fetch', '--years', '2014-2024', '--base-url', standIn.url, '--cache', join(dir, 'cache')];
  const download = await runCli([...args, '--download-only'], env, dir);
  if (download.code !== 0)
    throw new Error(`download failed (${download.code}):\n${download.stderr.slice(-3000)}`);
  const plan = download.stderr.split('\n').filter((l) => /^ {2}(\w+ |to download)/.test(l));
  process.stdout.write(`plan (said before downloading):\n${plan.join('\n')}\n`);
  const summary = (s: Step): string =>
    s.stdout.split('\n').find((l) => l.startsWith('veerkracht fetch:')) ?? '';
  process.stdout.write(`${summary(download)}\n`);
  const imported = await runCli(args, env, dir);
  if (imported.code !== 0)
    throw new Error(`import failed (${imported.code}):\n${imported.stderr.slice(-3000)}`);
  process.stdout.write(`${summary(imported)}\n`);
  const requests = standIn.log.length;
  process.stdout.write(
    [
      '',
      `| step | time | peak memory (RSS) |`,
      `|---|---|---|`,
      `| download (--download-only; ${requests} requests) | ${download.seconds.toFixed(1)} s | ${download.peakMb.toFixed(0)} MB |`,
      `| import + harmonisation (all files from the cache) | ${imported.seconds.toFixed(1)} s | ${imported.peakMb.toFixed(0)} MB |`,
      `| total | ${(download.seconds + imported.seconds).toFixed(1)} s | ${Math.max(download.peakMb, imported.peakMb).toFixed(0)} MB |`,
      '',
    ].join('\n'),
  );
} finally {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(standIn.workDir, { recursive: true, force: true });
}
