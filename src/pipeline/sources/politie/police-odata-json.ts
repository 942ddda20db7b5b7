/**
 * CBS/politie table 47022NED "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maand" as
 * OData v3 JSON (the combined file `veerkracht fetch` caches, or one raw TypedDataSet page):
 *   { WijkenEnBuurten: "BU00140000", Perioden: "2023MM01", SoortMisdrijf: "0.0.0 ", GeregistreerdeMisdrijven_1: 3 }
 * Only the total (`SoortMisdrijf` 0.0.0) is read; other crime types are counted and skipped.
 * Months are summed to calendar years, and only complete years become values: a year counts
 * when the table holds all 12 of its months (the running year is reported and skipped, so a
 * partial year never looks like a drop in crime). An area missing a month, or with a null
 * month, gets null + suppressed for that year. Yearly periods (`2023JJ00`), where present, are
 * used as they are. Area names come from the optional WijkenEnBuurten list. Division year: `--division`, else the WijkenEnBuurten MapYear from
 * DataProperties, else the latest year in the table (with a DIVISION_ASSUMED warning).
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import { VALUE_FLAGS, emptyBatch, type ImportWarning } from '../../../core/records.js';
import { parseCell } from '../../cell-value.js';
import { findMapYear, keyStem, looksLikeODataJson, readODataJson, type ODataRow } from '../../odata-json.js';
import { areaFromCode } from '../../parsed-area.js';
import { checkPlausibleValue, checkPlausibleYear, maxOf } from '../../plausible-values.js';
import type { SourceParser } from '../../source-parser.js';
import { POLICE_TABLE, POLICE_TOTAL_CRIME, policeEdition } from './police-edition.js';

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** Per area and year: month → count (null = suppressed). */
type Monthly = Map<string, Map<number, Map<number, number | null>>>;

export const policeODataJsonParser: SourceParser = {
  kind: 'politie',
  layout: 'politie-47022ned-odata-json',
  order: 3,
  detect(file) {
    return looksLikeODataJson(file, POLICE_TABLE, ['SoortMisdrijf', 'WijkenEnBuurten', 'Perioden'])
      ? 0.95
      : 0;
  },
  async parse(file, ctx) {
    const t = readODataJson(file);
    const countKey = countKeyOf(t.rows[0], file.name);
    const warnings: ImportWarning[] = [];
    const { monthly, yearly, months, skippedTypes } = collect(t.rows, countKey, file.name);
    if (skippedTypes)
      warnings.push({
        code: 'ROWS_SKIPPED',
        message: `${skippedTypes} rows of other crime types skipped (only the total 0.0.0 is read)`,
        file: file.name,
      });
    const complete = completeYears(months, yearly, file.name, warnings);
    const mapYear = findMapYear(t.properties);
    const divisionYear = ctx.divisionYear ?? mapYear ?? maxOf(complete);
    if (divisionYear === undefined) {
      throw new AppError(
        'NOTHING_TO_IMPORT',
        `no complete year of total crime (${POLICE_TOTAL_CRIME}) in the table`,
        {
          location: {
            file: file.name,
            column: 'Perioden',
            expected: 'the 12 months of at least one year, or a yearly period',
          },
        },
      );
    }
    if (ctx.divisionYear === undefined && mapYear === undefined) {
      warnings.push({
        code: 'DIVISION_ASSUMED',
        message: `no MapYear in DataProperties: codes taken as division ${divisionYear}`,
        file: file.name,
      });
    }
    const batch = emptyBatch(file.name, file.checksum, policeEdition(divisionYear));
    batch.warnings = warnings;
    for (const [code, years] of monthly) {
      batch.areas.push(areaFromCode(code, findAreaLevel(code)!, t.areaNames.get(code) ?? null, divisionYear));
      for (const year of complete) {
        const direct = yearly.get(code)?.get(year);
        const value = direct !== undefined ? direct : sumYear(years.get(year));
        batch.values.push({
          areaCode: code,
          year,
          indicator: 'police_crimes',
          value,
          flags: value === null ? VALUE_FLAGS.suppressed : 0,
          column: countKey,
          divisionYear,
        });
      }
    }
    batch.rowsRead = t.rows.length;
    return batch;
  },
};

function countKeyOf(row: ODataRow | undefined, file: string): string {
  const key = row ? Object.keys(row).find((k) => keyStem(k) === 'GeregistreerdeMisdrijven') : undefined;
  if (!key) {
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      `a ${POLICE_TABLE} file needs GeregistreerdeMisdrijven in its rows`,
      {
        location: { file, row: 1, column: 'GeregistreerdeMisdrijven', expected: 'the 47022NED topic' },
      },
    );
  }
  return key;
}

function collect(rows: readonly ODataRow[], countKey: string, file: string) {
  const monthly: Monthly = new Map();
  const yearly = new Map<string, Map<number, number | null>>();
  const months = new Map<number, Set<number>>();
  const seen = new Set<string>();
  let skippedTypes = 0;
  rows.forEach((row, i) => {
    if (text(row['SoortMisdrijf']) !== POLICE_TOTAL_CRIME) return void skippedTypes++;
    const code = text(row['WijkenEnBuurten']).toUpperCase();
    if (/^NL\d*$/.test(code)) return;
    const where = (column: string, expected: string) => ({
      file,
      row: i + 1,
      column,
      expected,
      found: text(row[column]),
    });
    if (!findAreaLevel(code))
      throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
        location: where('WijkenEnBuurten', 'GMgggg, WKggggww or BUggggwwbb'),
      });
    const period = text(row['Perioden']);
    const m = /^((?:19|20)\d{2})(MM(\d{2})|JJ00)$/.exec(period);
    if (!m)
      throw new AppError('YEAR_UNKNOWN', 'not a month or year period', {
        location: where('Perioden', 'a period like 2023MM01 or 2023JJ00'),
      });
    if (seen.has(`${code}|${period}`))
      throw new AppError('CSV_DUPLICATE_ROW', `${code}, ${period} occurs twice`, {
        location: where('WijkenEnBuurten', 'each area and period once'),
      });
    seen.add(`${code}|${period}`);
    const cell = parseCell(row[countKey] as number | string | null | undefined);
    if (cell.kind === 'invalid')
      throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
        location: where(countKey, 'a count, or null'),
      });
    const value = cell.kind === 'number' ? cell.value : null;
    const year = Number(m[1]);
    checkPlausibleYear(year, () => where('Perioden', ''));
    checkPlausibleValue('police_crimes', value, () => where(countKey, ''));
    if (!monthly.has(code)) monthly.set(code, new Map());
    if (m[3] === undefined) {
      if (!yearly.has(code)) yearly.set(code, new Map());
      yearly.get(code)!.set(year, value);
      return;
    }
    const month = Number(m[3]);
    if (!months.has(year)) months.set(year, new Set());
    months.get(year)!.add(month);
    const byYear = monthly.get(code)!;
    if (!byYear.has(year)) byYear.set(year, new Map());
    byYear.get(year)!.set(month, value);
  });
  return { monthly, yearly, months, skippedTypes };
}

/** Years with all 12 months in the table, or with a yearly period; warns about the others. */
function completeYears(
  months: Map<number, Set<number>>,
  yearly: Map<string, Map<number, number | null>>,
  file: string,
  warnings: ImportWarning[],
): number[] {
  const years = new Set<number>();
  for (const perArea of yearly.values()) for (const y of perArea.keys()) years.add(y);
  for (const [year, set] of months) {
    if (set.size === 12) years.add(year);
    else if (!years.has(year)) {
      warnings.push({
        code: 'INCOMPLETE_YEAR',
        message: `${year}: only ${set.size} of 12 months in the table; no yearly value stored`,
        file,
      });
    }
  }
  return [...years].sort((a, b) => a - b);
}

function sumYear(months: Map<number, number | null> | undefined): number | null {
  if (!months || months.size < 12) return null;
  let sum = 0;
  for (const v of months.values()) {
    if (v === null) return null;
    sum += v;
  }
  return sum;
}
