import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from './run-cli.js';

/** Resolves with the first match of `pattern` in the child's stdout (rejects if it exits first). */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onData = (chunk: string): void => {
      out += chunk;
      const m = pattern.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}:\n${out}\n${err}`)));
  });
}

function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** True when nothing listens on the port any more. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('veerkracht start --offline / serve (one process, compiled CLI)', () => {
  it('serves the web app and the API from any directory, and on SIGTERM exits 0 at once with the port free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-cli-serve-'));
    // Started from an unrelated directory: the web app is found next to the CLI, not in the cwd.
    const child = spawnCli(
      ['start', '--offline', '--port', '0'],
      { VEERKRACHT_DB: join(dir, 'store.db') },
      dir,
    );
    try {
      const [, port] = await waitForOutput(child, /serving .* on http:\/\/127\.0\.0\.1:(\d+)\n/);
      const base = `http://127.0.0.1:${port}`;

      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<title>Veerkrachtkaarten</title>');

      const api = await fetch(`${base}/api/gemeenten`); // leaves a keep-alive connection open
      expect(api.status).toBe(200);
      const body = (await api.json()) as { gemeenten: { code: string }[] };
      expect(body.gemeenten.map((g) => g.code)).toContain('GM9998');

      const exited = exitOf(child);
      const t0 = performance.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(await isPortFree(Number(port))).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000); // builds the web app first when web/dist is missing
});
