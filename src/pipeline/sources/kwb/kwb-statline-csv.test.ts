import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app-error.js';
import type { ImportBatch } from '../../../core/records.js';
import { inputFileFromBytes, readInputFile } from '../../input-file.js';
import type { ParseContext } from '../../source-parser.js';
import { kwbStatlineCsvParser, kwbStatlineNamedCsvParser } from './kwb-statline-csv.js';

const fixture = (relative: string): string =>
  join(import.meta.dirname, '../../../../test/fixtures', relative);
const ctx: ParseContext = { listAreaNames: async () => [], findGemeenteByName: async () => [] };
const valueOf = (batch: ImportBatch, code: string, indicator: string) =>
  batch.values.toArray().find((v) => v.areaCode === code && v.indicator === indicator);

/** A StatLine download: `;`, quoted, titles with units, padded codes, `.` for suppressed. */
const STATLINE = [
  '"Wijken en buurten";"Regioaanduiding/Gemeentenaam (naam)";"Regioaanduiding/Soort regio (omschrijving)";"Regioaanduiding/Codering (code)";"Bevolking/Aantal inwoners (aantal)";"Wonen/Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie (%)";"Inkomen/Inkomen van huishoudens/Huishoudens met een laag inkomen (%)";"Sociale zekerheid/Personen per soort uitkering/Bijstand (aantal)";"Criminaliteit/Gewelds- en seksuele misdrijven (per 1 000 inwoners)"',
  '"Heerlen";"Heerlen                                 ";"Gemeente  ";"GM0917    ";"86832";"37";"12,9";"4990";"7"',
  '"Maria Gewanden";"Heerlen                                 ";"Buurt     ";"BU09171000";"3580";"38";"10,6";"190";"4"',
  '"Terschuren";"Heerlen                                 ";"Buurt     ";"BU09171001";"460";".";".";"";"."',
  '"Bron: CBS";"";"";"";"";"";"";"";""',
].join('\r\n');

describe('kwbStatlineCsvParser (StatLine download with codes)', () => {
  const file = inputFileFromBytes('kwb2018_heerlen_statline.csv', Buffer.from(`\uFEFF${STATLINE}\r\n`));

  it('is the coded StatLine layout, not the name-only one', () => {
    expect(kwbStatlineCsvParser.detect(file)).toBe(0.8);
    expect(kwbStatlineNamedCsvParser.detect(file)).toBe(0);
  });

  it('reads titles with units, decimal commas, padded codes and `.`; skips the footer', async () => {
    const batch = await kwbStatlineCsvParser.parse(file, ctx);
    expect(batch.areas.map((a) => [a.code, a.level, a.name])).toEqual([
      ['GM0917', 'gemeente', 'Heerlen'],
      ['BU09171000', 'buurt', 'Maria Gewanden'],
      ['BU09171001', 'buurt', 'Terschuren'],
    ]);
    expect(valueOf(batch, 'GM0917', 'low_income_households_share')).toMatchObject({
      value: 12.9,
      year: 2018,
      divisionYear: 2018,
    });
    expect(valueOf(batch, 'BU09171000', 'corporation_share')).toMatchObject({
      value: 38,
      flags: 0,
      column: 'Wonen/Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie (%)',
    });
    expect(valueOf(batch, 'BU09171000', 'social_assistance_persons')?.value).toBe(190);
    expect(valueOf(batch, 'BU09171000', 'crime_violence_per_1000')?.value).toBe(4);
    for (const ind of [
      'corporation_share',
      'low_income_households_share',
      'social_assistance_persons',
      'crime_violence_per_1000',
    ]) {
      expect(valueOf(batch, 'BU09171001', ind)).toMatchObject({ value: null, flags: 1 });
    }
    expect(batch.values).toHaveLength(3 * 5);
  });
});

describe('StatLine downloads with a title line, a units row and footer lines', () => {
  const read = (name: string) => readInputFile(fixture(`kwb/${name}`));

  it('reads a title line above the header, a units row under it and a "Bron: CBS" footer (`;`, CRLF)', async () => {
    const file = read('kwb2018_statline_titel_eenheden.csv');
    expect(kwbStatlineCsvParser.detect(file)).toBe(0.8);
    const batch = await kwbStatlineCsvParser.parse(file, ctx);
    expect(batch.rowsRead).toBe(3);
    expect(batch.areas.map((a) => [a.code, a.name])).toEqual([
      ['GM0917', 'Heerlen'],
      ['BU09171000', 'Maria Gewanden'],
      ['BU09171001', 'Terschuren'],
    ]);
    expect(valueOf(batch, 'GM0917', 'inhabitants')?.value).toBe(86832);
    expect(valueOf(batch, 'GM0917', 'low_income_households_share')?.value).toBe(12.9);
    expect(valueOf(batch, 'BU09171000', 'corporation_share')).toMatchObject({
      value: 38,
      year: 2018,
      flags: 0,
    });
    expect(valueOf(batch, 'BU09171000', 'social_assistance_persons')?.value).toBe(190);
    expect(valueOf(batch, 'BU09171001', 'corporation_share')).toMatchObject({ value: null, flags: 1 });
    expect(valueOf(batch, 'BU09171001', 'social_assistance_persons')).toMatchObject({
      value: null,
      flags: 1,
    });
    expect(batch.values).toHaveLength(3 * 4);
  });

  it('reads a padded title line, an empty line and two footer lines (`,`)', async () => {
    const file = read('kwb2020_statline_titel_voetregels.csv');
    expect(kwbStatlineCsvParser.detect(file)).toBe(0.8);
    const batch = await kwbStatlineCsvParser.parse(file, ctx);
    expect(batch.areas.map((a) => a.code)).toEqual(['GM1883', 'BU18830101', 'BU18830201']);
    expect(valueOf(batch, 'GM1883', 'dwellings')?.value).toBe(44120);
    expect(valueOf(batch, 'BU18830101', 'owner_occupied_share')?.value).toBe(81);
    expect(valueOf(batch, 'BU18830201', 'corporation_share')).toMatchObject({ value: 22, year: 2020 });
    expect(valueOf(batch, 'BU18830201', 'social_assistance_persons')).toMatchObject({
      value: null,
      flags: 1,
    });
    expect(batch.values).toHaveLength(3 * 4);
  });

  it('names the line of the file in errors, counting the title and units lines', async () => {
    const text = readFileSync(fixture('kwb/kwb2018_statline_titel_eenheden.csv'), 'utf8').replace(
      '"10,6"',
      '"tien"',
    );
    const file = inputFileFromBytes('kwb2018_bad.csv', Buffer.from(text));
    const error = await kwbStatlineCsvParser.parse(file, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALUE_NOT_A_NUMBER');
    expect((error as AppError).location).toMatchObject({ line: 5, row: 2 });
  });
});
