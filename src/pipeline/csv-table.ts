/**
 * Reading a delimited text file into a header and rows. The text is the file's own encoding
 * (input-file.ts); lines that are not table (an Excel `sep=` line, StatLine title and footer
 * lines) are left out with line numbers kept (csv-frame.ts); the delimiter comes from the
 * header line. Errors name the file and line: an unclosed quote or a last row cut short is
 * CSV_TRUNCATED, a row with a different column count CSV_MALFORMED (CSV_WRONG_DELIMITER when
 * the rows use another delimiter than the header), a header naming one column twice
 * CSV_DUPLICATE_COLUMN, a header without rows NOTHING_TO_IMPORT (CSV_TRUNCATED when the file
 * ends inside its header line), more rows than the bound INPUT_TOO_LARGE.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/app-error.js';
import { detectDelimiter, frameStatlineText, headerLineOf, sepHintOf } from './csv-frame.js';
import { eachPlainLine, keptColumns, type CsvRecord, type RowFilter } from './csv-plain-lines.js';
import { checkRowDelimiter, RowCheck, type CsvRowReader, type CsvRowsRead } from './csv-row-check.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';

export type { CsvRowReader, CsvRowsRead, RowFilter };

export interface CsvTable {
  file: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of data row i (0-based). */
  lineOf(i: number): number;
}

/** Number of line breaks, to bound the rows before parsing them. */
function countLines(text: string, stopAfter: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && n <= stopAfter; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface CsvTableOptions {
  delimiter?: string;
  allowShortRows?: boolean;
  /**
   * The columns the caller reads (by cleaned header name): the cells of every other column are
   * '' in `rows`, so that a wide national file does not keep them in memory. Rows with another
   * column count keep all their cells (for the error that names them).
   */
  keepColumn?: (name: string) => boolean;
  /**
   * With `keepColumn`: a row whose cell in `column` fails `read` keeps only the cells of the
   * columns `alsoKeep` names (and `column`); its other cells are ''. For rows the caller skips
   * after reading a few cells (RIVM: every age group but 18+). A memory and time saving only:
   * rows that are not plain lines keep every kept column.
   */
  keepRows?: RowFilter;
}

export function readCsvTable(file: InputFile, options: CsvTableOptions = {}): CsvTable {
  const rows: string[][] = [];
  const lines: number[] = [];
  const read = readCsvRows(file, options, {
    header: () => undefined,
    row: (cells, _i, line) => {
      rows.push(cells);
      lines.push(line);
    },
  });
  return {
    file: read.file,
    delimiter: read.delimiter,
    header: read.header,
    rows,
    lineOf: (i) => lines[i] ?? i + 2,
  };
}

/**
 * readCsvTable's rows given one at a time to `reader`, with the same checks and errors. The file's
 * own errors come first: when `reader` throws, the rest of the file is still checked (and no
 * more rows given), and the reader's error is thrown only when the file has none.
 */
export function readCsvRows(file: InputFile, options: CsvTableOptions, reader: CsvRowReader): CsvRowsRead {
  const original = file.text();
  const { text } = frameStatlineText(original);
  const delimiter = options.delimiter ?? sepHintOf(original) ?? detectDelimiter(headerLineOf(text));
  if (countLines(text, file.limits.maxRows + 16) > file.limits.maxRows + 16) {
    throw tooLarge({ file: file.name }, 'the number of rows', `${file.limits.maxRows} rows`);
  }
  checkRowDelimiter(file.name, text, delimiter);
  const rows = new RowCheck(file.name, text, delimiter, options.allowShortRows === true, reader);
  const take = (record: string[], line: number): void => rows.take(record, line);
  try {
    const unwrapped = unwrapExcelText(text, delimiter);
    if (!eachPlainLine(unwrapped, delimiter, take, options.keepColumn, options.keepRows))
      for (const { record, info } of parseAll(unwrapped, delimiter, options.keepColumn))
        take(record, info.lines);
  } catch (e) {
    if (e instanceof AppError) throw e; // the file's own errors from RowCheck
    throw parserError(file.name, e);
  }
  return rows.finish();
}

/** csv-parse's error as the file's: an unclosed quote CSV_TRUNCATED, any other CSV_MALFORMED. */
function parserError(file: string, e: unknown): AppError {
  const err = e as { code?: string; lines?: number; message?: string };
  const line = err.lines ?? undefined;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new AppError(
      'CSV_TRUNCATED',
      'the file ends inside a quoted field: it is truncated or a quote is not closed',
      {
        location: { file, ...(line !== undefined ? { line } : {}), expected: 'a closing quote' },
        cause: e,
      },
    );
  }
  return new AppError('CSV_MALFORMED', `not valid CSV: ${err.message ?? String(e)}`, {
    location: { file, ...(line !== undefined ? { line } : {}), expected: 'valid CSV' },
    cause: e,
  });
}

/** csv-parse with the options of readCsvTable; `keepColumn` blanks the unread cells afterwards. */
function parseAll(text: string, delimiter: string, keepColumn?: (name: string) => boolean): CsvRecord[] {
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    info: true,
  }) as unknown as CsvRecord[];
  const keep = keepColumn && records[0] ? keptColumns(records[0].record, keepColumn) : undefined;
  if (keep)
    for (let r = 1; r < records.length; r++) {
      const record = records[r]!.record;
      if (record.length === keep.length) for (let c = 0; c < keep.length; c++) if (!keep[c]) record[c] = '';
    }
  return records;
}

/**
 * Fields written as Excel text formulas to keep leading zeros, `="0917"`, as plain quoted fields
 * `"0917"` (only whole fields: between delimiters or line ends).
 */
function unwrapExcelText(text: string, delimiter: string): string {
  if (!text.includes('="')) return text;
  const d = delimiter.replace(/[|\\]/g, '\\$&');
  return text.replace(new RegExp(`(^|${d})="([^"\\r\\n]*)"(?=${d}|\\r?\\n|$)`, 'gm'), '$1"$2"');
}

/**
 * Columns that number the rows (R's write.csv row names, a pandas index, a spreadsheet's
 * `#`): an empty, `Unnamed: 0`, `X`, `index`, `row.names` or `#` header over consecutive
 * integers. Such a column is never a name, a code or a value.
 */
export function rowNumberColumns(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): Set<number> {
  const out = new Set<number>();
  header.forEach((h, c) => {
    if (!/^(|unnamed: ?\d+|x|index|row\.?names|#|nr|rij|level_\d+)$/i.test(h.trim())) return;
    let previous: number | undefined;
    const sample = rows.length > 200 ? [...rows.slice(0, 100), ...rows.slice(-100)] : rows;
    const consecutive = sample.every((r, k) => {
      const raw = String(r[c] ?? '').trim();
      if (!/^\d+$/.test(raw)) return false;
      const n = Number(raw);
      const ok = previous === undefined || k === 100 || n === previous + 1;
      previous = n;
      return ok;
    });
    if (rows.length > 0 && consecutive) out.add(c);
  });
  return out;
}
