/**
 * Registered crime per area as a CSV with one column per year (the "Woon ik veilig?" export of
 * 47022NED, indeling 2024):
 *   niveau,code,naam,wk_code,gm_code,gm_naam,misdrijven_per1000_laatste12mnd,misdrijven_laatste12mnd,misdrijven_2021,...,misdrijven_2025
 * `misdrijven_YYYY` → police_crimes for year YYYY. The latest year column is the rolling last 12
 * months up to the file's reference date, not a calendar year: it is stored as that year (the
 * catalogue definition says so) with a ROLLING_12_MONTHS warning, and police_crimes_per_1000
 * (published for the last 12 months only) gets that year too. Empty cells: null + suppressed;
 * a column empty for a whole level (wijk rows carry no counts) is not stored. Division year
 * 2024 (`--division` overrides). Names (`naam`, `gm_naam`) are kept for name matching.
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import { emptyBatch, type ParsedArea } from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import {
  createDuplicateGuard,
  findColumn,
  readAreaCodeCell,
  readNumberCell,
  requireColumns,
} from '../../csv-cells.js';
import { hasHeader, normaliseTitle } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable, type CsvTable } from '../../csv-table.js';
import { areaFromCode } from '../../parsed-area.js';
import { checkPlausibleYear, maxOf } from '../../plausible-values.js';
import type { SourceParser } from '../../source-parser.js';
import { dropUnpublished } from '../../unpublished-values.js';
import { policeEdition } from './police-edition.js';

const DIVISION_YEAR = 2024;
/** `misdrijven_2021` (in the normalised form of column-title.ts: `misdrijven 2021`). */
const YEAR_COLUMN = /^misdrijven ((?:19|20)\d{2})$/;

export const policeCrimeCsvParser: SourceParser = {
  kind: 'politie',
  layout: 'politie-misdrijven-csv',
  order: 3,
  detect(file) {
    const h = csvHeaderOf(file);
    return hasHeader(h, 'code') && h.some((c) => YEAR_COLUMN.test(normaliseTitle(c))) ? 0.9 : 0;
  },
  async parse(file, ctx) {
    const table = readCsvTable(file);
    const cols = requireColumns(table, ['code'], 'police crime CSV');
    const divisionYear = ctx.divisionYear ?? DIVISION_YEAR;
    const batch = emptyBatch(file.name, file.checksum, policeEdition(divisionYear, 'Woon ik veilig?'));
    const yearCols = table.header.flatMap((h, index) => {
      const m = YEAR_COLUMN.exec(normaliseTitle(h));
      return m ? [{ year: Number(m[1]), index, column: h }] : [];
    });
    const rollingYear = maxOf(yearCols.map((c) => c.year));
    if (rollingYear === undefined) {
      throw new AppError('CSV_NO_KNOWN_COLUMNS', 'a police crime CSV needs misdrijven_YYYY columns', {
        location: { file: file.name, line: 1, expected: 'columns misdrijven_2021, misdrijven_2022, …' },
      });
    }
    for (const c of yearCols)
      checkPlausibleYear(c.year, () => ({ file: file.name, line: 1, column: c.column }));
    const { values, areas } = readRows(table, cols.code, yearCols, rollingYear, divisionYear);
    batch.warnings.push({
      code: 'ROLLING_12_MONTHS',
      message: `police_crimes ${rollingYear} (column misdrijven_${rollingYear}) and police_crimes_per_1000 are the rolling last 12 months up to the source's reference date, not calendar year ${rollingYear}`,
      file: file.name,
    });
    // the values of one row follow each other: their area's level is found once
    let lastCode: string | undefined;
    let lastLevel: string | undefined;
    batch.values = dropUnpublished(values, file.name, batch.warnings, (v, i) => {
      const code = v.areaCode(i);
      if (code !== lastCode) {
        lastCode = code;
        lastLevel = findAreaLevel(code);
      }
      return `${v.indicator(i)} ${v.year(i)} at ${lastLevel} level`;
    });
    batch.areas = areas;
    batch.rowsRead = table.rows.length;
    return batch;
  },
};

function readRows(
  table: CsvTable,
  codeCol: number,
  yearCols: { year: number; index: number; column: string }[],
  rollingYear: number,
  divisionYear: number,
): { values: ValueColumns; areas: ParsedArea[] } {
  const nameCol = findColumn(table, 'naam');
  const gmNameCol = findColumn(table, 'gm_naam');
  const per1000Col = findColumn(table, 'misdrijven_per1000_laatste12mnd');
  const checkDuplicate = createDuplicateGuard(table, codeCol);
  const values = new ValueColumns();
  const areas = new Map<string, ParsedArea>();
  table.rows.forEach((row, i) => {
    const { code, level } = readAreaCodeCell(table, i, codeCol);
    checkDuplicate(code, i);
    areas.set(
      code,
      areaFromCode(code, level, nameCol !== undefined ? (row[nameCol] ?? null) : null, divisionYear),
    );
    const gm = `GM${code.slice(2, 6)}`;
    const gmName = gmNameCol !== undefined ? (row[gmNameCol] ?? '').trim() : '';
    if (level !== 'gemeente' && gmName && !areas.has(gm))
      areas.set(gm, areaFromCode(gm, 'gemeente', gmName, divisionYear));
    const push = (indicator: string, year: number, index: number, column: string): void => {
      const { value, flags } = readNumberCell(table, i, index, indicator);
      values.add(code, year, indicator, value, flags, column, divisionYear);
    };
    for (const c of yearCols) push('police_crimes', c.year, c.index, c.column);
    if (per1000Col !== undefined)
      push('police_crimes_per_1000', rollingYear, per1000Col, table.header[per1000Col]!);
  });
  return { values, areas: [...areas.values()] };
}
