/** `importOwnStockFile`: a file validated whole against the reference division, written in one transaction. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOwnStockFile } from '../../src/pipeline/own-stock/import-own-stock.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from '../server/synthetic-store.js';

describe('own-stock file import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-own-stock-'));
  let store: SqliteStore;
  let org: number;
  let buurten: string[];
  beforeAll(async () => {
    store = await syntheticStore({ gemeenten: 1, buurtenPerGemeente: 6, gemeenteCodes: ['GM0917'] });
    org = (await store.members.createOrganisation('Woonstichting', 'woonstichting', '2026-01-01T00:00:00Z'))
      .id;
    buurten = await store.listGeometryCodes(2020);
  });
  afterAll(() => store.close());

  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('imports a gzipped Windows-1252 file per complex and replaces the years it holds', async () => {
    const text = Buffer.from(
      `complex;buurt_code;woningen;jaar\nCéntrum;${buurten[0]};30;2024\nNoord;${buurten[1]};12;2024\n`,
      'latin1',
    );
    const r = await importOwnStockFile(store, org, file('bezit.csv.gz', gzipSync(text)));
    expect(r).toEqual({
      file: 'bezit.csv',
      layout: 'complex',
      rows: 2,
      buurten: 2,
      dwellings: 42,
      years: [2024],
      divisionYear: 2020,
    });
    await importOwnStockFile(
      store,
      org,
      file('nieuw.csv', `buurt_code,dwellings,year\n${buurten[2]},5,2024\n`),
    );
    expect(await store.members.getOwnStock(org, {})).toEqual([
      { buurtCode: buurten[2], year: 2024, dwellings: 5, complexes: null },
    ]);
    expect((await store.members.listOwnStockUploads(org)).map((u) => u.file)).toEqual([
      'nieuw.csv',
      'bezit.csv',
    ]);
  });

  it('refuses a buurt not on the reference division, naming the line, and leaves the stock as it was', async () => {
    const before = await store.members.getOwnStock(org, {});
    const version = await store.members.privateDataVersion();
    await expect(
      importOwnStockFile(
        store,
        org,
        file('fout.csv', `buurt_code,dwellings,year\n${buurten[3]},5,2024\nBU09999999,4,2024\n`),
      ),
    ).rejects.toThrow(
      "fout.csv, line 3, column 'buurt_code', expected a buurt of indeling 2020, found 'BU09999999'",
    );
    expect(await store.members.getOwnStock(org, {})).toEqual(before);
    expect(await store.members.privateDataVersion()).toBe(version);
  });
});
