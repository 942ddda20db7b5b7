/**
 * Runs the real CLI as it ships — `node bin/veerkracht.mjs …`, the compiled JavaScript in dist/ —
 * in a child process. `npm test` builds dist/ beforehand; when it is missing or older than a file
 * under src/ (a test run during development), the first call builds it once
 * (`tsc -p tsconfig.build.json`), one test process at a time.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The `veerkracht` executable of package.json "bin". */
export const CLI = join(ROOT, 'bin', 'veerkracht.mjs');
const BUILT = join(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `veerkracht <args>` to completion with `env` added to this process's environment. */
export function runCli(args: string[], env: Record<string, string>, cwd = ROOT): CliResult {
  ensureCliBuilt();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `veerkracht <args>` and returns the running process (for signals and servers). */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
): ChildProcessWithoutNullStreams {
  ensureCliBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  return child;
}

let checked = false;

/** Builds dist/ when it is missing or older than the newest file under src/. */
export function ensureCliBuilt(): void {
  if (checked) return;
  const lock = join(
    tmpdir(),
    `veerkracht-cli-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
  );
  acquire(lock);
  try {
    if (isStale()) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  checked = true;
}

function isStale(): boolean {
  return !existsSync(BUILT) || newestMtime(join(ROOT, 'src')) > statSync(BUILT).mtimeMs;
}

function build(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (isStale())
    throw new Error(`building the CLI failed (tsc -p tsconfig.build.json):\n${r.stdout}${r.stderr}`);
  // tsc emits despite type errors; the CLI tests then test what was emitted, and the type check fails.
  if (r.status !== 0) process.stderr.write(`tsc -p tsconfig.build.json reported errors:\n${r.stdout}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A directory as a lock between test processes; a lock older than two minutes is a leftover. */
function acquire(lock: string): void {
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(sleep, 0, 0, 200);
    }
  }
}
