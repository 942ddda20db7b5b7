/**
 * Tidy CSV: any extra indicator a user has, one value per line:
 *   code,year,indicator,value[,unit]
 * `code` is a CBS area code (GM/WK/BU), `indicator` a known catalogue id or a new id
 * (lower_snake_case), `value` a number or empty/`.` for missing. Division year: --division,
 * else the year of the value.
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel, gemeenteOf, wijkOf, type AreaCode, type BuurtCode } from '../../../core/area-code.js';
import { emptyBatch, VALUE_FLAGS, type ParsedArea } from '../../../core/records.js';
import { CUSTOM_INDICATOR_ID } from '../../../domain/indicator-catalogue.js';
import { parseCell } from '../../cell-value.js';
import { findHeader, hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable } from '../../csv-table.js';
import { checkPlausibleValue, checkPlausibleYear } from '../../plausible-values.js';
import type { SourceParser } from '../../source-parser.js';

const REQUIRED = ['code', 'year', 'indicator', 'value'] as const;

export const tidyCsvParser: SourceParser = {
  kind: 'tidy',
  layout: 'tidy-csv',
  order: 4,
  detect(file) {
    const h = csvHeaderOf(file);
    return REQUIRED.every((c) => hasHeader(h, c)) ? 0.9 : 0;
  },
  async parse(file, ctx) {
    const table = readCsvTable(file);
    const idx = Object.fromEntries(REQUIRED.map((c) => [c, findHeader(table.header, c) ?? -1])) as Record<
      (typeof REQUIRED)[number],
      number
    >;
    for (const c of REQUIRED) {
      if (idx[c] < 0) {
        throw new AppError('CSV_NO_KNOWN_COLUMNS', `tidy CSV needs the columns ${REQUIRED.join(',')}`, {
          location: { file: file.name, line: 1, column: c, expected: `a column '${c}'` },
        });
      }
    }
    const batch = emptyBatch(file.name, file.checksum, {
      source: 'tidy',
      edition: `tidy CSV ${file.name}`,
      table: null,
      publisher: 'user',
      divisionYear: ctx.divisionYear ?? null,
    });
    const areas = new Map<string, ParsedArea>();
    table.rows.forEach((row, i) => {
      const line = table.lineOf(i);
      const at = (column: string, expected: string, found: string) => ({
        file: file.name,
        line,
        row: i + 1,
        column,
        expected,
        found,
      });
      const rawCode = (row[idx.code] ?? '').trim().toUpperCase();
      const level = findAreaLevel(rawCode);
      if (!level)
        throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
          location: at('code', 'GMgggg, WKggggww or BUggggwwbb', rawCode),
        });
      const rawYear = (row[idx.year] ?? '').trim();
      const year = Number(rawYear);
      if (!/^\d{4}$/.test(rawYear))
        throw new AppError('YEAR_UNKNOWN', 'not a year', {
          location: at('year', 'a four-digit year', rawYear),
        });
      checkPlausibleYear(year, () => at('year', '', rawYear));
      const indicator = (row[idx.indicator] ?? '').trim();
      if (!CUSTOM_INDICATOR_ID.test(indicator)) {
        throw new AppError('CSV_MALFORMED', 'not an indicator id', {
          location: at('indicator', 'a lower_snake_case id', indicator),
        });
      }
      const cell = parseCell(row[idx.value]);
      if (cell.kind === 'invalid')
        throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
          location: at('value', 'a number, or empty for missing', cell.raw),
        });
      if (cell.kind === 'number')
        checkPlausibleValue(indicator, cell.value, () => at('value', '', row[idx.value] ?? ''));
      const divisionYear = ctx.divisionYear ?? year;
      const code = rawCode as AreaCode;
      areas.set(`${code}|${divisionYear}`, {
        code,
        level,
        name: null,
        gemeenteCode: level === 'gemeente' ? code : gemeenteOf(code),
        wijkCode: level === 'buurt' ? wijkOf(code as BuurtCode) : null,
        divisionYear,
      });
      batch.values.push({
        areaCode: code,
        year,
        indicator,
        value: cell.kind === 'number' ? cell.value : null,
        flags: cell.kind === 'number' ? 0 : VALUE_FLAGS.suppressed,
        column: 'value',
        divisionYear,
        line,
      });
    });
    batch.rowsRead = table.rows.length;
    batch.areas = [...areas.values()];
    return batch;
  },
};
