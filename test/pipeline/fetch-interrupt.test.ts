import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { openCacheManifest } from '../../src/pipeline/fetch/cache-manifest.js';
import { downloadFile } from '../../src/pipeline/fetch/download-file.js';
import { silentProgress } from '../../src/pipeline/fetch/progress-bar.js';

describe('downloadFile(url, relPath, { signal })', () => {
  it('stops a download in progress with INTERRUPTED (no retry) and keeps the partial file to resume', async () => {
    const open: ServerResponse[] = [];
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'Content-Length': '2000000' });
      res.write(Buffer.alloc(1000, 1)); // then nothing: a slow server
      open.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.bin`;
    const cache = mkdtempSync(join(tmpdir(), 'vk-fetch-stop-'));
    const controller = new AbortController();
    try {
      const progress = { ...silentProgress, update: () => controller.abort() }; // stop at the first bytes
      const t0 = performance.now();
      const error = await downloadFile(url, 'big.bin', {
        manifest: openCacheManifest(cache),
        progress,
        signal: controller.signal,
        idleTimeoutMs: 30_000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INTERRUPTED');
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(requests).toBe(1);
      expect(existsSync(join(cache, 'big.bin'))).toBe(false);
      expect(statSync(join(cache, '.big.bin.part')).size).toBe(1000);
    } finally {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('stops with INTERRUPTED during the back-off between retries (no further attempt)', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(503, { 'Retry-After': '20' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/table.json`;
    const controller = new AbortController();
    const notes: string[] = [];
    try {
      const t0 = performance.now();
      const pending = downloadFile(url, 'table.json', {
        manifest: openCacheManifest(mkdtempSync(join(tmpdir(), 'vk-fetch-backoff-'))),
        progress: {
          ...silentProgress,
          note: (m) => {
            notes.push(m);
            setTimeout(() => controller.abort(), 50); // stop while waiting 20 s to retry
          },
        },
        signal: controller.signal,
      }).catch((e: unknown) => e);
      const error = await pending;
      expect((error as AppError).code).toBe('INTERRUPTED');
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(requests).toBe(1);
      expect(notes).toEqual(['table.json: HTTP 503; retrying in 20 s (attempt 2 of 6)']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
