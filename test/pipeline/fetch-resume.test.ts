/**
 * Stopped mid-way and run again, `fetch` resumes and ends with the same store as a run that was
 * never stopped: the stop (the AbortSignal SIGINT/SIGTERM abort) comes while a CBS Feed page hangs
 * and after a GeoPackage has half arrived; the second run downloads only what is missing.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { silentProgress } from '../../src/pipeline/fetch/progress-bar.js';
import { runFetch, type FetchOptions } from '../../src/pipeline/fetch/run-fetch.js';
import type { Store } from '../../src/storage/store.js';
import { dumpStore } from '../stand-in/store-dump.js';
import { generateNation } from '../stand-in/national-set.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';
import { memoryStore } from './source-fixtures.js';

describe('veerkracht fetch stopped mid-way and run again', () => {
  const nation = generateNation({ gemeenten: 10, buurtenPerGemeente: 30 });
  let s: StandIn;
  const base = (cacheDir: string): FetchOptions => ({
    sources: ['rivm', 'politie', 'geo', 'lbm'],
    years: [2021, 2022, 2023, 2024],
    cacheDir,
    origins: s.origins,
    progress: silentProgress,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    idleTimeoutMs: 10_000,
  });
  beforeAll(async () => {
    s = await startStandIn({ nation, lbmFillerBytes: 2 * 1024 * 1024 });
  });
  afterAll(() => s.close());

  /** Runs fetch and stops it (as SIGTERM does) once `when` says so; returns the INTERRUPTED error. */
  async function stopWhen(store: Store, options: FetchOptions, when: () => boolean): Promise<unknown> {
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (when()) controller.abort(new Error('SIGTERM'));
    }, 5);
    try {
      return await runFetch(store, { ...options, signal: controller.signal }).catch((e: unknown) => e);
    } finally {
      clearInterval(watcher);
    }
  }

  it('resumes where it stopped — at a hanging Feed page, in a half-arrived GeoPackage — and ends with the same store as an uninterrupted run', async () => {
    const reference = memoryStore();
    await runFetch(reference, base(mkdtempSync(join(tmpdir(), 'vk-resume-ref-'))));
    const expected = await dumpStore(reference);
    expect(expected.values.length).toBeGreaterThan(10_000);
    expect(expected.geometries.length).toBe(360); // 10 gemeenten, 50 wijken, 300 buurten

    const cacheDir = mkdtempSync(join(tmpdir(), 'vk-resume-'));
    const store = memoryStore();
    const since = (n: number) => s.log.slice(n);

    // 1. stopped while the police 2023 page hangs (2021 and 2022 go through)
    let mark = s.log.length;
    const police2023 = () =>
      since(mark).some((l) => l.path.endsWith('47022NED/TypedDataSet') && l.search.includes("'2023'"));
    s.faults.push({ path: /47022NED\/TypedDataSet$/, search: /'2023'/, fault: { kind: 'hang' }, times: 1 });
    const first = await stopWhen(store, base(cacheDir), police2023);
    expect(first).toBeInstanceOf(AppError);
    expect((first as AppError).code).toBe('INTERRUPTED');
    expect(since(mark).filter((l) => l.path.endsWith('50150NED/TypedDataSet'))).toHaveLength(1);

    // 2. stopped while the GeoPackage has half arrived
    mark = s.log.length;
    s.faults.length = 0;
    s.faults.push({ path: /\.gpkg$/, fault: { kind: 'stall' }, times: 1 });
    const part = join(cacheDir, 'pdok', '.wijkenbuurten_2024.gpkg.part');
    const second = await stopWhen(store, base(cacheDir), () => existsSync(part) && statSync(part).size > 0);
    expect((second as AppError).code).toBe('INTERRUPTED');
    const run2 = since(mark);
    expect(run2.filter((l) => l.path.includes('50150NED'))).toEqual([]); // finished: never again
    expect(run2.filter((l) => l.path.endsWith('/DataProperties'))).toEqual([]); // metadata cached
    expect(
      run2.filter((l) => l.path.endsWith('47022NED/TypedDataSet')).map((l) => /'(\d{4})'/.exec(l.search)![1]),
    ).toEqual(['2023', '2024']); // 2021 and 2022 were done
    const half = statSync(part).size;

    // 3. runs to the end: the GeoPackage resumes with a Range request
    mark = s.log.length;
    s.faults.length = 0;
    const result = await runFetch(store, base(cacheDir));
    expect(result.failures).toEqual([]);
    const gpkg = since(mark).filter((l) => l.path.endsWith('.gpkg'));
    expect(gpkg.map((l) => [l.range, l.status])).toEqual([[`bytes=${half}-`, 206]]);
    expect(since(mark).filter((l) => l.host.endsWith('cbs.nl'))).toEqual([]);
    expect(result.summary).toMatchObject({ downloadedFiles: 2, cachedFiles: 5 });
    expect(await dumpStore(store)).toEqual(expected);
  });
});
