/**
 * An Excel workbook (.xlsx) as the CSV layouts read it: each worksheet that holds a table is
 * turned into CSV text in which line n is worksheet row n, so that every source parser that reads
 * a CSV (detection by header, parsing, its errors) reads a workbook unchanged and its messages
 * name the worksheet row (parse-file.ts names the sheet). The workbook is read once, with
 * exceljs, loaded only when a workbook is read (~0.3–0.9 s of start-up every other import would
 * pay), after the ZIP bounds are checked (zip-bounds.ts).
 *
 * A worksheet's table: the header is its first row, or — as in a StatLine download saved from
 * Excel — the first of rows 1–6 with more than one filled cell (title rows above it are left
 * out); a units row under the header and footer lines are left to the CSV layouts, as in a CSV.
 *
 * Cells as text (`cellText`):
 *   - a number as JavaScript writes it, the shortest text that reads back as the same number
 *     (12.5 → `12.5`, 86855 → `86855`, 4.1e-7 → `4.1e-7`), so it imports as the same value in
 *     every layout, whatever decimal separator its CSV would have used;
 *   - a number with a percent format (0.125 shown as `12.5%`) as the number shown: `12.5`;
 *   - a number never becomes a code: 917 stays `917` (a gemeente code `GM0917`/`0917` that Excel
 *     turned into a number is refused by the layout, never guessed);
 *   - a formula as its cached result (a formula Excel never computed: its text, `=SUM(B2:B9)`,
 *     which a number column refuses);
 *   - an error value as its text (`#N/A`, `#DIV/0!`), which a number column refuses;
 *   - a date as `YYYY-MM-DD` (with the time when it has one), which a number column refuses;
 *   - text as it is (`.`, `x`, `NA` stay the layout's missing markers), line breaks as a space;
 *   - an empty cell, and the covered cells of a merged range, as empty.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';
import { checkZipBounds } from './zip-bounds.js';

/** One worksheet's table as CSV text: line n is worksheet row n. */
export interface WorkbookTable {
  /** The worksheet's name (its tab). */
  sheet: string;
  /** The worksheet row of the header. */
  headerRow: number;
  /** Comma-separated, rows above the header empty, ends with a line break. */
  text: string;
}

/**
 * True for an .xlsx (or macro-enabled .xlsm) file that is a ZIP: an Excel workbook. Other
 * spreadsheets are not read (otherSpreadsheet).
 */
export function isWorkbook(file: Pick<InputFile, 'name' | 'bytes'>): boolean {
  const b = file.bytes;
  return /\.xls[xm]$/i.test(file.name) && b.length > 4 && b[0] === 0x50 && b[1] === 0x4b;
}

/** The signature of an OLE2 compound file: Excel 97–2003 workbooks (.xls) and other old Office files. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What a spreadsheet no layout reads is — an Excel 97–2003 workbook (.xls), an OpenDocument or
 * Apple Numbers spreadsheet — so that refusing it can say to save it as .xlsx or CSV; null for
 * any other file.
 */
export function otherSpreadsheet(file: Pick<InputFile, 'name' | 'bytes'>): string | null {
  if (/\.xls$/i.test(file.name) || file.bytes.subarray(0, OLE2.length).equals(OLE2))
    return 'an Excel 97–2003 workbook (.xls) or another old Office file';
  if (/\.f?ods$/i.test(file.name)) return 'an OpenDocument spreadsheet (.ods)';
  if (/\.numbers$/i.test(file.name)) return 'an Apple Numbers spreadsheet';
  return null;
}

/**
 * The worksheet `table` of `workbook` as a CSV file (`sheet` set): same name, checksum and
 * bounds; its text is the table, line n being worksheet row n. Its notes say which sheet was read.
 */
export function worksheetFile(workbook: InputFile, table: WorkbookTable): InputFile {
  let bytes: Buffer | undefined;
  return {
    path: workbook.path,
    name: workbook.name,
    get bytes() {
      return (bytes ??= Buffer.from(table.text, 'utf8'));
    },
    checksum: workbook.checksum,
    text: () => table.text,
    head: table.text.slice(0, 65536),
    encoding: () => undefined,
    notes: [
      {
        code: 'WORKSHEET_READ',
        message: `read the table of worksheet '${table.sheet}' (header in row ${table.headerRow})`,
        file: workbook.name,
      },
    ],
    limits: workbook.limits,
    sheet: table.sheet,
  };
}

/**
 * An error a CSV layout raised on a worksheet seen as CSV text, located in the worksheet: its
 * line is the worksheet row (`sheet 'Blad1', row 12`); a row counted among the data rows only is
 * left out. Anything else is returned as it is.
 */
export function locatedInWorksheet(e: unknown, sheet: string): unknown {
  if (!(e instanceof AppError) || !e.location || e.location.sheet !== undefined) return e;
  const { line, row: _dataRow, ...rest } = e.location;
  return new AppError(e.code, e.reason, {
    location: { ...rest, sheet, ...(line !== undefined ? { row: line } : {}) },
    ...(e.details ? { details: e.details } : {}),
    cause: e,
  });
}

/** At most this many title rows above the header (as csv-frame.ts looks for above a CSV header). */
const MAX_TITLE_ROWS = 5;

/**
 * The tables of a workbook's worksheets, in tab order; worksheets without a header row (empty,
 * or one column of notes) are left out. FILE_UNREADABLE for a workbook exceljs cannot read,
 * INPUT_TOO_LARGE past the ZIP bounds or `maxRows` worksheet rows.
 */
export async function readWorkbookTables(file: InputFile): Promise<WorkbookTable[]> {
  checkZipBounds(file);
  // loaded when a workbook is read: ~0.3–0.9 s of start-up that every other import would pay
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', 'not a readable XLSX workbook', {
      location: { file: file.name, expected: 'an XLSX workbook as Excel or LibreOffice saves it' },
      cause: e,
    });
  }
  const tables: WorkbookTable[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > file.limits.maxRows + 1 + MAX_TITLE_ROWS)
      throw tooLarge(
        { file: file.name, column: `sheet '${ws.name}'` },
        'the number of worksheet rows',
        `${file.limits.maxRows}`,
        `${ws.rowCount}`,
      );
    const table = tableOf(ws);
    if (table) tables.push(table);
  }
  return tables;
}

/** A worksheet's table as CSV text, or undefined when no row of the first six is a header. */
function tableOf(ws: ExcelJS.Worksheet): WorkbookTable | undefined {
  const cellsOf = (r: number): string[] => {
    const row = ws.getRow(r);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = cellText(cell);
    });
    return Array.from(cells, (c) => c ?? '');
  };
  const filled = (cells: readonly string[]): number => cells.filter((c) => c.trim() !== '').length;
  let headerRow = 1;
  let header = cellsOf(1);
  while (filled(header) <= 1 && headerRow <= MAX_TITLE_ROWS && headerRow < ws.rowCount)
    header = cellsOf(++headerRow);
  if (filled(header) <= 1) return undefined;
  const width = lastFilled(header) + 1;
  const lines: string[] = Array.from({ length: headerRow - 1 }, () => '');
  lines.push(csvLine(header.slice(0, width)));
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = cellsOf(r);
    const end = lastFilled(cells) + 1;
    // padded to the header's width (Excel leaves trailing empty cells out); a filled cell right
    // of the header is kept, for the layout's error on a row wider than its header
    lines.push(
      end === 0 ? '' : csvLine(Array.from({ length: Math.max(width, end) }, (_, c) => cells[c] ?? '')),
    );
  }
  return { sheet: ws.name, headerRow, text: `${lines.join('\n')}\n` };
}

function lastFilled(cells: readonly string[]): number {
  for (let c = cells.length - 1; c >= 0; c--) if (cells[c]!.trim() !== '') return c;
  return -1;
}

/** Cells as one comma-separated line, quoted where a cell holds a delimiter or a quote. */
function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",;\t|]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/** A cell as the text a CSV of the table would hold (see the module comment). */
export function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master !== cell) return ''; // covered by the merged range's first cell
  return valueText(cell.value, cell.numFmt);
}

function valueText(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v, isPercentFormat(numFmt));
  if (typeof v === 'string') return v.replace(/\r?\n|\r/g, ' ');
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined) return `=${'formula' in v ? v.formula : v.sharedFormula}`;
    return valueText(result as ExcelJS.CellValue, numFmt);
  }
  if ('error' in v) return v.error;
  if ('richText' in v) return valueText(v.richText.map((r) => r.text).join(''), numFmt);
  if ('text' in v) return valueText(String(v.text), numFmt);
  return '';
}

/** A number format that shows the value times 100 with `%` (`0%`, `0.0%`; not a `%` in quotes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').includes('%');
}

/**
 * The shortest text that reads back as `n` (`percent`: as `n × 100`, by moving the decimal point
 * of that text, so 0.07 gives `7`, not 7.000000000000001).
 */
export function numberText(n: number, percent = false): string {
  if (!Number.isFinite(n)) return '';
  const text = String(Object.is(n, -0) ? 0 : n);
  if (!percent) return text;
  const [mantissa, exponent] = text.split('e') as [string, string | undefined];
  return String(Number(`${mantissa}e${Number(exponent ?? 0) + 2}`));
}

/** A date cell as `YYYY-MM-DD`, or the full ISO time when it has a time of day (exceljs reads dates as UTC). */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
