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
import {
  countOutsideQuotes,
  DELIMITERS,
  detectDelimiter,
  firstLine,
  frameStatlineText,
  headerLineOf,
  sepHintOf,
} from './csv-frame.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';

export { countOutsideQuotes, detectDelimiter, firstLine };

export interface CsvTable {
  file: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of data row i (0-based). */
  lineOf(i: number): number;
}

/** A header cell as a tool wrote it, without BOMs, stray quotes and padding. */
export function cleanHeaderCell(h: string): string {
  return h
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
}

const show = (d: string): string => (d === '\t' ? 'tab' : `'${d}'`);

/**
 * A header split by one delimiter whose first row has none of it but as many of another:
 * CSV_WRONG_DELIMITER at line 2 (rather than a column-count error on every row).
 */
function checkRowDelimiter(file: string, text: string, delimiter: string): void {
  let at = 0;
  const lines: { line: string; number: number }[] = [];
  for (let number = 1; lines.length < 2 && at <= text.length; number++) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (line.trim() !== '') lines.push({ line, number });
    if (nl < 0) break;
    at = nl + 1;
  }
  const [header, row] = lines;
  if (!header || !row) return;
  const columns = countOutsideQuotes(header.line, delimiter);
  if (columns === 0 || countOutsideQuotes(row.line, delimiter) > 0) return;
  const other = DELIMITERS.find((d) => d !== delimiter && countOutsideQuotes(row.line, d) >= columns);
  if (other === undefined) return;
  throw new AppError(
    'CSV_WRONG_DELIMITER',
    `the header is separated by ${show(delimiter)} but this row by ${show(other)}`,
    {
      location: {
        file,
        line: row.number,
        row: 1,
        column: cleanHeaderCell(header.line.split(delimiter)[0] ?? ''),
        expected: `columns separated by ${show(delimiter)}`,
        found: row.line.slice(0, 60),
      },
    },
  );
}

/** Number of line breaks, to bound the rows before parsing them. */
function countLines(text: string, stopAfter: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && n <= stopAfter; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Refuses a header that names one column twice (a silent drop of one of them otherwise). */
export function checkDuplicateHeader(file: string, header: readonly string[]): void {
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.toLowerCase();
    if (key === '') return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AppError(
        'CSV_DUPLICATE_COLUMN',
        `the header names column '${h}' twice (columns ${first + 1} and ${i + 1}): which one holds the data is unclear`,
        {
          location: { file, line: 1, column: h, expected: 'each column name once', found: `column ${i + 1}` },
        },
      );
    }
    seen.set(key, i);
  });
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

export interface RowFilter {
  column: string;
  read: (cell: string) => boolean;
  alsoKeep: (name: string) => boolean;
}

/**
 * Receives a table row by row, so that a caller that turns rows into values holds no row longer
 * than it needs (a national file's rows would otherwise all be in memory at once).
 */
export interface CsvRowReader {
  /** The cleaned header, before any row. */
  header(header: readonly string[]): void;
  /** Data row i (0-based) ending on 1-based `line`: as wide as the header unless `allowShortRows`. */
  row(cells: string[], i: number, line: number): void;
}

export interface CsvRowsRead {
  file: string;
  delimiter: string;
  header: string[];
  rowCount: number;
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
    const err = e as { code?: string; lines?: number; message?: string };
    const line = err.lines ?? undefined;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new AppError(
        'CSV_TRUNCATED',
        'the file ends inside a quoted field: it is truncated or a quote is not closed',
        {
          location: { file: file.name, ...(line !== undefined ? { line } : {}), expected: 'a closing quote' },
          cause: e,
        },
      );
    }
    throw new AppError('CSV_MALFORMED', `not valid CSV: ${err.message ?? String(e)}`, {
      location: { file: file.name, ...(line !== undefined ? { line } : {}), expected: 'valid CSV' },
      cause: e,
    });
  }
  return rows.finish();
}

/**
 * The checks of readCsvTable on records as they come: the first is the header (duplicate
 * names), every later one a row whose column count must be the header's (an error that depends
 * on whether it is the last row, so each row is checked, and given on, when the next one comes).
 */
class RowCheck {
  private header: string[] | undefined;
  private headerLine = 0;
  private pending: { record: string[]; line: number } | undefined;
  private count = 0;
  private readerError: { error: unknown } | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly delimiter: string,
    private readonly allowShortRows: boolean,
    private readonly reader: CsvRowReader,
  ) {}

  take(record: string[], line: number): void {
    if (!this.header) {
      this.header = record.map(cleanHeaderCell);
      this.headerLine = line;
      checkDuplicateHeader(this.file, this.header);
      this.give(() => this.reader.header(this.header!));
      return;
    }
    if (this.pending) this.check(this.pending.record, this.pending.line, false);
    this.pending = { record, line };
  }

  finish(): CsvRowsRead {
    const header = this.header;
    if (!header) {
      throw new AppError('NOTHING_TO_IMPORT', 'the file is empty', {
        location: { file: this.file, line: 1, expected: 'a header row and data rows' },
      });
    }
    if (!this.pending && this.count === 0) {
      const cut = !/\n\s*$/.test(this.text);
      throw new AppError(
        cut ? 'CSV_TRUNCATED' : 'NOTHING_TO_IMPORT',
        cut
          ? 'the file ends inside its header line: it is truncated'
          : 'the file has a header but no data rows',
        {
          location: {
            file: this.file,
            line: this.headerLine + (cut ? 0 : 1),
            expected: cut ? 'a complete header line and data rows' : 'data rows under the header',
          },
        },
      );
    }
    if (this.pending) this.check(this.pending.record, this.pending.line, true);
    this.pending = undefined;
    if (this.readerError) throw this.readerError.error;
    return { file: this.file, delimiter: this.delimiter, header, rowCount: this.count };
  }

  /** Calls the reader unless it threw before; keeps its first error for finish. */
  private give(call: () => void): void {
    if (this.readerError) return;
    try {
      call();
    } catch (error) {
      this.readerError = { error };
    }
  }

  private check(record: string[], line: number, isLast: boolean): void {
    const header = this.header!;
    const i = ++this.count;
    const { file, delimiter } = this;
    if (record.length !== header.length && !this.allowShortRows) {
      const endsWithoutNewline = !/\n\s*$/.test(this.text);
      if (isLast && record.length < header.length && endsWithoutNewline) {
        throw new AppError(
          'CSV_TRUNCATED',
          `the last row has ${record.length} of ${header.length} columns: the file is truncated`,
          {
            location: {
              file,
              line,
              row: i,
              column: header[record.length] ?? '',
              expected: `${header.length} columns`,
            },
          },
        );
      }
      const other =
        record.length === 1 ? wrongDelimiterOf(record[0] ?? '', delimiter, header.length) : undefined;
      if (other !== undefined) {
        throw new AppError(
          'CSV_WRONG_DELIMITER',
          `the header is separated by '${delimiter}' but this row by '${other}'`,
          {
            location: {
              file,
              line,
              row: i,
              column: header[0] ?? '',
              expected: `columns separated by '${delimiter}'`,
              found: record[0] ?? '',
            },
          },
        );
      }
      throw new AppError(
        'CSV_MALFORMED',
        `row has ${record.length} columns, the header has ${header.length}`,
        {
          location: {
            file,
            line,
            row: i,
            column: header[Math.min(record.length, header.length - 1)] ?? '',
            expected: `${header.length} columns separated by ${show(delimiter)}`,
            found: `${record.length} columns`,
          },
        },
      );
    }
    if (!this.readerError)
      try {
        this.reader.row(record, i - 1, line);
      } catch (error) {
        this.readerError = { error };
      }
  }
}

/** A record as csv-parse returns it with `info: true`: its fields and the line it ends on. */
interface CsvRecord {
  record: string[];
  info: { lines: number };
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

/** Per column of a raw header line: does the caller read it. */
function keptColumns(header: readonly string[], keepColumn: (name: string) => boolean): boolean[] {
  return header.map((h) => keepColumn(cleanHeaderCell(h)));
}

/**
 * The records csv-parse gives (relax_column_count, skip_empty_lines, info) when every line is one
 * record — no quoted field spans a line break — every quote encloses a whole field (`"…"`, `""`
 * inside), and the text has one kind of line break (`\n`, or `\r\n` throughout): then the lines
 * are split directly with indexOf/slice, several times faster than csv-parse's character state
 * machine on a national file. Undefined for any other text (a quote inside a field, text after a
 * closing quote, a line break inside quotes, a bare `\r`), which goes to csv-parse and so gets
 * its exact errors. With `keepColumn`, the cells of other columns are '' (never sliced out) in
 * rows as long as the header.
 */
export function splitPlainLines(
  text: string,
  delimiter: string,
  keepColumn?: (name: string) => boolean,
  keepRows?: RowFilter,
): CsvRecord[] | undefined {
  const records: CsvRecord[] = [];
  const take = (record: string[], lines: number): void => void records.push({ record, info: { lines } });
  return eachPlainLine(text, delimiter, take, keepColumn, keepRows) ? records : undefined;
}

/** Whether splitPlainLines splits `text` itself (each line one record, quotes around whole fields, one kind of line break). */
function isPlainText(text: string, delimiter: string): boolean {
  const crlf = text.includes('\r');
  if (crlf) {
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1))
      if (text.charCodeAt(i + 1) !== 10) return false;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      if (text.charCodeAt(i - 1) !== 13) return false;
  }
  for (let quote = text.indexOf('"'); quote >= 0;) {
    const nl = text.indexOf('\n', quote);
    const end = nl < 0 ? text.length : crlf ? nl - 1 : nl;
    if (!splitQuotedLine(text.slice(text.lastIndexOf('\n', quote) + 1, end), delimiter)) return false;
    if (nl < 0) break;
    quote = text.indexOf('"', nl + 1);
  }
  return true;
}

/**
 * The records of splitPlainLines given one at a time to `take` (fields and line number), none
 * when the text is not plain (false): so that no record is kept longer than its reader needs.
 */
function eachPlainLine(
  text: string,
  delimiter: string,
  take: (record: string[], line: number) => void,
  keepColumn?: (name: string) => boolean,
  keepRows?: RowFilter,
): boolean {
  if (!isPlainText(text, delimiter)) return false;
  const crlf = text.includes('\r');
  let keep: boolean[] | undefined;
  let rows: KeptRows | undefined;
  let first = true;
  let line = 0;
  const starts: number[] = []; // splitKept's field offsets, one array for every line
  let quote = text.indexOf('"'); // the next quote at or after the line (-1: none left)
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : crlf ? nl - 1 : nl;
    line++;
    if (quote >= 0 && quote < at) quote = text.indexOf('"', at);
    if (end > at) {
      let record: string[];
      if (quote >= 0 && quote < end) {
        record = splitQuotedLine(text.slice(at, end), delimiter)!; // isPlainText checked it
        if (keep && record.length === keep.length)
          for (let c = 0; c < keep.length; c++) if (!keep[c]) record[c] = '';
      } else
        record = keep
          ? splitKept(text, at, end, delimiter, keep, starts, rows)
          : text.slice(at, end).split(delimiter);
      if (first && keepColumn) {
        keep = keptColumns(record, keepColumn);
        rows = keptRows(record, keep, keepRows);
      }
      first = false;
      take(record, line);
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  return true;
}

/** A RowFilter by column index: the deciding column, and the columns kept of a row it rejects. */
interface KeptRows {
  column: number;
  read: (cell: string) => boolean;
  keep: boolean[];
}

function keptRows(header: readonly string[], keep: readonly boolean[], f?: RowFilter): KeptRows | undefined {
  if (!f) return undefined;
  const names = header.map(cleanHeaderCell);
  const column = names.indexOf(f.column);
  if (column < 0) return undefined;
  return { column, read: f.read, keep: names.map((n, c) => keep[c]! && (c === column || f.alsoKeep(n))) };
}

/**
 * The fields of text[at, end) (no quotes), slicing only the kept ones (fewer when `rows` rejects
 * the row); all of them when the count differs. `starts` is scratch space for the field offsets.
 */
function splitKept(
  text: string,
  at: number,
  end: number,
  delimiter: string,
  keep: readonly boolean[],
  starts: number[],
  rows?: KeptRows,
): string[] {
  const n = keep.length;
  starts.length = 0;
  for (let from = at; ;) {
    starts.push(from);
    let next = text.indexOf(delimiter, from);
    if (next < 0 || next > end) next = end;
    if (next === end || starts.length > n) break;
    from = next + 1;
  }
  if (starts.length !== n) return text.slice(at, end).split(delimiter);
  const cellEnd = (c: number): number => (c + 1 < n ? starts[c + 1]! - 1 : end);
  let mask = keep;
  if (rows && !rows.read(text.slice(starts[rows.column]!, cellEnd(rows.column)))) mask = rows.keep;
  const fields = new Array<string>(n);
  for (let c = 0; c < n; c++) fields[c] = mask[c] ? text.slice(starts[c]!, cellEnd(c)) : '';
  return fields;
}

/** One line's fields when each quote encloses a whole field; undefined otherwise. */
function splitQuotedLine(line: string, delimiter: string): string[] | undefined {
  const fields: string[] = [];
  for (let i = 0; ;) {
    let end: number;
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return undefined; // not closed on this line
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) !== 34) {
          end = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      if (end < line.length && line[end] !== delimiter) return undefined; // text after the closing quote
      fields.push(value);
    } else {
      const next = line.indexOf(delimiter, i);
      end = next < 0 ? line.length : next;
      const field = line.slice(i, end);
      if (field.includes('"')) return undefined; // a quote inside an unquoted field
      fields.push(field);
    }
    if (end >= line.length) return fields;
    i = end + 1;
    if (i === line.length) {
      fields.push('');
      return fields;
    }
  }
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

/** Another delimiter that splits a one-field row into the header's column count, if any. */
function wrongDelimiterOf(field: string, delimiter: string, columns: number): string | undefined {
  return DELIMITERS.find((d) => d !== delimiter && countOutsideQuotes(field, d) === columns - 1);
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
