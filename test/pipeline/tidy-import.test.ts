import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

function tmpFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vk-tidy-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('importing a tidy CSV (code,year,indicator,value)', () => {
  it('stores numbers, keeps missing as null with the suppressed flag, and is idempotent', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const file = tmpFile(
      'extra.csv',
      'code,year,indicator,value\nBU09171000,2020,woonzorg_lvb,12\nBU09171001,2020,woonzorg_lvb,.\n',
    );
    await importPaths(store, [file]);
    await importPaths(store, [file]);
    const values = await store.getValues({ indicators: ['woonzorg_lvb'] });
    expect(values.map((v) => [v.areaCode, v.value, v.flags])).toEqual([
      ['BU09171000', 12, 0],
      ['BU09171001', null, 1],
    ]);
    expect(values[0]!.edition).toBe('tidy CSV extra.csv');
    expect(values[0]!.sourceColumn).toBe('value');
  });

  it('refuses text in the value column, naming file, line and column, and writes nothing', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const file = tmpFile(
      'bad.csv',
      'code,year,indicator,value\nBU09171000,2020,x_y,1\nBU09171001,2020,x_y,abc\n',
    );
    const error = await importPaths(store, [file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALUE_NOT_A_NUMBER');
    expect((error as AppError).location).toMatchObject({
      file: 'bad.csv',
      line: 3,
      column: 'value',
      found: 'abc',
    });
    expect(await store.getValues({})).toEqual([]);
    expect(await store.listImports()).toEqual([]);
  });
});

describe('importing a folder', () => {
  it('skips and reports files no parser recognises, but refuses the same file when it is named', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const dir = mkdtempSync(join(tmpdir(), 'vk-folder-'));
    writeFileSync(join(dir, 'a.csv'), 'code,year,indicator,value\nBU09171000,2020,x_y,1\n');
    writeFileSync(join(dir, 'notes.json'), '{"hello": "world"}');
    const skipped: string[] = [];
    const reports = await importPaths(store, [dir], {
      onSkipped: (file, e) => skipped.push(`${file.slice(dir.length + 1)} ${e.code}`),
    });
    expect(reports.map((r) => r.file)).toEqual(['a.csv']);
    expect(skipped).toEqual(['notes.json UNKNOWN_FILE_KIND']);
    const error = await importPaths(store, [join(dir, 'notes.json')]).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('UNKNOWN_FILE_KIND');
  });
});
