/**
 * `importPostcodeTable`: CBS's postcode–house number table streamed into the store in one
 * transaction (test/fixtures/postcode, the official layout); a bad row, a repeated address or an
 * interrupt leaves the table the store had.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputHead } from '../../src/pipeline/input-file.js';
import { importPostcodeTable } from '../../src/pipeline/sources/postcode/import-postcode-table.js';
import { detectParser } from '../../src/pipeline/source-registry.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const FIXTURE = 'test/fixtures/postcode/pc6hnr20200801_gwb.csv';
const NOW = new Date('2026-03-01T09:00:00Z');

describe('importPostcodeTable(store, path)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-postcode-'));
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const lookup = async (...addresses: [string, number][]) =>
    Object.fromEntries(
      await store.postcodes.findPostcodeBuurten(
        addresses.map(([postcode, huisnummer]) => ({ postcode, huisnummer })),
      ),
    );

  it('loads the official layout: every address with its buurt, the division from the header', async () => {
    const r = await importPostcodeTable(store, FIXTURE, { now: NOW, referenceDivision: 2020 });
    expect(r).toMatchObject({
      file: 'pc6hnr20200801_gwb.csv',
      divisionYear: 2020,
      rows: 10,
      buurten: 7,
      gemeenten: 4,
      zerosRestored: 0,
      referenceDivision: 2020,
    });
    expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.postcodes.postcodeTableInfo()).toEqual({
      divisionYear: 2020,
      file: 'pc6hnr20200801_gwb.csv',
      checksum: r.checksum,
      rows: 10,
      importedAt: NOW.toISOString(),
    });
    expect(await lookup(['6411AB', 5], ['6411AC', 4], ['1011AB', 99], ['9711AA', 1], ['6411AB', 7])).toEqual({
      '6411AB|5': 'BU09170001',
      '6411AC|4': 'BU09170002',
      '1011AB|99': 'BU0363AF01',
      '9711AA|1': 'BU00140000',
    });
  });

  it('reads a gzipped copy re-saved by a spreadsheet (commas, quotes, zeros dropped) and replaces the table', async () => {
    await importPostcodeTable(store, FIXTURE);
    const resaved =
      'PC6,Huisnummer,Buurt2021,Wijk2021,Gemeente2021\n"9711AA",1,140001,1400,14\n6411AB,1,9170005,91700,917\n';
    const r = await importPostcodeTable(store, file('pc6hnr20210801_gwb.csv.gz', gzipSync(resaved)));
    expect(r).toMatchObject({
      file: 'pc6hnr20210801_gwb.csv',
      divisionYear: 2021,
      rows: 2,
      zerosRestored: 2,
    });
    expect(await lookup(['9711AA', 1], ['6411AB', 1], ['6411AB', 3])).toEqual({
      '9711AA|1': 'BU00140001',
      '6411AB|1': 'BU09170005',
    });
    expect(r.checksum).not.toBe((await importPostcodeTable(store, FIXTURE)).checksum);
  });

  it('refuses a bad row with file, line, column and expected, and keeps the table it had', async () => {
    await importPostcodeTable(store, FIXTURE, { now: NOW });
    const lines = readFileSync(FIXTURE, 'utf8').split('\r\n');
    lines[6] = '6411AC;6;09170002;091700;0928';
    await expect(
      importPostcodeTable(store, file('pc6hnr20220801_gwb.csv', lines.join('\r\n').replace(/2020/g, '2022'))),
    ).rejects.toThrow(
      "pc6hnr20220801_gwb.csv, line 7 (row 6), column 'Wijk2022', expected a wijk code beginning with 0928, found '091700': wijk 091700 is not in gemeente 0928",
    );
    expect((await store.postcodes.postcodeTableInfo())?.divisionYear).toBe(2020);
    expect(await lookup(['6411AC', 6])).toEqual({ '6411AC|6': 'BU09170002' });
  });

  it('refuses an address given twice, a file of another kind, an empty one and a zip', async () => {
    const twice =
      'PC6;Huisnummer;Buurt2020;Wijk2020;Gemeente2020\n6411AB;1;09170000;091700;0917\n6411AB;1;09170001;091700;0917\n';
    await expect(importPostcodeTable(store, file('twice.csv', twice))).rejects.toMatchObject({
      code: 'CSV_DUPLICATE_ROW',
      message:
        "twice.csv, line 3 (row 2), column 'PC6', found '6411AB;1': the address 6411AB 1 is in the file twice",
    });
    await expect(
      importPostcodeTable(store, file('tidy.csv', 'code,year,indicator,value\n')),
    ).rejects.toMatchObject({
      code: 'CSV_NO_KNOWN_COLUMNS',
    });
    await expect(importPostcodeTable(store, file('leeg.csv', ''))).rejects.toMatchObject({
      code: 'NOTHING_TO_IMPORT',
    });
    await expect(
      importPostcodeTable(store, file('kop.csv', 'PC6;Huisnummer;Buurt2020;Wijk2020;Gemeente2020\n')),
    ).rejects.toMatchObject({ code: 'NOTHING_TO_IMPORT' });
    await expect(importPostcodeTable(store, file('pc.zip', 'PK'))).rejects.toMatchObject({
      code: 'UNKNOWN_FILE_KIND',
    });
    await expect(importPostcodeTable(store, join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    expect(await store.postcodes.postcodeTableInfo()).toBeUndefined();
    expect(await lookup(['6411AB', 1])).toEqual({});
  });

  it('stops on an interrupt with INTERRUPTED and nothing stored', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(importPostcodeTable(store, FIXTURE, { signal: controller.signal })).rejects.toMatchObject({
      code: 'INTERRUPTED',
    });
    expect(await store.postcodes.postcodeTableInfo()).toBeUndefined();
  });

  it('is not taken for an indicator source by veerkracht import, which says how to load it', () => {
    expect(() => detectParser(readInputHead(FIXTURE))).toThrow(
      "pc6hnr20200801_gwb.csv, line 1, expected a file of a source Veerkracht imports: CBS's postcode–house number table is no indicator source: load it with `veerkracht postcodes import`",
    );
  });
});
