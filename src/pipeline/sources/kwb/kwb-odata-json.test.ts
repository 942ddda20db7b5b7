import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../core/app-error.js';
import type { ImportBatch } from '../../../core/records.js';
import { readInputFile } from '../../input-file.js';
import type { ParseContext } from '../../source-parser.js';
import { kwbODataJsonParser } from './kwb-odata-json.js';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/kwb');
const ctx: ParseContext = { listAreaNames: async () => [], findGemeenteByName: async () => [] };

function valueOf(batch: ImportBatch, code: string, indicator: string) {
  return batch.values.toArray().find((v) => v.areaCode === code && v.indicator === indicator);
}

describe('kwbODataJsonParser: TypedDataSet with a DataProperties file beside it', () => {
  const file = readInputFile(join(FIXTURES, 'odata/84286NED_TypedDataSet.json'));

  it('is detected, and its DataProperties file is not', () => {
    expect(kwbODataJsonParser.detect(file)).toBeGreaterThan(0.9);
    expect(
      kwbODataJsonParser.detect(readInputFile(join(FIXTURES, 'odata/84286NED_DataProperties.json'))),
    ).toBe(0);
  });

  it('reads values by title, takes the year from the table id, and labels the edition', async () => {
    const batch = await kwbODataJsonParser.parse(file, ctx);
    expect(batch.edition).toMatchObject({
      source: 'kwb',
      edition: 'CBS KWB 2018 (84286NED)',
      table: '84286NED',
      divisionYear: 2018,
    });
    expect(valueOf(batch, 'BU09171000', 'corporation_share')).toEqual({
      areaCode: 'BU09171000',
      year: 2018,
      indicator: 'corporation_share',
      value: 38,
      flags: 0,
      column: 'InBezitWoningcorporatie_42',
      divisionYear: 2018,
    });
    expect(valueOf(batch, 'GM0917', 'low_income_households_share')?.value).toBe(12.9);
    expect(valueOf(batch, 'WK091710', 'social_assistance_persons')?.value).toBe(200);
    expect(valueOf(batch, 'BU09171000', 'disability_benefit_persons')?.value).toBe(380);
    expect(valueOf(batch, 'BU09171000', 'wmo_clients')?.value).toBe(265);
    expect(valueOf(batch, 'BU09171000', 'wmo_clients_per_1000')?.value).toBe(74);
    expect(valueOf(batch, 'GM0917', 'crime_violence_per_1000')?.value).toBe(7);
    expect(valueOf(batch, 'BU09171000', 'dwellings')?.value).toBe(1910);
    expect(valueOf(batch, 'BU09171000', 'households')?.value).toBe(1875);
  });

  it('keeps null and "." as missing with the suppressed flag, never 0', async () => {
    const batch = await kwbODataJsonParser.parse(file, ctx);
    for (const ind of [
      'corporation_share',
      'low_income_households_share',
      'social_minimum_households_share',
      'social_assistance_persons',
    ]) {
      expect(valueOf(batch, 'BU09171001', ind)).toMatchObject({ value: null, flags: 1 });
    }
  });

  it('skips the national row, trims padded codes, and derives the area hierarchy', async () => {
    const batch = await kwbODataJsonParser.parse(file, ctx);
    expect(batch.areas.map((a) => [a.code, a.level, a.name, a.gemeenteCode, a.wijkCode])).toEqual([
      ['GM0917', 'gemeente', 'Heerlen', 'GM0917', null],
      ['WK091710', 'wijk', null, 'GM0917', null],
      ['BU09171000', 'buurt', null, 'GM0917', 'WK091710'],
      ['BU09171001', 'buurt', null, 'GM0917', 'WK091710'],
    ]);
    expect(new Set(batch.values.toArray().map((v) => v.indicator)).has('OppervlakteTotaal')).toBe(false);
    expect(batch.rowsRead).toBe(5);
  });

  it('takes the year from the table id even when --year says otherwise (with a warning)', async () => {
    const batch = await kwbODataJsonParser.parse(file, { ...ctx, year: 2019 });
    expect(batch.edition.edition).toBe('CBS KWB 2018 (84286NED)');
    expect(new Set(batch.values.toArray().map((v) => v.year))).toEqual(new Set([2018]));
    expect(batch.warnings.map((w) => w.code)).toEqual(['YEAR_FROM_TABLE']);
  });

  it('falls back to key stems (with a warning) when no DataProperties file is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-kwb-odata-'));
    copyFileSync(join(FIXTURES, 'odata/84286NED_TypedDataSet.json'), join(dir, 'kwb_2018.json'));
    const batch = await kwbODataJsonParser.parse(readInputFile(join(dir, 'kwb_2018.json')), ctx);
    expect(batch.warnings.map((w) => w.code)).toEqual(['ODATA_NO_DATAPROPERTIES']);
    expect(valueOf(batch, 'BU09171000', 'corporation_share')?.value).toBe(38);
  });
});

describe('kwbODataJsonParser: the combined cache form', () => {
  const file = readInputFile(join(FIXTURES, 'kwb2024_combined_85984NED.json'));

  it('maps the 2024 poverty measure to its own ids and a new key by its title', async () => {
    expect(kwbODataJsonParser.detect(file)).toBeGreaterThan(0.9);
    const batch = await kwbODataJsonParser.parse(file, ctx);
    expect(batch.edition.edition).toBe('CBS KWB 2024 (85984NED)');
    expect(valueOf(batch, 'GM1883', 'persons_in_poverty_share')?.value).toBe(5.1);
    expect(valueOf(batch, 'BU18830000', 'persons_in_poverty_share')).toMatchObject({ value: null, flags: 1 });
    expect(valueOf(batch, 'BU18830000', 'persons_near_poverty_share')?.value).toBe(19.4);
    expect(valueOf(batch, 'BU18830000', 'corporation_share')).toMatchObject({
      value: 44,
      column: 'HuurwoningenInBezitCorporaties_49',
    });
    expect(batch.values.toArray().some((v) => v.indicator === 'low_income_households_share')).toBe(false);
  });

  it('skips a column whose unit contradicts the indicator (a % age group is not a count)', async () => {
    const batch = await kwbODataJsonParser.parse(file, ctx);
    expect(batch.values.toArray().some((v) => v.indicator === 'inhabitants_0_14')).toBe(false);
    expect(batch.warnings.find((w) => w.code === 'COLUMN_UNIT_MISMATCH')?.column).toBe('k_0Tot15Jaar_8');
  });

  it('takes area names from the WijkenEnBuurten dimension list', async () => {
    const batch = await kwbODataJsonParser.parse(file, ctx);
    expect(batch.areas.map((a) => [a.code, a.name])).toEqual([
      ['GM1883', 'Sittard-Geleen'],
      ['BU18830000', 'Sittard-Centrum'],
    ]);
  });
});

describe('kwbODataJsonParser: refusals', () => {
  const write = (name: string, json: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-kwb-odata-'));
    writeFileSync(join(dir, name), JSON.stringify(json));
    return join(dir, name);
  };
  const row = { WijkenEnBuurten: 'BU09171000', SoortRegio_2: 'Buurt', AantalInwoners_5: 10 };

  it('refuses a file whose year cannot be told (YEAR_UNKNOWN), unless --year is given', async () => {
    const path = write('cache.json', { 'odata.metadata': 'https://example.org/$metadata', value: [row] });
    const e = await kwbODataJsonParser.parse(readInputFile(path), ctx).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('YEAR_UNKNOWN');
    const batch = await kwbODataJsonParser.parse(readInputFile(path), { ...ctx, year: 2019 });
    expect(batch.values.at(0)).toMatchObject({ year: 2019, value: 10, indicator: 'inhabitants' });
  });

  it('names the record and key of text in a number column', async () => {
    const path = write('kwb2019.json', {
      value: [row, { ...row, WijkenEnBuurten: 'BU09171001', AantalInwoners_5: 'veel' }],
    });
    const e = (await kwbODataJsonParser.parse(readInputFile(path), ctx).catch((x: unknown) => x)) as AppError;
    expect(e.code).toBe('VALUE_NOT_A_NUMBER');
    expect(e.location).toMatchObject({
      file: 'kwb2019.json',
      row: 2,
      column: 'AantalInwoners_5',
      found: 'veel',
    });
  });

  it('refuses the same area twice (CSV_DUPLICATE_ROW) and broken JSON (JSON_MALFORMED)', async () => {
    const dup = write('kwb2019.json', { value: [row, row] });
    expect(
      ((await kwbODataJsonParser.parse(readInputFile(dup), ctx).catch((x: unknown) => x)) as AppError).code,
    ).toBe('CSV_DUPLICATE_ROW');
    const dir = mkdtempSync(join(tmpdir(), 'vk-kwb-odata-'));
    writeFileSync(join(dir, 'kwb2019.json'), '{"value": [');
    expect(
      (
        (await kwbODataJsonParser
          .parse(readInputFile(join(dir, 'kwb2019.json')), ctx)
          .catch((x: unknown) => x)) as AppError
      ).code,
    ).toBe('JSON_MALFORMED');
  });
});
