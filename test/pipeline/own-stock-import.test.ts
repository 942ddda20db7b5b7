/** `importOwnStockFile`: a file validated whole against the reference division, written in one transaction. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOwnStockFile } from '../../src/pipeline/own-stock/import-own-stock.js';
import { importPostcodeTable } from '../../src/pipeline/sources/postcode/import-postcode-table.js';
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
      addressRows: 0,
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

  it('places complexes given by postcode and house number with the postcode table, or names the addresses it cannot', async () => {
    const text = `complex,postcode,huisnummer,toevoeging,dwellings,year\nA,6411AB,1,,30,2025\nB,6411AB,5,bis,12,2025\n`;
    await expect(importOwnStockFile(store, org, file('adres.csv', text))).rejects.toMatchObject({
      code: 'AREA_UNMATCHED',
      message: expect.stringContaining('veerkracht postcodes import') as unknown,
    });
    await importPostcodeTable(store, 'test/fixtures/postcode/pc6hnr20200801_gwb.csv');
    const r = await importOwnStockFile(store, org, file('adres.csv', text));
    expect(r).toMatchObject({ layout: 'complex', rows: 2, buurten: 2, dwellings: 42, addressRows: 2 });
    expect((await store.members.getOwnStock(org, {})).filter((s) => s.year === 2025)).toEqual([
      { buurtCode: 'BU09170000', year: 2025, dwellings: 30, complexes: 1 },
      { buurtCode: 'BU09170001', year: 2025, dwellings: 12, complexes: 1 },
    ]);
    const before = await store.members.getOwnStock(org, {});
    // an address the table does not hold, and one in a buurt that is not on the reference division
    await expect(
      importOwnStockFile(store, org, file('fout.csv', `${text}C,6411AB,2,,4,2025\n`)),
    ).rejects.toThrow(
      "fout.csv, line 4 (row 3), column 'postcode', expected an address in CBS's postcode–house number table of indeling 2020 (pc6hnr20200801_gwb.csv), found '6411AB 2': an address is not in CBS's postcode–house number table of indeling 2020 (pc6hnr20200801_gwb.csv) (check the postcode and house number, or give the buurt_code): line 4: 6411AB 2",
    );
    await expect(
      importOwnStockFile(store, org, file('amsterdam.csv', `${text}C,1011AB,99,,4,2025\n`)),
    ).rejects.toThrow(
      /buurt BU0363AF01 \(from the buurt code or an address, placed by CBS's postcode–house number table of indeling 2020 .*\) is not on the reference division/,
    );
    expect(await store.members.getOwnStock(org, {})).toEqual(before);
  });
});
