/**
 * Leefbaarometer 2.0 exports (meting 2016 per wijk/gemeente, meting 2018 per PC4):
 *   dimensiescores  GBD,JAAR,RLBRMTR,RLBWON,RLBBEV,RLBVRZ,RLBVEI,RLBFYS → lbm2_*_rel, one value per year
 *   klassen         WK_CODE|GM_CODE|CODE,KL02,KL08,...,VKL0208,...     → lbm2_class (1–9) for 20yy
 *   ontwikkeling    GBD,BEGIN,EINDE,DLB*                               → not imported (FILE_SKIPPED)
 * Decisions (docs/data-sources.md): PC4 files are recognised but not imported — postcode areas
 * are not CBS areas and the store keeps gemeente/wijk/buurt only; the file is reported with a
 * FILE_SKIPPED warning so importing the whole Leefbaarometer folder still works. Change files
 * (ontwikkeling, and the VKL change classes) are not imported: a change between two years is
 * not a value of one year, and the 2012–2016 changes follow from the dimensiescores themselves.
 * Edition "Leefbaarometer 2.0 meting <M>" (M from the file name `meting2016`, else the latest
 * year); division year = M (`--division` overrides). LBM 2.0 is another model than 3.0: its
 * ids (lbm2_*) never mix with lbm_*.
 */
import { emptyBatch, type ImportBatch, type ParsedArea } from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import { AppError } from '../../../core/app-error.js';
import {
  cellLocation,
  createDuplicateGuard,
  readAreaCodeCell,
  readNumberCell,
  readYearCell,
} from '../../csv-cells.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable, type CsvTable } from '../../csv-table.js';
import type { InputFile } from '../../input-file.js';
import { areaFromCode } from '../../parsed-area.js';
import { maxOf } from '../../plausible-values.js';
import type { ParseContext, SourceParser } from '../../source-parser.js';

/** LBM 2.0 relative-score column → indicator id. */
export const LBM2_SCORE_COLUMNS = {
  RLBRMTR: 'lbm2_total_rel',
  RLBWON: 'lbm2_won_rel',
  RLBBEV: 'lbm2_bev_rel',
  RLBVRZ: 'lbm2_vrz_rel',
  RLBVEI: 'lbm2_vei_rel',
  RLBFYS: 'lbm2_fys_rel',
} as const;

type Lbm2Layout = 'scores' | 'classes' | 'changes';

function layoutOf(header: readonly string[]): Lbm2Layout | undefined {
  const h = header.map((c) => c.trim().toUpperCase());
  if (h.includes('GBD') && h.includes('JAAR') && h.includes('RLBRMTR')) return 'scores';
  if (h.includes('GBD') && h.includes('BEGIN') && h.includes('EINDE')) return 'changes';
  if (h.some((c) => /^KL\d{2}$/.test(c)) && h.some((c) => ['WK_CODE', 'GM_CODE', 'CODE', 'GBD'].includes(c)))
    return 'classes';
  return undefined;
}

export const lbm2CsvParser: SourceParser = {
  kind: 'lbm',
  layout: 'lbm2-csv',
  order: 3,
  detect(file) {
    return layoutOf(csvHeaderOf(file)) ? 0.9 : 0;
  },
  async parse(file, ctx) {
    // PC4 exports have ragged rows (`1037,2014` without scores); they are skipped anyway, so
    // they are recognised on a lenient read and only CBS-area files are read strictly.
    const lenient = readCsvTable(file, { allowShortRows: true });
    const codeCol = lenient.header.findIndex((c) =>
      ['GBD', 'WK_CODE', 'GM_CODE', 'CODE'].includes(c.toUpperCase()),
    );
    const isPc4 =
      lenient.rows.length > 0 && lenient.rows.every((r) => /^\d{4}$/.test((r[codeCol] ?? '').trim()));
    const table = isPc4 ? lenient : readCsvTable(file);
    const layout = layoutOf(table.header)!;
    const years =
      layout === 'scores' && !isPc4
        ? table.rows.map((_, i) =>
            readYearCell(
              table,
              i,
              table.header.findIndex((c) => c.toUpperCase() === 'JAAR'),
            ),
          )
        : [];
    const meting = metingOf(file, table, years, ctx);
    const batch = emptyBatch(file.name, file.checksum, {
      source: 'lbm',
      edition: `Leefbaarometer 2.0 meting ${meting}${isPc4 ? ' (PC4)' : ''}`,
      table: null,
      publisher: 'Ministerie van BZK (Leefbaarometer)',
      divisionYear: isPc4 ? null : (ctx.divisionYear ?? meting),
    });
    batch.rowsRead = table.rows.length;
    if (isPc4 || layout === 'changes') return skipFile(batch, isPc4 ? 'pc4' : 'changes');
    const divisionYear = ctx.divisionYear ?? meting;
    const read =
      layout === 'scores'
        ? readScores(table, codeCol, years, divisionYear)
        : readClasses(table, codeCol, divisionYear, batch);
    batch.values = read.values;
    batch.areas = read.areas;
    return batch;
  },
};

function metingOf(file: InputFile, table: CsvTable, years: number[], ctx: ParseContext): number {
  const m = /meting[-_ ]?((?:19|20)\d{2})/i.exec(file.name);
  if (m) return Number(m[1]);
  const klYears = table.header.filter((c) => /^KL\d{2}$/i.test(c)).map((c) => 2000 + Number(c.slice(2)));
  const latest = maxOf(years) ?? maxOf(klYears) ?? ctx.year;
  if (latest === undefined) {
    throw new AppError(
      'YEAR_UNKNOWN',
      'the file carries no year (no JAAR column, no KLyy columns, no meting in its name)',
      {
        location: {
          file: file.name,
          line: 1,
          expected: "a JAAR or KLyy column, 'meting2016' in the file name, or --year",
        },
      },
    );
  }
  return latest;
}

function skipFile(batch: ImportBatch, why: 'pc4' | 'changes'): ImportBatch {
  batch.warnings.push({
    code: 'FILE_SKIPPED',
    message:
      why === 'pc4'
        ? 'Leefbaarometer 2.0 per postcode-4 area: PC4 areas are not CBS gemeenten/wijken/buurten, so this file is not imported'
        : 'Leefbaarometer 2.0 change scores (BEGIN/EINDE): a change between two years is not a yearly value; not imported (use the dimensiescores file)',
    file: batch.file,
  });
  return batch;
}

function readScores(
  table: CsvTable,
  codeCol: number,
  years: number[],
  divisionYear: number,
): { values: ValueColumns; areas: ParsedArea[] } {
  const measures = Object.entries(LBM2_SCORE_COLUMNS)
    .map(([column, indicator]) => ({
      column,
      indicator,
      index: table.header.findIndex((c) => c.toUpperCase() === column),
    }))
    .filter((m) => m.index >= 0);
  const checkDuplicate = createDuplicateGuard(table, codeCol);
  const values = new ValueColumns();
  const areas = new Map<string, ParsedArea>();
  table.rows.forEach((_, i) => {
    const { code, level } = readAreaCodeCell(table, i, codeCol, ['gemeente', 'wijk']);
    checkDuplicate(`${code}|${years[i]}`, i);
    areas.set(code, areaFromCode(code, level, null, divisionYear));
    for (const m of measures) {
      const { value, flags } = readNumberCell(table, i, m.index, m.indicator);
      values.push({
        areaCode: code,
        year: years[i]!,
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

function readClasses(
  table: CsvTable,
  codeCol: number,
  divisionYear: number,
  batch: ImportBatch,
): { values: ValueColumns; areas: ParsedArea[] } {
  const classCols = table.header.map((c, index) => ({ c, index })).filter(({ c }) => /^KL\d{2}$/i.test(c));
  const changeCols = table.header.filter((c) => /^VKL\d{4}$/i.test(c));
  if (changeCols.length) {
    batch.warnings.push({
      code: 'COLUMN_SKIPPED',
      message: `change classes ${changeCols.join(', ')} are not imported (a change between two years is not a yearly value)`,
      file: batch.file,
    });
  }
  const checkDuplicate = createDuplicateGuard(table, codeCol);
  const values = new ValueColumns();
  const areas = new Map<string, ParsedArea>();
  table.rows.forEach((_, i) => {
    const { code, level } = readAreaCodeCell(table, i, codeCol, ['gemeente', 'wijk']);
    checkDuplicate(code, i);
    areas.set(code, areaFromCode(code, level, null, divisionYear));
    for (const { c, index } of classCols) {
      const { value, flags } = readNumberCell(table, i, index, 'lbm2_class');
      if (value !== null && !Number.isInteger(value)) {
        throw new AppError('VALUE_NOT_A_NUMBER', 'not a Leefbaarometer class', {
          location: cellLocation(table, i, index, 'a class 1–9, or empty'),
        });
      }
      values.push({
        areaCode: code,
        year: 2000 + Number(c.slice(2)),
        indicator: 'lbm2_class',
        value,
        flags,
        column: c,
        divisionYear,
      });
    }
  });
  return { values, areas: [...areas.values()] };
}
