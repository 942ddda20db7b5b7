/**
 * The compiled CLI against the stand-in (test/stand-in), end to end:
 *   - `veerkracht fetch` of all sources for 2014–2024: plan first, progress, summary, full import;
 *     killed with SIGTERM while a CBS page hangs, run again it resumes (nothing finished is
 *     downloaded twice, a dropped GeoPackage download resumes) and ends with the same store as
 *     an uninterrupted run;
 *   - `veerkracht start` on an empty store, online (VEERKRACHT_BASE_URLS), with one source failing:
 *     it serves, and says what is missing and the command that loads it.
 * Needs the real 85984NED DataProperties (VEERKRACHT_REAL_DATA) for the KWB tables.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/pipeline/fetch/progress-bar.js';
import { runFetch } from '../../src/pipeline/fetch/run-fetch.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { spawnCli } from '../cli/run-cli.js';
import { hasRealData } from '../real-data.js';
import { generateNation } from '../stand-in/national-set.js';
import { realKwbProperties } from '../stand-in/real-metadata.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';
import { dumpStore } from '../stand-in/store-dump.js';
import { memoryStore } from './source-fixtures.js';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process (the stand-in answers from here). */
function run(child: ChildProcessWithoutNullStreams): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: string) => (stdout += c));
  child.stderr.on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!hasRealData)('veerkracht fetch / start (compiled CLI) against the stand-in', () => {
  const nation = generateNation({ gemeenten: 8, buurtenPerGemeente: 18 });
  let s: StandIn;
  beforeAll(async () => {
    s = await startStandIn({ nation, kwbProperties: realKwbProperties()!, lbmFillerBytes: 1024 * 1024 });
  });
  afterAll(() => s.close());

  it('fetches every source for 2014–2024 and imports; killed with SIGTERM mid-way and run again it resumes and ends with the same store', async () => {
    const reference = memoryStore();
    const ref = await runFetch(reference, {
      sources: ['kwb', 'geo', 'lbm', 'rivm', 'politie'],
      years: Array.from({ length: 11 }, (_, i) => 2014 + i),
      cacheDir: mkdtempSync(join(tmpdir(), 'vk-cli-ref-')),
      origins: s.origins,
      progress: silentProgress,
    });
    expect(ref.failures).toEqual([]);
    const expected = await dumpStore(reference);
    expect(expected.geometries.length).toBeGreaterThan(8 * 18);

    const dir = mkdtempSync(join(tmpdir(), 'vk-cli-fetch-'));
    const env = { VEERKRACHT_DB: join(dir, 'store.db') };
    const args = ['fetch', '--years', '2014-2024', '--base-url', s.url, '--cache', join(dir, 'cache')];
    // first run: KWB 2019 hangs; SIGTERM when it is asked for
    s.faults.push({ path: /84583NED\/TypedDataSet$/, fault: { kind: 'hang' }, times: 1 });
    const mark = s.log.length;
    const child = spawnCli(args, env, dir);
    const first = run(child);
    await until(() => s.log.slice(mark).some((l) => l.path.endsWith('84583NED/TypedDataSet')));
    child.kill('SIGTERM');
    const stopped = await first;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('veerkracht fetch: plan');
    expect(stopped.stderr).toMatch(/to download: ≈ [\d.]+ (kB|MB)/);
    expect(stopped.stderr).toContain('kwb/82931NED.json (opendata.cbs.nl): done');
    expect(stopped.stderr).toContain('error INTERRUPTED');

    // second run: the GeoPackage download is cut once and resumes; nothing finished is fetched again
    s.faults.push({ path: /wijkenbuurten_2024\.gpkg$/, fault: { kind: 'drop' }, times: 1 });
    const mark2 = s.log.length;
    const done = await run(spawnCli(args, env, dir));
    expect(done.stderr).not.toContain('error');
    expect(done.code).toBe(0);
    const again = s.log.slice(mark2);
    expect(again.filter((l) => l.path.endsWith('82931NED/TypedDataSet'))).toEqual([]);
    expect(again.filter((l) => l.path.endsWith('84583NED/TypedDataSet'))).toHaveLength(1);
    expect(again.filter((l) => l.path.endsWith('wijkenbuurten_2024.gpkg')).map((l) => l.status)).toEqual([
      200, 206,
    ]);
    expect(done.stdout).toMatch(
      /veerkracht fetch: downloaded \d+ file\(s\), [\d.]+ (kB|MB); \d+ from the cache/,
    );
    expect(done.stdout).toContain('every source arrived.');
    expect(done.stdout).toContain('kwb (kwb-odata-json), CBS KWB 2019 (84583NED)');
    const store = openSqliteStore({ path: env.VEERKRACHT_DB, readonly: true });
    try {
      expect(await dumpStore(store)).toEqual(expected);
    } finally {
      await store.close();
    }
  }, 240_000);

  it('npm start online: a failing source does not stop it — it serves, and says what is missing and how to load it', async () => {
    s.faults.push({
      host: 'www.leefbaarometer.nl',
      path: /\.zip$/,
      fault: { kind: 'status', status: 404 },
      times: Infinity,
    });
    const dir = mkdtempSync(join(tmpdir(), 'vk-cli-start-'));
    const child = spawnCli(
      ['start', '--port', '0', '--years', '2023-2024'],
      {
        VEERKRACHT_DB: join(dir, 'store.db'),
        VEERKRACHT_BASE_URLS: JSON.stringify(Object.fromEntries(s.origins)),
      },
      dir,
    );
    let out = '';
    child.stdout.on('data', (c: string) => (out += c));
    let err = '';
    child.stderr.on('data', (c: string) => (err += c));
    try {
      await until(() => /serving .* on http:\/\/127\.0\.0\.1:(\d+)\n/.test(out), 180_000);
      expect(out).toContain('veerkracht: the store is empty; downloading the official open data');
      expect(out).toContain('veerkracht: NOTICE — not everything could be loaded: lbm is missing.');
      expect(out).toContain('npx veerkracht fetch --sources lbm --years 2023-2024');
      expect(out).not.toContain('DEMONSTRATION');
      expect(err).toContain('veerkracht fetch: plan');
      const port = /serving .* on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(out)![1];
      const res = await fetch(`http://127.0.0.1:${port}/api/gemeenten`);
      const body = (await res.json()) as { gemeenten: { code: string }[] };
      expect(body.gemeenten.map((g) => g.code)).toContain('GM0010');
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      s.faults.length = 0;
      child.kill('SIGKILL');
    }
  }, 240_000);
});
