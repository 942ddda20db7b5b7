/**
 * Reading typed cells from a CsvTable with errors that name file, line, row and column:
 * required columns (CSV_NO_KNOWN_COLUMNS), numbers (VALUE_NOT_A_NUMBER; missing → null and
 * the suppressed flag, never 0), CBS area codes (AREA_CODE_INVALID) and duplicate keys
 * (CSV_DUPLICATE_ROW). Shared by the column-per-indicator source parsers.
 */
import { AppError, type FileLocation } from '../core/app-error.js';
import { findAreaLevel, type AreaLevel } from '../core/area-code.js';
import { VALUE_FLAGS } from '../core/records.js';
import { parseCell } from './cell-value.js';
import { findHeader } from './column-title.js';
import { checkPlausibleValue, isPlausible, checkPlausibleYear } from './plausible-values.js';
import type { CsvTable } from './csv-table.js';

/** Index of a column by name in any spelling (column-title.ts), or undefined. */
export function findColumn(table: CsvTable, name: string): number | undefined {
  return findHeader(table.header, name);
}

/** Indices of required columns; throws CSV_NO_KNOWN_COLUMNS naming the first missing one. */
export function requireColumns<K extends string>(
  table: CsvTable,
  names: readonly K[],
  layout: string,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const i = findColumn(table, name);
    if (i === undefined) {
      throw new AppError('CSV_NO_KNOWN_COLUMNS', `a ${layout} file needs the columns ${names.join(', ')}`, {
        location: { file: table.file, line: 1, column: name, expected: `a column '${name}'` },
      });
    }
    out[name] = i;
  }
  return out;
}

/** Where cell (row i, column c) is, for error messages. */
export function cellLocation(table: CsvTable, i: number, c: number, expected: string): FileLocation {
  return {
    file: table.file,
    line: table.lineOf(i),
    row: i + 1,
    column: table.header[c] ?? `#${c + 1}`,
    expected,
    found: table.rows[i]?.[c] ?? '',
  };
}

/**
 * A numeric cell: `{ value, flags }` with missing as null + suppressed; text throws
 * VALUE_NOT_A_NUMBER, a number outside the range of `indicator` VALUE_OUT_OF_RANGE.
 */
export function readNumberCell(
  table: CsvTable,
  i: number,
  c: number,
  indicator?: string,
): { value: number | null; flags: number } {
  const cell = parseCell(table.rows[i]?.[c]);
  if (cell.kind === 'invalid') {
    throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
      location: cellLocation(table, i, c, 'a number, or NA/empty/. for missing'),
    });
  }
  if (cell.kind !== 'number') return { value: null, flags: VALUE_FLAGS.suppressed };
  if (indicator !== undefined)
    if (!isPlausible(indicator, cell.value))
      checkPlausibleValue(indicator, cell.value, () => cellLocation(table, i, c, ''));
  return { value: cell.value, flags: 0 };
}

/** A year cell (four digits, 1990 to next year); throws YEAR_UNKNOWN or YEAR_OUT_OF_RANGE naming the cell. */
export function readYearCell(table: CsvTable, i: number, c: number): number {
  const raw = (table.rows[i]?.[c] ?? '').trim();
  if (!/^\d{4}$/.test(raw)) {
    throw new AppError('YEAR_UNKNOWN', 'not a year', {
      location: cellLocation(table, i, c, 'a four-digit year'),
    });
  }
  const year = Number(raw);
  checkPlausibleYear(year, () => cellLocation(table, i, c, ''));
  return year;
}

/**
 * A CBS area code cell, upper-cased; throws AREA_CODE_INVALID when it is not a code of one of
 * the `levels` (all of gemeente/wijk/buurt when omitted).
 */
export function readAreaCodeCell(
  table: CsvTable,
  i: number,
  c: number,
  levels: readonly Exclude<AreaLevel, 'land'>[] = ['gemeente', 'wijk', 'buurt'],
): { code: string; level: Exclude<AreaLevel, 'land'> } {
  const code = (table.rows[i]?.[c] ?? '').trim().toUpperCase();
  const level = findAreaLevel(code);
  if (!level || !levels.includes(level)) {
    const expected = levels
      .map((l) => ({ gemeente: 'GMgggg', wijk: 'WKggggww', buurt: 'BUggggwwbb' })[l])
      .join(' or ');
    throw new AppError('AREA_CODE_INVALID', `not a CBS ${levels.join('/')} code`, {
      location: cellLocation(table, i, c, `a ${expected} code`),
    });
  }
  return { code, level };
}

/** Remembers keys (area|year) and throws CSV_DUPLICATE_ROW, naming both rows, on a repeat. */
export function createDuplicateGuard(table: CsvTable, keyColumn: number): (key: string, i: number) => void {
  const firstRow = new Map<string, number>();
  return (key, i) => {
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `${key.replace('|', ', ')} occurs twice (first on line ${table.lineOf(earlier)})`,
        {
          location: cellLocation(table, i, keyColumn, 'each area (and year) once'),
        },
      );
    }
    firstRow.set(key, i);
  };
}
