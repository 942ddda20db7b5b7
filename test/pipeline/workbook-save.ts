/**
 * Saving a table as an Excel workbook the way people do: open the CSV in Excel, save as .xlsx.
 * Excel reads every cell that looks like a number as a number (`86762.0` → 86762, `  76.1` → 76.1,
 * `12,9` on a Dutch machine → 12.9, `0917` → 917) and keeps the rest as text (`GM0917`, `NA`, `.`);
 * an empty cell stays empty. Options add what a saved workbook often has besides the table: title
 * rows above it, a source line under it, a notes sheet before it. Only used by tests; nothing here
 * is read by the importer.
 */
import ExcelJS from 'exceljs';

export interface WorkbookSaveOptions {
  /** The table's worksheet (tab) name; default `Blad1`. */
  sheet?: string;
  /** Rows of one cell above the table (a StatLine title). */
  titles?: string[];
  /** Rows of one cell under the table (`Bron: CBS`). */
  footers?: string[];
  /** A worksheet of notes (one column of text) before the table's, as the first tab. */
  notesSheetFirst?: boolean;
}

const NUMBER = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;
const DECIMAL_COMMA = /^\s*-?\d+,\d+\s*$/;

/** A CSV cell as Excel holds it after opening the CSV: a number, text, or nothing. */
export function asExcelCell(s: string): string | number | null {
  if (s === '') return null;
  if (NUMBER.test(s)) return Number(s);
  if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return s;
}

/** The rows (header first) as an .xlsx workbook, cells as Excel reads them from a CSV. */
export async function asExcelWorkbook(
  rows: readonly (readonly string[])[],
  options: WorkbookSaveOptions = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (options.notesSheetFirst) {
    const notes = wb.addWorksheet('Toelichting');
    notes.addRow(['Toelichting bij de tabel']);
    notes.addRow(['Bron: zie het tabblad met de cijfers; . = geheim of onbekend']);
  }
  const ws = wb.addWorksheet(options.sheet ?? 'Blad1');
  for (const title of options.titles ?? []) ws.addRow([title]);
  rows.forEach((r, i) => ws.addRow(i === 0 ? [...r] : r.map(asExcelCell)));
  for (const footer of options.footers ?? []) ws.addRow([footer]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
