import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportBatch } from '../../../core/records.js';
import { readInputFile } from '../../input-file.js';
import { parseInputFile } from '../../parse-file.js';
import type { ParseContext } from '../../source-parser.js';
import { kwbMnemonicCsvParser } from './kwb-mnemonic-table.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/kwb');
const ctx: ParseContext = { listAreaNames: async () => [], findGemeenteByName: async () => [] };

const valueOf = (batch: ImportBatch, code: string, indicator: string) =>
  batch.values.toArray().find((v) => v.areaCode === code && v.indicator === indicator);

describe('kwbMnemonicCsvParser (kwb-YYYY export, `;`, decimal commas)', () => {
  const file = readInputFile(join(FIXTURES, 'kwb2019_mnemonic.csv'));

  it('is detected by its mnemonic code column', () => {
    expect(kwbMnemonicCsvParser.detect(file)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads every mapped mnemonic with decimal commas, keeping the exact column name', async () => {
    const batch = await kwbMnemonicCsvParser.parse(file, ctx);
    expect(batch.edition.edition).toBe('CBS KWB 2019 (84583NED)');
    expect(valueOf(batch, 'BU09171000', 'corporation_share')).toEqual({
      areaCode: 'BU09171000',
      year: 2019,
      indicator: 'corporation_share',
      value: 38,
      flags: 0,
      column: 'p_wcorpw',
      divisionYear: 2019,
    });
    expect(valueOf(batch, 'GM0917', 'low_income_households_share')?.value).toBe(12.9);
    expect(valueOf(batch, 'WK091710', 'social_minimum_households_share')?.value).toBe(11.4);
    expect(valueOf(batch, 'BU09171000', 'social_assistance_persons')?.value).toBe(185);
    expect(valueOf(batch, 'BU09171000', 'disability_benefit_persons')?.value).toBe(375);
    expect(valueOf(batch, 'BU09171000', 'wmo_clients')?.value).toBe(270);
    expect(valueOf(batch, 'BU09171000', 'inhabitants')?.value).toBe(3585);
    expect(valueOf(batch, 'BU09171000', 'households')?.value).toBe(1880);
    expect(valueOf(batch, 'BU09171000', 'dwellings')?.value).toBe(1915);
  });

  it('keeps `.` and empty as suppressed nulls, skips the national row and unmapped columns', async () => {
    const batch = await kwbMnemonicCsvParser.parse(file, ctx);
    for (const ind of [
      'corporation_share',
      'low_income_households_share',
      'social_minimum_households_share',
      'social_assistance_persons',
    ]) {
      expect(valueOf(batch, 'BU09171001', ind)).toMatchObject({ value: null, flags: 1 });
    }
    expect(batch.areas.map((a) => a.code)).toEqual(['GM0917', 'WK091710', 'BU09171000', 'BU09171001']);
    expect(batch.areas[2]).toMatchObject({
      name: 'Maria Gewanden',
      level: 'buurt',
      gemeenteCode: 'GM0917',
      wijkCode: 'WK091710',
    });
    expect(batch.values.toArray().some((v) => v.column === 'ste_mvs')).toBe(false);
  });
});

async function writeXlsx(path: string, rows: (string | number | null)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('KWB2020');
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('Toelichting').addRow(['not read']);
  await wb.xlsx.writeFile(path);
}

describe('a kwb-YYYY.xlsx workbook (its first worksheet, read as kwb-mnemonic-csv)', () => {
  it('reads numbers, text numbers, `.` and empty cells from the first sheet', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-kwb-xlsx-')), 'kwb-2020.xlsx');
    await writeXlsx(path, [
      [
        'gwb_code_10',
        'regio',
        'gm_naam',
        'recs',
        'a_inw',
        'p_wcorpw',
        'p_hh_lkk',
        'a_soz_wb',
        'a_soz_ao',
        'a_wmo_t',
        'a_hh',
        'a_woning',
        'p_hh_osm',
      ],
      ['GM0917', 'Heerlen', 'Heerlen', 'Gemeente', 86855, 37, 12.4, 4890, 7320, 6810, 45400, 46010, 13.6],
      [
        'BU09171000',
        'Maria Gewanden',
        'Heerlen',
        'Buurt',
        3600,
        '38',
        '.',
        null,
        370,
        280,
        1890,
        1930,
        '11,9',
      ],
    ]);
    const { parser, batch } = await parseInputFile(readInputFile(path), ctx, undefined);
    expect(parser).toBe(kwbMnemonicCsvParser);
    expect(batch.edition.edition).toBe('CBS KWB 2020 (84799NED)');
    expect(valueOf(batch, 'GM0917', 'low_income_households_share')).toMatchObject({
      value: 12.4,
      year: 2020,
      column: 'p_hh_lkk',
    });
    expect(valueOf(batch, 'BU09171000', 'corporation_share')?.value).toBe(38);
    expect(valueOf(batch, 'BU09171000', 'low_income_households_share')).toMatchObject({
      value: null,
      flags: 1,
    });
    expect(valueOf(batch, 'BU09171000', 'social_assistance_persons')).toMatchObject({
      value: null,
      flags: 1,
    });
    expect(valueOf(batch, 'BU09171000', 'social_minimum_households_share')?.value).toBe(11.9);
    expect(valueOf(batch, 'BU09171000', 'disability_benefit_persons')?.value).toBe(370);
    expect(valueOf(batch, 'BU09171000', 'wmo_clients')?.value).toBe(280);
    expect(valueOf(batch, 'BU09171000', 'households')?.value).toBe(1890);
    expect(valueOf(batch, 'BU09171000', 'dwellings')?.value).toBe(1930);
    expect(valueOf(batch, 'BU09171000', 'inhabitants')?.value).toBe(3600);
  });

  it('names the sheet row and column of text in a number column', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-kwb-xlsx-')), 'kwb-2020.xlsx');
    await writeXlsx(path, [
      ['gwb_code_10', 'regio', 'a_inw'],
      ['GM0917', 'Heerlen', 86855],
      ['BU09171000', 'Maria Gewanden', 'ca. 3600'],
    ]);
    const e = await parseInputFile(readInputFile(path), ctx, undefined).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'VALUE_NOT_A_NUMBER',
      location: { file: 'kwb-2020.xlsx', sheet: 'KWB2020', row: 3, column: 'a_inw', found: 'ca. 3600' },
    });
    expect((e as Error).message).toMatch(/^kwb-2020\.xlsx, sheet 'KWB2020', row 3, column 'a_inw'/);
  });
});
