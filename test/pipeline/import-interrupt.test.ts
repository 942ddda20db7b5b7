import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { fixture } from './source-fixtures.js';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vk-interrupt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const FILES = {
  'a.csv': 'code,year,indicator,value\nBU09171000,2020,x_a,1\nBU09171001,2020,x_a,2\n',
  'b.csv': 'code,year,indicator,value\nBU09171000,2020,x_b,3\n',
};

async function storedIndicators(store: SqliteStore): Promise<string[]> {
  return [...new Set((await store.getValues({})).map((v) => v.indicator))].sort();
}

describe('importPaths(store, paths, { signal })', () => {
  it('rolls back the file whose transaction is open when the signal is aborted, throwing INTERRUPTED', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const controller = new AbortController();
    const writeBatch = store.writeBatch.bind(store);
    store.writeBatch = async (batch, report) => {
      const written = await writeBatch(batch, report);
      controller.abort(); // as a SIGTERM arriving while the file is written
      return written;
    };
    const error = await importPaths(store, [folderWith(FILES)], { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INTERRUPTED');
    expect((error as AppError).message).toMatch(
      /interrupted at .*a\.csv: nothing of this import was written/,
    );
    expect(await storedIndicators(store)).toEqual([]);
    expect(await store.listImports()).toEqual([]);
    expect(await store.listEditions()).toEqual([]);
    await store.close();
  });

  it('rolls back the files reported before the signal too: the run is one unit', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const controller = new AbortController();
    const reported: string[] = [];
    const error = await importPaths(store, [folderWith(FILES)], { signal: controller.signal }, (r) => {
      reported.push(r.file);
      controller.abort();
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('INTERRUPTED');
    expect(reported).toEqual(['a.csv']);
    expect(await storedIndicators(store)).toEqual([]);
    expect(await store.listImports()).toEqual([]);
    await store.close();
  });

  it('rolls back every file when the signal comes during harmonisation', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const controller = new AbortController();
    const coverage = store.coverage.bind(store);
    store.coverage = async () => {
      controller.abort(); // as a SIGTERM while harmonisation reads what to carry
      return coverage();
    };
    const dir = folderWith({ 'waarden.csv': 'code,year,indicator,value\nBU03440101,2018,x_a,1\n' });
    const error = await importPaths(store, [fixture('geo/cbs-buurten-wgs84_2020.geojson'), dir], {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('INTERRUPTED');
    expect((error as AppError).message).toMatch(/nothing of this import was written/);
    expect(await storedIndicators(store)).toEqual([]);
    expect(await store.listImports()).toEqual([]);
    expect(await store.listGeometryCodes(2020)).toEqual([]);
    await store.close();
  });

  it('imports everything when the signal is never aborted', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [folderWith(FILES)], { signal: new AbortController().signal });
    expect(await storedIndicators(store)).toEqual(['x_a', 'x_b']);
    await store.close();
  });
});
