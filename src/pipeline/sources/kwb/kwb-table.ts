/**
 * The shared core of the tabular KWB layouts (StatLine CSV exports, KWB CSV/XLSX with
 * mnemonics, the derived CSVs, the OData v4 long format once pivoted): header → resolved columns
 * (column-aliases.ts, through the one normalisation of titles), rows → areas → values.
 * Codes before names: when a column holds CBS codes — a known code column (`Codering`,
 * `gwb_code`, `WijkenEnBuurten`, `code`, …) or, under any header, a column of CBS codes — rows
 * are matched by code; only a file without codes is matched by name (area-name-matcher.ts). A
 * column that numbers the rows (R's row names, a pandas index) is never a name, a code or a value.
 * Every value carries the edition year as `year` and `divisionYear`, the exact source header as
 * `column`, and the suppressed flag when the cell is `.`/empty; a column empty in every row (not
 * (yet) published in this edition) is not stored (COLUMN_NOT_PUBLISHED); a number outside the
 * indicator's plausible range refuses the file (VALUE_OUT_OF_RANGE).
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel, gemeenteOf, wijkOf, type AreaCode, type BuurtCode } from '../../../core/area-code.js';
import { emptyBatch, VALUE_FLAGS, type ImportBatch, type ParsedArea } from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import { parseCell } from '../../cell-value.js';
import { rowNumberColumns } from '../../csv-table.js';
import type { InputFile } from '../../input-file.js';
import { tooLarge } from '../../input-limits.js';
import { checkPlausibleValue, isPlausible } from '../../plausible-values.js';
import type { ParseContext } from '../../source-parser.js';
import { dropUnpublished } from '../../unpublished-values.js';
import { isFooterName, isLandName, matchRowsByName, type NameMatch } from './area-name-matcher.js';
import { resolveKwbHeader, type KwbMetaRole } from './column-aliases.js';
import { kwbEdition, resolveKwbYear } from './kwb-edition.js';

export type Cell = string | number | null | undefined;

/** A header and rows read from a CSV or a worksheet. */
export interface KwbTable {
  header: string[];
  rows: Cell[][];
  /** Line (CSV) or sheet row (XLSX) of data row i, 1-based. */
  lineOf(i: number): number;
}

export interface ValueColumn {
  index: number;
  indicator: string;
  header: string;
}

export interface TableColumns {
  meta: Partial<Record<KwbMetaRole, number>>;
  values: ValueColumn[];
  /** A second column for an indicator already read from another column: not imported. */
  repeated: { header: string; indicator: string; first: string }[];
}

/** Resolves every header (row-number columns left out); the first column for each role or indicator wins. */
export function resolveTableColumns(
  header: readonly string[],
  skip: ReadonlySet<number> = new Set(),
): TableColumns {
  const meta: Partial<Record<KwbMetaRole, number>> = {};
  const values: ValueColumn[] = [];
  const repeated: TableColumns['repeated'] = [];
  const first = new Map<string, string>();
  header.forEach((h, index) => {
    if (skip.has(index)) return;
    const col = resolveKwbHeader(h);
    if (!col) return;
    if (col.kind === 'meta') meta[col.role] ??= index;
    else if (first.has(col.indicator))
      repeated.push({ header: h, indicator: col.indicator, first: first.get(col.indicator)! });
    else {
      first.set(col.indicator, h);
      values.push({ index, indicator: col.indicator, header: h });
    }
  });
  return { meta, values, repeated };
}

/**
 * One cell as a value: number, or null flagged suppressed; text throws VALUE_NOT_A_NUMBER and a
 * number outside the indicator's range VALUE_OUT_OF_RANGE, naming file, line and column.
 */
export function kwbCellValue(
  raw: Cell,
  where: { file: string; line: number; row: number; column: string },
  indicator?: string,
): { value: number | null; flags: number } {
  const cell = parseCell(raw);
  if (cell.kind === 'number') {
    if (indicator !== undefined && !isPlausible(indicator, cell.value))
      checkPlausibleValue(indicator, cell.value, () => where);
    return { value: cell.value, flags: 0 };
  }
  if (cell.kind === 'missing') return { value: null, flags: VALUE_FLAGS.suppressed };
  throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
    location: { ...where, expected: "a number, or '.'/empty for suppressed", found: cell.raw },
  });
}

/** The ParsedArea of a code, with its gemeente and wijk derived from the code. */
export function areaOf(
  code: string,
  level: ParsedArea['level'],
  name: string | null,
  divisionYear: number,
): ParsedArea {
  return {
    code,
    level,
    name: name && name.trim() !== '' ? name.trim() : null,
    gemeenteCode: level === 'gemeente' ? code : gemeenteOf(code as AreaCode),
    wijkCode: level === 'buurt' ? wijkOf(code as BuurtCode) : null,
    divisionYear,
  };
}

const text = (c: Cell): string => (c === null || c === undefined ? '' : String(c)).trim();

/** The rows a column is judged by: all of a small table, else the first and last hundred. */
function sampleRows(rows: readonly Cell[][]): readonly Cell[][] {
  return rows.length > 400 ? [...rows.slice(0, 200), ...rows.slice(-200)] : rows;
}

/** A column holding CBS codes under a header Veerkracht does not know (e.g. `Regio code`, `X.1`). */
function findCodeColumnByContent(table: KwbTable, skip: ReadonlySet<number>): number | undefined {
  const sample = sampleRows(table.rows);
  for (let c = 0; c < table.header.length; c++) {
    if (skip.has(c)) continue;
    const cells = sample.map((r) => text(r[c]).toUpperCase()).filter((v) => v !== '' && !/^NL\d*$/.test(v));
    if (cells.length >= 1 && cells.filter((v) => findAreaLevel(v) !== undefined).length >= cells.length * 0.9)
      return c;
  }
  return undefined;
}

/** The column that names the areas: the known one, else the first column of (mostly) text that is nothing else. */
function findNameColumn(
  table: KwbTable,
  columns: TableColumns,
  skip: ReadonlySet<number>,
): number | undefined {
  if (columns.meta.name !== undefined) return columns.meta.name;
  const used = new Set([...columns.values.map((v) => v.index), ...Object.values(columns.meta)]);
  const sample = sampleRows(table.rows);
  for (let c = 0; c < table.header.length; c++) {
    if (skip.has(c) || used.has(c)) continue;
    const cells = sample.map((r) => text(r[c])).filter((v) => v !== '');
    if (cells.length > 0 && cells.filter((v) => /[a-z]/i.test(v)).length >= cells.length * 0.9) return c;
  }
  return undefined;
}

/** Parses a whole KWB table into a batch; nothing is written here. */
export async function parseKwbTable(
  file: InputFile,
  table: KwbTable,
  ctx: ParseContext,
  editionTable?: string,
): Promise<ImportBatch> {
  if (table.rows.length > file.limits.maxRows)
    throw tooLarge(
      { file: file.name },
      'the number of rows',
      `${file.limits.maxRows} rows`,
      `${table.rows.length}`,
    );
  const year = resolveKwbYear(file.name, ctx.year, editionTable);
  const rowNumbers = rowNumberColumns(table.header, table.rows);
  const columns = resolveTableColumns(table.header, rowNumbers);
  if (columns.values.length === 0) {
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      'no column of this file is a known KWB variable (CBS title, OData key or mnemonic)',
      {
        location: {
          file: file.name,
          line: 1,
          expected: "KWB columns such as 'p_wcorpw', 'a_inw' or 'Huurwoningen/In bezit woningcorporatie'",
          found: table.header.slice(0, 6).join(', '),
        },
      },
    );
  }
  const batch = emptyBatch(file.name, file.checksum, kwbEdition(year, editionTable));
  for (const r of columns.repeated) {
    batch.warnings.push({
      code: 'COLUMN_SKIPPED',
      message: `'${r.header}' is ${r.indicator} again; the values of '${r.first}' are imported`,
      file: file.name,
      column: r.header,
    });
  }
  const codeAt = columns.meta.code ?? findCodeColumnByContent(table, rowNumbers);
  const nameAt = findNameColumn(
    table,
    columns,
    new Set([...rowNumbers, ...(codeAt !== undefined ? [codeAt] : [])]),
  );
  const rowAreas =
    codeAt !== undefined
      ? areasByCode(file.name, table, codeAt, nameAt)
      : await areasByName(file.name, table, nameAt, ctx, batch, year);
  checkDuplicates(file.name, table, rowAreas);
  const areas: ParsedArea[] = [];
  const values = new ValueColumns();
  for (const [i, area] of rowAreas) {
    const row = table.rows[i]!;
    areas.push(areaOf(area.code, area.level, area.name, year));
    for (const col of columns.values) {
      const where = { file: file.name, line: table.lineOf(i), row: i + 1, column: col.header };
      const { value, flags } = kwbCellValue(row[col.index], where, col.indicator);
      values.add(area.code, year, col.indicator, value, flags, col.header, year);
    }
  }
  batch.areas = areas;
  batch.values = dropUnpublished(values, file.name, batch.warnings);
  batch.rowsRead = table.rows.length;
  return batch;
}

type RowArea = NameMatch & { name: string | null };

function isSkippable(row: readonly Cell[], name: string): boolean {
  return isFooterName(name) || row.every((c) => text(c) === '');
}

function areasByCode(
  file: string,
  table: KwbTable,
  codeAt: number,
  nameAt: number | undefined,
): Map<number, RowArea> {
  const out = new Map<number, RowArea>();
  table.rows.forEach((row, i) => {
    const raw = text(row[codeAt]).toUpperCase();
    const name = nameAt !== undefined ? text(row[nameAt]) : '';
    if (raw === '' && isSkippable(row, name || text(row[0]))) return;
    if (/^NL\d*$/.test(raw) || (raw === '' && isLandName(name))) return; // the land row: no area level Veerkracht stores
    const level = findAreaLevel(raw);
    if (!level) {
      throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
        location: {
          file,
          line: table.lineOf(i),
          row: i + 1,
          column: table.header[codeAt] ?? `#${codeAt + 1}`,
          expected: 'GMgggg, WKggggww or BUggggwwbb',
          found: raw,
        },
      });
    }
    out.set(i, { code: raw, level, name: name || null });
  });
  return out;
}

async function areasByName(
  file: string,
  table: KwbTable,
  nameAt: number | undefined,
  ctx: ParseContext,
  batch: ImportBatch,
  year: number,
): Promise<Map<number, RowArea>> {
  if (nameAt === undefined) {
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      'the file has neither a column of CBS area codes nor one of area names',
      {
        location: {
          file,
          line: 1,
          expected:
            "a code column ('Codering', 'gwb_code_10', 'WijkenEnBuurten', …) or a name column ('Wijken en buurten', 'regio', …)",
          found: table.header.slice(0, 6).join(', '),
        },
      },
    );
  }
  const named = table.rows
    .map((row, index) => ({ index, name: text(row[nameAt]), line: table.lineOf(index), row }))
    .filter((r) => !isSkippable(r.row, r.name));
  const { matches, warnings } = await matchRowsByName(named, ctx, file, year);
  for (const w of warnings) batch.warnings.push(w);
  const out = new Map<number, RowArea>();
  for (const r of named) {
    const m = matches.get(r.index);
    if (m) out.set(r.index, { ...m, name: r.name });
  }
  return out;
}

function checkDuplicates(file: string, table: KwbTable, rowAreas: Map<number, RowArea>): void {
  const lineOfCode = new Map<string, number>();
  for (const [i, area] of rowAreas) {
    const earlier = lineOfCode.get(area.code);
    if (earlier !== undefined) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `${area.code} occurs twice (lines ${earlier} and ${table.lineOf(i)})`,
        {
          location: {
            file,
            line: table.lineOf(i),
            row: i + 1,
            expected: 'one row per area',
            found: area.name ?? area.code,
          },
        },
      );
    }
    lineOfCode.set(area.code, table.lineOf(i));
  }
}
