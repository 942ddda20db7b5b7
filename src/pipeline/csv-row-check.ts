/**
 * The checks of readCsvTable (csv-table.ts) on a table's records as they come: a header
 * without a name twice, then rows as wide as the header. A row of another width is CSV_MALFORMED,
 * CSV_TRUNCATED when it is the last one and the file ends inside it, CSV_WRONG_DELIMITER when
 * another delimiter splits it (or, before any row is parsed, the first row) into the header's
 * columns. Rows that pass are given on to the caller's CsvRowReader.
 */
import { AppError } from '../core/app-error.js';
import { countOutsideQuotes, DELIMITERS } from './csv-frame.js';
import { checkDuplicateHeader, cleanHeaderCell } from './csv-header.js';

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

const show = (d: string): string => (d === '\t' ? 'tab' : `'${d}'`);

/**
 * A header split by one delimiter whose first row has none of it but as many of another:
 * CSV_WRONG_DELIMITER at line 2 (rather than a column-count error on every row).
 */
export function checkRowDelimiter(file: string, text: string, delimiter: string): void {
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

/**
 * The checks of readCsvTable on records as they come: the first is the header (duplicate
 * names), every later one a row whose column count must be the header's (an error that depends
 * on whether it is the last row, so each row is checked, and given on, when the next one comes).
 */
export class RowCheck {
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
    const i = ++this.count;
    if (record.length !== this.header!.length && !this.allowShortRows)
      throw this.widthError(record, line, i, isLast);
    if (!this.readerError)
      try {
        this.reader.row(record, i - 1, line);
      } catch (error) {
        this.readerError = { error };
      }
  }

  /** The error of row i (1-based), ending on `line`, whose column count is not the header's. */
  private widthError(record: string[], line: number, i: number, isLast: boolean): AppError {
    const header = this.header!;
    const { file, delimiter } = this;
    const endsWithoutNewline = !/\n\s*$/.test(this.text);
    if (isLast && record.length < header.length && endsWithoutNewline) {
      return new AppError(
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
      return new AppError(
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
    return new AppError(
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
}

/** Another delimiter that splits a one-field row into the header's column count, if any. */
function wrongDelimiterOf(field: string, delimiter: string, columns: number): string | undefined {
  return DELIMITERS.find((d) => d !== delimiter && countOutsideQuotes(field, d) === columns - 1);
}
