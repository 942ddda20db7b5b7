/**
 * The shared core of the tabular KWB layouts (StatLine CSV exports, KWB CSV/XLSX with
 * mnemonics, the derived CSVs): header → resolved columns (column-aliases.ts), rows → areas
 * (by code, or by name within the gemeente when the file has no code column) → values.
 * Every value carries the edition year as `year` and `divisionYear`, the exact source header as
 * `column`, and the suppressed flag when the cell is `.`/empty.
 */
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel, gemeenteOf, wijkOf, type AreaCode, type BuurtCode } from '../../../core/area-code.js';
import {
  emptyBatch,
  VALUE_FLAGS,
  type ImportBatch,
  type ParsedArea,
  type ParsedValue,
} from '../../../core/records.js';
import { parseCell } from '../../cell-value.js';
import type { InputFile } from '../../input-file.js';
import type { ParseContext } from '../../source-parser.js';
import { isFooterName, matchRowsByName, type NameMatch } from './area-name-matcher.js';
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
}

/** Resolves every header; the first column for each role or indicator wins. */
export function resolveTableColumns(header: readonly string[]): TableColumns {
  const meta: Partial<Record<KwbMetaRole, number>> = {};
  const values: ValueColumn[] = [];
  const seen = new Set<string>();
  header.forEach((h, index) => {
    const col = resolveKwbHeader(h);
    if (!col) return;
    if (col.kind === 'meta') meta[col.role] ??= index;
    else if (!seen.has(col.indicator)) {
      seen.add(col.indicator);
      values.push({ index, indicator: col.indicator, header: h });
    }
  });
  return { meta, values };
}

/** One cell as a value: number, or null flagged suppressed; text throws VALUE_NOT_A_NUMBER naming file, line and column. */
export function kwbCellValue(
  raw: Cell,
  where: { file: string; line: number; row: number; column: string },
): { value: number | null; flags: number } {
  const cell = parseCell(raw);
  if (cell.kind === 'number') return { value: cell.value, flags: 0 };
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

/** Parses a whole KWB table into a batch; nothing is written here. */
export async function parseKwbTable(
  file: InputFile,
  table: KwbTable,
  ctx: ParseContext,
): Promise<ImportBatch> {
  const year = resolveKwbYear(file.name, ctx.year);
  const columns = resolveTableColumns(table.header);
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
  const batch = emptyBatch(file.name, file.checksum, kwbEdition(year));
  const rowAreas =
    columns.meta.code !== undefined
      ? areasByCode(file.name, table, columns)
      : await areasByName(file.name, table, columns, ctx, batch);
  checkDuplicates(file.name, table, rowAreas);
  const areas: ParsedArea[] = [];
  const values: ParsedValue[] = [];
  for (const [i, area] of rowAreas) {
    const row = table.rows[i]!;
    areas.push(areaOf(area.code, area.level, area.name, year));
    for (const col of columns.values) {
      const where = { file: file.name, line: table.lineOf(i), row: i + 1, column: col.header };
      const { value, flags } = kwbCellValue(row[col.index], where);
      values.push({
        areaCode: area.code,
        year,
        indicator: col.indicator,
        value,
        flags,
        column: col.header,
        divisionYear: year,
      });
    }
  }
  batch.areas = areas;
  batch.values = values;
  batch.rowsRead = table.rows.length;
  return batch;
}

type RowArea = NameMatch & { name: string | null };

function isSkippable(row: readonly Cell[], name: string): boolean {
  return isFooterName(name) || row.every((c) => text(c) === '');
}

function areasByCode(file: string, table: KwbTable, columns: TableColumns): Map<number, RowArea> {
  const codeAt = columns.meta.code!;
  const nameAt = columns.meta.name;
  const out = new Map<number, RowArea>();
  table.rows.forEach((row, i) => {
    const raw = text(row[codeAt]).toUpperCase();
    const name = nameAt !== undefined ? text(row[nameAt]) : '';
    if (raw === '' && isSkippable(row, name || text(row[0]))) return;
    if (/^NL\d*$/.test(raw)) return; // the national row: not an area level Veerkracht stores
    const level = findAreaLevel(raw);
    if (!level) {
      throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
        location: {
          file,
          line: table.lineOf(i),
          row: i + 1,
          column: table.header[codeAt]!,
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
  columns: TableColumns,
  ctx: ParseContext,
  batch: ImportBatch,
): Promise<Map<number, RowArea>> {
  const nameAt = columns.meta.name ?? 0;
  const named = table.rows
    .map((row, index) => ({ index, name: text(row[nameAt]), line: table.lineOf(index), row }))
    .filter((r) => !isSkippable(r.row, r.name));
  const { matches, warnings } = await matchRowsByName(named, ctx, file);
  batch.warnings.push(...warnings);
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
