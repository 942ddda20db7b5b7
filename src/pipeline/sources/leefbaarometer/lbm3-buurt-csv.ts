/**
 * Leefbaarometer 3.0 open data, scores per buurt ("Leefbaarometer-scores buurten 2002-2024.csv"):
 *   bu_code,[versie,]jaar,bu_naam,lbm,afw,fys,onv,soc,vrz,won   (quoted or not, any column order)
 * `NA` = no score (too few residents): null + suppressed. R scientific notation is accepted.
 * Edition: "Leefbaarometer 3.0 meting <M>", M = the latest `jaar` in the file (each meting
 * recomputes all years on the buurt division of its own year, so the division year is M too;
 * `--division` overrides). Dimension columns of years without dimension scores (2002, 2008,
 * 2012, 2016: every cell NA) are not stored (see unpublished-values.ts).
 * The rows also carry buurt names (`bu_naam`), which name-only sources are matched against.
 */
import { emptyBatch, type ParsedArea } from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import {
  createDuplicateGuard,
  findColumn,
  readAreaCodeCell,
  readNumberCell,
  readYearCell,
  requireColumns,
} from '../../csv-cells.js';
import { readCsvTable, type CsvTable } from '../../csv-table.js';
import { areaFromCode } from '../../parsed-area.js';
import { maxOf } from '../../plausible-values.js';
import type { SourceParser } from '../../source-parser.js';
import { dropUnpublished } from '../../unpublished-values.js';
import { hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';

/** Source column → indicator id. */
export const LBM3_COLUMNS = {
  lbm: 'lbm_total',
  afw: 'lbm_afw',
  fys: 'lbm_fys',
  onv: 'lbm_onv',
  soc: 'lbm_soc',
  vrz: 'lbm_vrz',
  won: 'lbm_won',
} as const;

export const lbm3BuurtCsvParser: SourceParser = {
  kind: 'lbm',
  layout: 'lbm3-buurt-csv',
  order: 3,
  detect(file) {
    const h = csvHeaderOf(file);
    return hasHeader(h, 'bu_code') && hasHeader(h, 'jaar') && hasHeader(h, 'lbm') ? 0.95 : 0;
  },
  async parse(file, ctx) {
    const table = readCsvTable(file);
    const cols = requireColumns(table, ['bu_code', 'jaar', 'lbm'], 'Leefbaarometer 3.0 buurt CSV');
    const years = table.rows.map((_, i) => readYearCell(table, i, cols.jaar));
    const meting = maxOf(years)!; // readCsvTable refuses a file without rows
    const divisionYear = ctx.divisionYear ?? meting;
    const batch = emptyBatch(file.name, file.checksum, {
      source: 'lbm',
      edition: `Leefbaarometer 3.0 meting ${meting}`,
      table: null,
      publisher: 'Ministerie van BZK (Leefbaarometer)',
      divisionYear,
    });
    const { values, areas } = readRows(table, cols.bu_code, years, divisionYear);
    batch.values = dropUnpublished(values, file.name, batch.warnings);
    batch.areas = areas;
    batch.rowsRead = table.rows.length;
    return batch;
  },
};

function readRows(
  table: CsvTable,
  codeCol: number,
  years: number[],
  divisionYear: number,
): { values: ValueColumns; areas: ParsedArea[] } {
  const nameCol = findColumn(table, 'bu_naam');
  const measures = Object.entries(LBM3_COLUMNS)
    .map(([column, indicator]) => ({ column, indicator, index: findColumn(table, column) }))
    .filter(
      (
        m,
      ): m is {
        column: string;
        indicator: (typeof LBM3_COLUMNS)[keyof typeof LBM3_COLUMNS];
        index: number;
      } => m.index !== undefined,
    );
  const checkDuplicate = createDuplicateGuard(table, codeCol);
  const values = new ValueColumns();
  const areas = new Map<string, ParsedArea>();
  table.rows.forEach((row, i) => {
    const { code, level } = readAreaCodeCell(table, i, codeCol, ['buurt']);
    const year = years[i]!;
    checkDuplicate(`${code}|${year}`, i);
    const name = nameCol !== undefined ? (row[nameCol] ?? null) : null;
    if (!areas.has(code) || name) areas.set(code, areaFromCode(code, level, name, divisionYear));
    for (const m of measures) {
      const { value, flags } = readNumberCell(table, i, m.index, m.indicator);
      values.push({
        areaCode: code,
        year,
        indicator: m.indicator,
        value,
        flags,
        column: m.column,
        divisionYear,
      });
    }
  });
  return { values, areas: [...areas.values()] };
}
