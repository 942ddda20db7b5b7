/**
 * The KWB Excel files `kwb-YYYY.xls(x)` and their CSV exports: mnemonic columns
 * (`gwb_code_10`/`gwb_code`, `regio`, `gm_naam`, `recs`, `a_inw`, `p_wcorpw`, `a_soz_wb`, ...).
 * CSV with `,` or `;` and decimal commas; XLSX read with exceljs (first worksheet, header in
 * the first row). `.`/empty cells are suppressed. Year from --year or the file name.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../../core/app-error.js';
import { isUnitsRow } from '../../csv-frame.js';
import { checkDuplicateHeader, cleanHeaderCell } from '../../csv-header.js';
import type { InputFile } from '../../input-file.js';
import { tooLarge } from '../../input-limits.js';
import { checkZipBounds } from '../../zip-bounds.js';
import type { SourceParser } from '../../source-parser.js';
import { csvHeaderOf, hasKwbName, profileKwbHeader, readKwbCsv } from './kwb-csv.js';
import { parseKwbTable, type Cell, type KwbTable } from './kwb-table.js';

/** KWB CSV with mnemonic columns. */
export const kwbMnemonicCsvParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-mnemonic-csv',
  order: 2,
  detect(file) {
    if (!/\.(csv|tsv|txt)$/i.test(file.name)) return 0;
    const p = profileKwbHeader(csvHeaderOf(file));
    if (p.looksLikeLbm) return 0;
    if (p.hasMnemonicCode && p.indicators > 0) return 0.9;
    if (p.hasMnemonicCode) return 0.4;
    return p.classicMnemonics >= 3 && p.hasCode ? 0.85 : 0;
  },
  async parse(file, ctx) {
    return parseKwbTable(file, readKwbCsv(file), ctx);
  },
};

/** KWB XLSX (kwb-YYYY.xlsx): first worksheet, mnemonic columns. */
export const kwbXlsxParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-xlsx',
  order: 2,
  detect(file) {
    if (!/\.xlsx$/i.test(file.name)) return 0;
    const isZip = file.bytes.length > 4 && file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    if (!isZip) return 0;
    return hasKwbName(file) ? 0.8 : 0.3;
  },
  async parse(file, ctx) {
    return parseKwbTable(file, await readFirstSheet(file), ctx);
  },
};

/** A cell of exceljs as a plain value (formula results, rich text and hyperlinks unwrapped). */
export function plainCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean' || v instanceof Date) return String(v);
  if ('result' in v) return plainCell(v.result as ExcelJS.CellValue);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return String(v);
}

async function readFirstSheet(file: InputFile): Promise<KwbTable> {
  checkZipBounds(file);
  // loaded when a workbook is read: ~0.3–0.9 s of start-up that every other import would pay
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new AppError('FILE_UNREADABLE', 'not a readable XLSX workbook', {
      location: { file: file.name },
      cause: e,
    });
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.rowCount === 0) {
    throw new AppError('CSV_NO_KNOWN_COLUMNS', 'the workbook has no worksheet with a header row', {
      location: { file: file.name, line: 1, expected: 'a header row' },
    });
  }
  if (ws.rowCount > file.limits.maxRows + 1)
    throw tooLarge(
      { file: file.name },
      'the number of worksheet rows',
      `${file.limits.maxRows}`,
      `${ws.rowCount}`,
    );
  const width = ws.columnCount;
  const cellsOf = (r: number): Cell[] => {
    const row = ws.getRow(r);
    return Array.from({ length: width }, (_, c) => plainCell(row.getCell(c + 1).value));
  };
  // as in a StatLine CSV download: title rows above the header (at most one filled cell), a units row under it
  const filled = (cells: Cell[]): number => cells.filter((c) => c !== null && String(c).trim() !== '').length;
  let headerRow = 1;
  while (headerRow < Math.min(ws.rowCount, 6) && filled(cellsOf(headerRow)) <= 1) headerRow++;
  const header = cellsOf(headerRow).map((h) =>
    h === null || h === undefined ? '' : cleanHeaderCell(String(h)),
  );
  checkDuplicateHeader(file.name, header);
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const cells = cellsOf(r);
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    if (rows.length === 0 && isUnitsRow(cells.map((c) => (c === null || c === undefined ? '' : String(c)))))
      continue;
    rows.push(cells);
    lines.push(r);
  }
  return { header, rows, lineOf: (i) => lines[i] ?? i + 2 };
}
