/**
 * Every CSV layout also as an Excel workbook (.xlsx): the fixtures of each layout opened in Excel
 * and saved as .xlsx (workbook-save.ts) import with the same values, by the same layout; cells as
 * Excel holds them (numbers, percent formats, formulas, dates, errors, merged titles) are read as
 * src/pipeline/workbook-table.ts documents; a malformed worksheet is refused naming the file,
 * sheet, worksheet row and column, with the store as before. Synthetic files only; the real
 * files as workbooks are in saved-workbooks-real.test.ts.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/app-error.js';
import { type ErrorCode } from '../../src/core/app-error.js';
import { DEFAULT_INPUT_LIMITS } from '../../src/pipeline/input-limits.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';
import { expectRefusedImport } from './refused-import.js';
import { valueSnapshot } from './store-snapshot.js';
import { asExcelCell, asExcelWorkbook } from './workbook-save.js';

/** Every record of a CSV fixture (title and footer lines too), on the delimiter of its header. */
function recordsOf(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const header = text.split(/\r?\n/).find((l) => /[,;]/.test(l) && !/^"[^"]*",*$/.test(l)) ?? '';
  const delimiter = header.split(';').length > header.split(',').length ? ';' : ',';
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/** The fixture opened in Excel and saved as `<name>.xlsx` (every record a worksheet row). */
async function savedAsWorkbook(relative: string): Promise<string> {
  const records = recordsOf(fixture(relative));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  for (const r of records) ws.addRow(r.map(asExcelCell));
  const name = relative
    .split('/')
    .pop()!
    .replace(/\.csv$/, '.xlsx');
  return tmpFile(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

async function imported(paths: string[], before: string[] = [], options: ImportOptions = {}) {
  const store = memoryStore();
  if (before.length) await importPaths(store, before, { harmonise: false });
  const reports = await importPaths(store, paths, { harmonise: false, ...options });
  const values = await valueSnapshot(store);
  await store.close();
  return { reports, values };
}

describe('every CSV layout, saved as .xlsx, imports as its CSV does', () => {
  const cases: [string, string, string[]][] = [
    ['kwb/kwb2019_mnemonic.csv', 'kwb-mnemonic-csv', []],
    ['kwb/kwb2018_statline_titel_eenheden.csv', 'kwb-statline-csv', []],
    ['kwb/kwb2020_statline_titel_voetregels.csv', 'kwb-statline-csv', []],
    ['kwb/kwb2019_statline_namen_wijk20.csv', 'kwb-statline-csv-names', ['kwb/kwb2019_heerlen_wijk20.csv']],
    ['leefbaarometer/lbm3-meting2020-buurt.csv', 'lbm3-buurt-csv', []],
    ['leefbaarometer/lbm3-meting2024-buurt-quoted.csv', 'lbm3-buurt-csv', []],
    ['leefbaarometer/lbm2-meting2016-wijk-dimensiescores.csv', 'lbm2-csv', []],
    ['leefbaarometer/lbm2-meting2016-gemeente-klassen.csv', 'lbm2-csv', []],
    ['leefbaarometer/utrecht-buurten.csv', 'utrecht-buurten-kwb-lbm3-csv', []],
    ['rivm/50090NED_untyped.csv', 'rivm-50090ned-csv', []],
    ['politie/misdrijven_per_buurt.csv', 'politie-misdrijven-csv', []],
  ];
  it('a macro-enabled workbook (.xlsm) reads as its .xlsx', async () => {
    const xlsx = await savedAsWorkbook('leefbaarometer/lbm3-meting2020-buurt.csv');
    const xlsm = tmpFile('lbm3-meting2020-buurt.xlsm', readFileSync(xlsx));
    const a = await imported([xlsx]);
    const b = await imported([xlsm]);
    expect(b.reports[0]!.layout).toBe('lbm3-buurt-csv');
    expect(b.values.length).toBeGreaterThan(5);
    expect(b.values).toEqual(a.values);
  });
  it.each(cases)('%s (%s)', async (relative, layout, before) => {
    const csv = await imported([fixture(relative)], before.map(fixture));
    const xlsx = await imported([await savedAsWorkbook(relative)], before.map(fixture));
    expect(csv.reports[0]!.layout).toBe(layout);
    expect(xlsx.reports[0]!.layout).toBe(layout);
    expect(csv.values.length).toBeGreaterThan(5);
    expect(xlsx.values).toEqual(csv.values);
  });
});

/** A tidy workbook (code, year, indicator, value) whose value cells are given as exceljs cells. */
async function tidyWorkbook(
  name: string,
  cells: [code: string | number, value: ExcelJS.CellValue, numFmt?: string][],
  above: (ws: ExcelJS.Worksheet) => void = () => {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Eigen cijfers');
  above(ws);
  ws.addRow(['code', 'year', 'indicator', 'value']);
  for (const [code, value, numFmt] of cells) {
    const row = ws.addRow([code, 2020, 'eigen_maat', value]);
    if (numFmt) row.getCell(4).numFmt = numFmt;
  }
  return tmpFile(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

async function tidyValues(path: string): Promise<Record<string, [number | null, number]>> {
  const store = memoryStore();
  await importPaths(store, [path], { harmonise: false });
  const rows = await store.getValues({ indicators: ['eigen_maat'] });
  await store.close();
  return Object.fromEntries(rows.map((r) => [r.areaCode, [r.value, r.flags]]));
}

describe('cells as Excel holds them', () => {
  it('reads numbers as the same numbers, percent formats as the percentage shown, formulas by their result, markers as missing', async () => {
    const path = await tidyWorkbook(
      'eigen.xlsx',
      [
        ['BU09171000', 12.5],
        ['BU09171001', 86855],
        ['BU09171002', 0.125, '0.0%'],
        ['BU09171003', 0.07, '0%'],
        ['BU09171004', { formula: 'B2*2', result: 25 } as ExcelJS.CellFormulaValue],
        ['BU09171005', '.'],
        ['BU09171006', 'x'],
        ['BU09171007', null],
        ['BU09171008', 4.1e-7],
        ['BU09171009', '12,5'],
        ['BU09171010', 1234567.125, '#,##0.00'],
        ['BU09171011', -0.0002],
      ],
      // a title merged over the table's width is a title row, not the header
      (ws) => {
        ws.addRow(['Eigen cijfers 2020']);
        ws.mergeCells('A1:D1');
      },
    );
    expect(await tidyValues(path)).toEqual({
      BU09171000: [12.5, 0],
      BU09171001: [86855, 0],
      BU09171002: [12.5, 0],
      BU09171003: [7, 0],
      BU09171004: [25, 0],
      BU09171005: [null, 1],
      BU09171006: [null, 1],
      BU09171007: [null, 1],
      BU09171008: [4.1e-7, 0],
      BU09171009: [12.5, 0],
      BU09171010: [1234567.125, 0],
      BU09171011: [-0.0002, 0],
    });
  });

  it('reads the same values whatever the workbook says about decimals (no decimal-comma layout turns 12.5 into 125)', async () => {
    // the mnemonic KWB layout reads `;` files with decimal commas; a number cell is a number
    const records = recordsOf(fixture('kwb/kwb2019_mnemonic.csv'));
    const path = tmpFile('kwb2019_mnemonic.xlsx', await asExcelWorkbook(records));
    const csv = await imported([fixture('kwb/kwb2019_mnemonic.csv')]);
    const xlsx = await imported([path]);
    expect(xlsx.values).toEqual(csv.values);
    expect(xlsx.values.some((v) => /\.\d/.test(v.split(' ')[4]!))).toBe(true); // decimals among them
  });
});

/** A store that already holds values, so "as before" means something. */
async function seededStore(): Promise<SqliteStore> {
  const store = memoryStore();
  await importPaths(store, [fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv')]);
  return store;
}

/** Imports `paths` into a seeded store; asserts the refusal and that every table is unchanged. */
function expectRefused(paths: string[], code: ErrorCode, options: ImportOptions = {}): Promise<AppError> {
  return expectRefusedImport(seededStore, paths, code, options);
}

const LBM_HEADER = ['bu_code', 'versie', 'jaar', 'bu_naam', 'lbm', 'afw', 'fys', 'onv', 'soc', 'vrz', 'won'];
const lbmRow = (code: string, lbm: ExcelJS.CellValue = 4.035): ExcelJS.CellValue[] => [
  code,
  'Leefbaarometer 3.0',
  2020,
  `Buurt ${code}`,
  lbm,
  -0.067,
  -0.0006,
  -0.175,
  -0.047,
  0.176,
  -0.02,
];

/** An lbm3 workbook `lbm3_meting2020_buurt.xlsx` with a title row, the header in row 2 and `rows` under it. */
async function lbmWorkbook(rows: ExcelJS.CellValue[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Scores');
  ws.addRow(['Leefbaarometer 3.0 - meting 2020 - scores buurt']);
  ws.addRow(LBM_HEADER);
  for (const r of rows) ws.addRow(r);
  return tmpFile('lbm3_meting2020_buurt.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('a malformed worksheet is refused naming file, sheet, worksheet row and column; the store is as before', () => {
  it('text in a number column', async () => {
    const path = await lbmWorkbook([lbmRow('BU09171000'), lbmRow('BU09171001', 'hoog')]);
    const e = await expectRefused([path], 'VALUE_NOT_A_NUMBER');
    expect(e.location).toMatchObject({
      file: 'lbm3_meting2020_buurt.xlsx',
      sheet: 'Scores',
      row: 4,
      column: 'lbm',
      found: 'hoog',
    });
    expect(e.location?.line).toBeUndefined();
    expect(e.message).toMatch(/^lbm3_meting2020_buurt\.xlsx, sheet 'Scores', row 4, column 'lbm'/);
  });

  it('a date, an error value and a formula Excel never computed in a number column', async () => {
    const cases: [ExcelJS.CellValue, string][] = [
      [new Date(Date.UTC(2020, 2, 1)), '2020-03-01'],
      [{ error: '#DIV/0!' } as ExcelJS.CellErrorValue, '#DIV/0!'],
      [{ formula: 'E3/0' } as ExcelJS.CellFormulaValue, '=E3/0'],
    ];
    for (const [cell, found] of cases) {
      const path = await lbmWorkbook([
        lbmRow('BU09171000'),
        lbmRow('BU09171001'),
        lbmRow('BU09171002', cell),
      ]);
      const e = await expectRefused([path], 'VALUE_NOT_A_NUMBER');
      expect(e.location, found).toMatchObject({ sheet: 'Scores', row: 5, column: 'lbm', found });
    }
  });

  it('a value right of the last column that has a header', async () => {
    const path = await lbmWorkbook([lbmRow('BU09171000'), [...lbmRow('BU09171001'), 'extra']]);
    const e = await expectRefused([path], 'CSV_MALFORMED');
    expect(e.location).toMatchObject({ sheet: 'Scores', row: 4, column: 'won', found: '12 columns' });
  });

  it('a gemeente code that Excel turned into a number (0917 → 917) is refused, never guessed', async () => {
    const path = await tidyWorkbook('eigen.xlsx', [
      ['GM0917', 1],
      [917, 2],
    ]);
    const e = await expectRefused([path], 'AREA_CODE_INVALID');
    expect(e.location).toMatchObject({ sheet: 'Eigen cijfers', row: 3, column: 'code', found: '917' });
  });

  it('a header that names one column twice', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow([...LBM_HEADER, 'lbm']);
    ws.addRow([...lbmRow('BU09171000'), 4.1]);
    const e = await expectRefused(
      [tmpFile('lbm3_meting2020_buurt.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))],
      'CSV_DUPLICATE_COLUMN',
    );
    expect(e.location).toMatchObject({ sheet: 'Blad1', row: 1, column: 'lbm' });
  });

  it('a workbook past the row bound: INPUT_TOO_LARGE', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => lbmRow(`BU091710${String(i).padStart(2, '0')}`));
    const e = await expectRefused([await lbmWorkbook(rows)], 'INPUT_TOO_LARGE', {
      limits: { ...DEFAULT_INPUT_LIMITS, maxRows: 10 },
    });
    expect(e.message).toMatch(/worksheet rows exceeds the bound of 10/);
  });

  it('a workbook cut short (an e-mail attachment half saved): FILE_UNREADABLE', async () => {
    const whole = readFileSync(await lbmWorkbook([lbmRow('BU09171000')]));
    const cut = tmpFile('lbm3_meting2020_buurt.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    const e = await expectRefused([cut], 'FILE_UNREADABLE');
    expect(e.location?.file).toBe('lbm3_meting2020_buurt.xlsx');
  });

  it('an Excel 97–2003 workbook or an OpenDocument spreadsheet: UNKNOWN_FILE_KIND saying to save it as .xlsx or CSV', async () => {
    // an .xls is an OLE2 compound file, whatever its name says
    const ole2 = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    for (const [name, bytes, what] of [
      ['kwb-2019.xls', ole2, /^kwb-2019\.xls, .*an Excel 97–2003 workbook \(\.xls\)/],
      ['kwb-2019.bin', ole2, /an Excel 97–2003 workbook \(\.xls\)/],
      [
        'lbm3_meting2020.ods',
        readFileSync(await lbmWorkbook([lbmRow('BU09171000')])),
        /an OpenDocument spreadsheet/,
      ],
    ] as const) {
      const e = await expectRefused([tmpFile(name, bytes)], 'UNKNOWN_FILE_KIND');
      expect(e.message).toMatch(what);
      expect(e.message).toMatch(/save it as an Excel workbook \(\.xlsx\) or as CSV/);
    }
  });

  it('a workbook whose worksheets hold no table Veerkracht reads: UNKNOWN_FILE_KIND naming them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Toelichting').addRow(['alleen tekst']);
    const other = wb.addWorksheet('Begroting');
    other.addRow(['post', 'bedrag']);
    other.addRow(['huur', 1200]);
    const path = tmpFile('overzicht.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const e = await expectRefused([path], 'UNKNOWN_FILE_KIND');
    expect(e.message).toMatch(/'Begroting' \(header in row 1\)/);
    // inside a folder it is skipped, as any file no parser recognises
    const folder = dirname(path);
    copyFileSync(fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv'), join(folder, 'lbm3.csv'));
    const skipped: [string, string][] = [];
    const { reports } = await imported([folder], [], { onSkipped: (f, why) => skipped.push([f, why.code]) });
    expect(skipped).toEqual([[path, 'UNKNOWN_FILE_KIND']]);
    expect(reports.map((r) => r.file)).toEqual(['lbm3.csv']);
  });
});

describe('a workbook of several worksheets', () => {
  it('reads the first worksheet whose table a parser recognises, and says which', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Toelichting').addRow(['Scores per buurt, zie het derde tabblad']);
    const other = wb.addWorksheet('Begroting');
    other.addRow(['post', 'bedrag']);
    other.addRow(['huur', 1200]);
    const scores = wb.addWorksheet('Scores');
    scores.addRow(LBM_HEADER);
    scores.addRow(lbmRow('BU09171000'));
    scores.addRow(lbmRow('BU09171001', 3.9));
    const path = tmpFile('lbm3_meting2020_buurt.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const { reports, values } = await imported([path]);
    expect(reports[0]!.layout).toBe('lbm3-buurt-csv');
    expect(values).toContain('2020 BU09171001 lbm_total 2020 3.9 0');
    expect(reports[0]!.warnings).toMatchObject({ WORKSHEET_READ: { count: 1 } });
    expect(JSON.stringify(reports[0]!.warnings)).toContain("worksheet 'Scores' (header in row 1)");
  });

  it('imports workbooks among CSV files in one run, also with the parse worker', async () => {
    const csv = fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv');
    const xlsx = await savedAsWorkbook('rivm/50090NED_untyped.csv');
    const police = fixture('politie/misdrijven_per_buurt.csv');
    const alone = await imported([csv, xlsx, police], [], { parseAhead: false });
    const withWorker = await imported([csv, xlsx, police], [], { parseAhead: true });
    expect(withWorker.values).toEqual(alone.values);
    expect(alone.reports.map((r) => r.layout).sort()).toEqual([
      'lbm3-buurt-csv',
      'politie-misdrijven-csv',
      'rivm-50090ned-csv',
    ]);
  });
});
