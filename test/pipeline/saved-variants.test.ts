/**
 * Files as people save them: the KWB fixtures of Heerlen wijk 20 (with "Versiliënbosch") saved
 * again by Excel (Windows-1252, `;`, decimal comma, CRLF; "Unicode text" UTF-16), R
 * `write.csv`, pandas `to_csv`, Excel with titles and units, and as OData v4 long format — each
 * imports with every value, flag and name equal to the original; a name-only export finds its
 * gemeente in the CBS register and its areas by CBS code order in a store with boundaries only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import {
  asExcelDutchCsv,
  asExcelTitles,
  asExcelUnicodeText,
  asODataV4Long,
  asPandasToCsv,
  asRWriteCsv,
  encodeWindows1252,
  readTextTable,
} from './resave.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';
import { valueSnapshot } from './store-snapshot.js';

const CODED = fixture('kwb/kwb2019_heerlen_wijk20.csv');
const NAMED = fixture('kwb/kwb2019_statline_namen_wijk20.csv');
const BOUNDARIES = fixture('geo/heerlen-wijk20-codes_2019.geojson');

async function imported(paths: string[], before: string[] = []): Promise<SqliteStore> {
  const store = memoryStore();
  if (before.length) await importPaths(store, before);
  await importPaths(store, paths);
  return store;
}

async function areaNames(store: SqliteStore): Promise<Record<string, string | null>> {
  const areas = await store.listAreas({ gemeente: 'GM0917', divisionYear: 2019 });
  return Object.fromEntries(areas.map((a) => [a.code, a.name]));
}

describe('a coded KWB table re-saved by other tools', () => {
  const table = readTextTable(readFileSync(CODED, 'utf8'));
  const original = imported([CODED]);

  const variants: [string, string, Buffer][] = [
    [
      'Excel on Dutch Windows (Windows-1252, ;, decimal comma, CRLF)',
      'kwb2019_excel.csv',
      asExcelDutchCsv(table),
    ],
    ['Excel Unicode text (UTF-16LE with BOM, tabs)', 'kwb2019_unicode.txt', asExcelUnicodeText(table)],
    ['UTF-16BE with BOM', 'kwb2019_utf16be.txt', asExcelUnicodeText(table, 'be')],
    ['UTF-16LE without BOM', 'kwb2019_utf16nobom.txt', asExcelUnicodeText(table, 'le', false)],
    [
      'UTF-8 with BOM',
      'kwb2019_bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(CODED)]),
    ],
    ['R write.csv (row names, quoted padded values, NA)', 'kwb2019_r.csv', asRWriteCsv(table)],
    ['pandas to_csv (index column, floats, NaN empty)', 'kwb2019_pandas.csv', asPandasToCsv(table)],
    [
      'Excel titles with units in brackets',
      'kwb2019_titels.csv',
      asExcelTitles(table, (h) => (h.startsWith('p_') ? '%' : 'aantal')),
    ],
    [
      'an Excel sep= line above a ; table',
      'kwb2019_sep.csv',
      Buffer.from(`sep=;\n${readFileSync(CODED, 'utf8').replace(/,/g, ';')}`),
    ],
  ];
  for (const [what, name, bytes] of variants) {
    it(`reads ${what} with every value, flag and name as the original`, async () => {
      const store = await imported([tmpFile(name, bytes)]);
      expect(await valueSnapshot(store)).toEqual(await valueSnapshot(await original));
      expect(await areaNames(store)).toEqual(await areaNames(await original));
      expect((await areaNames(store))['BU09172003']).toBe('Versiliënbosch');
    });
  }

  it('says in the report which encoding it read', async () => {
    const [excel] = await importPaths(memoryStore(), [tmpFile('kwb2019_excel.csv', asExcelDutchCsv(table))]);
    expect(excel!.warnings['ENCODING_DETECTED']?.examples[0]).toMatch(/read as Windows-1252/);
    const [utf16] = await importPaths(memoryStore(), [tmpFile('kwb2019_u.txt', asExcelUnicodeText(table))]);
    expect(utf16!.warnings['ENCODING_DETECTED']?.examples[0]).toMatch(/read as UTF-16LE/);
  });

  it('reads the OData v4 long format (JSON with MeasureCodes beside it, and a long CSV with titles)', async () => {
    const long = asODataV4Long(table, 'gwb_code_10', '84583NED', [
      'a_inw',
      'p_wcorpw',
      'p_hh_lkk',
      'a_soz_wb',
      'g_woz',
    ]);
    const json = tmpFile('84583NED_Observations.json', long.observations);
    writeFileSync(join(dirname(json), '84583NED_MeasureCodes.json'), long.measureCodes);
    const fromJson = await imported([json]);
    const fromCsv = await imported([tmpFile('kwb2019_long.csv', long.longCsv)]);
    // names are not part of the long format: compare the values only
    expect(await valueSnapshot(fromJson)).toEqual(await valueSnapshot(await original));
    expect(await valueSnapshot(fromCsv)).toEqual(await valueSnapshot(await original));
    const [report] = await fromJson.listImports();
    expect((report!.report as { layout: string; edition: string }).layout).toBe('kwb-odata4-long');
    expect((report!.report as { edition: string }).edition).toBe('CBS KWB 2019 (84583NED)');
  });

  it('refuses v4 measure codes that nothing names, saying what to put beside the file', async () => {
    const long = asODataV4Long(table, 'gwb_code_10', '84583NED', ['a_inw']);
    const e = await importPaths(memoryStore(), [
      tmpFile('84583NED_Observations.json', long.observations),
    ]).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CSV_NO_KNOWN_COLUMNS' });
    expect((e as Error).message).toMatch(
      /no MeasureCodes list names them: put <table>_MeasureCodes.json beside the file/,
    );
  });
});

describe('a name-only StatLine export re-saved by other tools', () => {
  const table = readTextTable(readFileSync(NAMED, 'utf8'));
  const original = imported([NAMED], [CODED]);

  const variants: [string, string, Buffer][] = [
    ['Excel on Dutch Windows', 'kwb2019_namen_excel.csv', asExcelDutchCsv(table)],
    ['Excel Unicode text', 'kwb2019_namen.txt', asExcelUnicodeText(table)],
    [
      'R write.csv: the row-number column is never taken for the names',
      'kwb2019_namen_r.csv',
      asRWriteCsv(table),
    ],
    [
      'pandas to_csv: the index column is never taken for the names',
      'kwb2019_namen_pd.csv',
      asPandasToCsv(table),
    ],
  ];
  for (const [what, name, bytes] of variants) {
    it(`reads ${what}, matching 'Versiliënbosch' by name`, async () => {
      const store = await imported([tmpFile(name, bytes)], [CODED]);
      expect(await valueSnapshot(store)).toEqual(await valueSnapshot(await original));
    });
  }

  it('matches a name-only export by CBS code order when the store holds boundaries (codes) only', async () => {
    const store = memoryStore();
    await importPaths(store, [BOUNDARIES]);
    const [report] = await importPaths(store, [NAMED]);
    expect(report!.warnings['AREA_MATCHED_BY_ORDER']?.examples[0]).toMatch(
      /knows no wijk or buurt names of Heerlen \(GM0917\): its 6 wijk and buurt rows were matched by their place in CBS code order to the codes of indeling 2019/,
    );
    expect(report!.unmatched).toEqual([]);
    const values = await store.getValues({ divisionYear: 2019, indicators: ['corporation_share'] });
    expect(Object.fromEntries(values.map((v) => [v.areaCode, v.value]))).toEqual({
      GM0917: 37,
      WK091720: 48,
      BU09172000: 61,
      BU09172001: 35,
      BU09172002: 52,
      BU09172003: null,
      BU09172004: 70,
    });
    // the names come with the export
    expect((await areaNames(store))['BU09172003']).toBe('Versiliënbosch');
  });

  it('refuses to match by order when the structure differs from every division the store knows', async () => {
    const store = memoryStore();
    await importPaths(store, [BOUNDARIES]);
    const fewer = readFileSync(NAMED, 'utf8').replace(/"Uterweg".*\n/, '');
    const e = await importPaths(store, [tmpFile('kwb2019_namen.csv', fewer)]).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'AREA_UNMATCHED' });
    expect((e as Error).message).toMatch(
      /rows \(1 wijken, 4 buurten\) do not follow the codes of any division the store knows \(indeling 2019: 1 wijken, 5 buurten\)/,
    );
  });

  it('finds the gemeente of a name-only export under another name ("Den Haag" for \'s-Gravenhage) in the register', async () => {
    const store = memoryStore();
    const geo = JSON.parse(readFileSync(BOUNDARIES, 'utf8')) as {
      features: { properties: { statcode: string } }[];
    };
    for (const f of geo.features) f.properties.statcode = f.properties.statcode.replace('BU0917', 'BU0518');
    await importPaths(store, [tmpFile('denhaag_2019.geojson', JSON.stringify(geo))]);
    const export_ = readFileSync(NAMED, 'utf8').replace('"Heerlen"', '"Den Haag"');
    const [report] = await importPaths(store, [tmpFile('kwb2019_denhaag.csv', export_)]);
    expect(report!.areas.byLevel).toEqual({ gemeente: 1, wijk: 1, buurt: 5 });
    const [gm] = await store.getValues({ codes: ['GM0518'], indicators: ['inhabitants'] });
    expect(gm!.value).toBe(86762);
  });
});

describe('more ways tools write a table', () => {
  const original = imported([CODED]);

  it('reads old Mac line ends (CR only)', async () => {
    const cr = readFileSync(CODED, 'utf8').replace(/\n/g, '\r');
    expect(await valueSnapshot(await imported([tmpFile('kwb2019_cr.csv', cr)]))).toEqual(
      await valueSnapshot(await original),
    );
  });

  it('reads codes written as Excel text formulas (="GM0917") to keep their leading zeros', async () => {
    const csv = readFileSync(CODED, 'utf8').replace(/^(GM|WK|BU)(\d+),/gm, '="$1$2",');
    expect(csv).toContain('="BU09172003",');
    expect(await valueSnapshot(await imported([tmpFile('kwb2019_formule.csv', csv)]))).toEqual(
      await valueSnapshot(await original),
    );
  });

  it('reads an XLSX saved from a StatLine table: a title row, titles with units, a units row, names only', async () => {
    const named = readTextTable(readFileSync(NAMED, 'utf8'));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kerncijfers');
    ws.addRow(['Kerncijfers wijken en buurten 2019']);
    ws.addRow(named.header);
    ws.addRow(['', 'aantal', '%', '%', 'aantal']);
    for (const r of named.rows)
      ws.addRow(r.map((c, i) => (i === 0 || c === '.' || c === '' ? c : Number(c))));
    const path = tmpFile('kwb-2019-heerlen.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const store = await imported([path], [CODED]);
    expect(await valueSnapshot(store)).toEqual(await valueSnapshot(await imported([NAMED], [CODED])));
  });
});

describe('codes before names', () => {
  it('uses a column of CBS codes under a header nobody knows, whatever the names say', async () => {
    const csv = readFileSync(CODED, 'utf8')
      .replace('gwb_code_10,regio', 'Regio-id (CBS),Gebied')
      .replace('Versiliënbosch', 'Een naam die niemand kent');
    const store = memoryStore(); // no names known: matching by name would fail
    const [report] = await importPaths(store, [tmpFile('kwb2019_ids.csv', csv)]);
    expect(report!.areas.byLevel).toEqual({ gemeente: 1, wijk: 1, buurt: 5 });
    expect((await areaNames(store))['BU09172003']).toBe('Een naam die niemand kent');
    expect(await valueSnapshot(store)).toEqual(await valueSnapshot(await imported([CODED])));
  });

  it('finds the name column of a name-only export under a header nobody knows, never a row-number column', async () => {
    const named = readTextTable(readFileSync(NAMED, 'utf8'));
    named.header[0] = 'Gebied';
    const store = await imported([tmpFile('kwb2019_gebied.csv', asPandasToCsv(named))], [CODED]);
    expect(await valueSnapshot(store)).toEqual(await valueSnapshot(await imported([NAMED], [CODED])));
  });
});

describe('text that is not one encoding', () => {
  it('refuses UTF-8 mixed with Windows-1252 with FILE_ENCODING naming the line, and never stores U+FFFD', async () => {
    const utf8 = readFileSync(CODED, 'utf8');
    const lines = utf8.split('\n');
    const mixed = Buffer.concat([
      Buffer.from(lines.slice(0, 6).join('\n').replace('Nieuw-Einde', 'Nieuw-Eïnde') + '\n', 'utf8'),
      encodeWindows1252(lines.slice(6).join('\n')),
    ]);
    const store = memoryStore();
    const e = await importPaths(store, [tmpFile('kwb2019_mixed.csv', mixed)]).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'FILE_ENCODING', location: { file: 'kwb2019_mixed.csv', line: 7 } });
    expect(await store.getValues({})).toEqual([]);
  });

  it('reads a file that already holds U+FFFD as it is, with a REPLACEMENT_CHARACTER warning naming the line', async () => {
    const broken = readFileSync(CODED, 'utf8').replace('Versiliënbosch', 'Versili\uFFFDnbosch');
    const [report] = await importPaths(memoryStore(), [tmpFile('kwb2019_fffd.csv', broken)]);
    expect(report!.warnings['REPLACEMENT_CHARACTER']?.examples[0]).toMatch(/U\+FFFD, first on line 7/);
  });
});
