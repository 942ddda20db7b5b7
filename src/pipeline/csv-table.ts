/**
 * Reading a delimited text file into a header and rows, with the delimiter detected from the
 * header line (`,` `;` or tab). Errors name the file and line: an unclosed quote or a last row
 * cut short is CSV_TRUNCATED, a row with a different column count is CSV_MALFORMED.
 */
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';

export interface CsvTable {
  file: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of data row i (0-based). */
  lineOf(i: number): number;
}

export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => ({ d, n: countOutsideQuotes(headerLine, d) }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/** How often `ch` occurs in `line` outside double-quoted fields. */
export function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

export function firstLine(text: string): string {
  const i = text.search(/\r?\n/);
  return i < 0 ? text : text.slice(0, i);
}

export function readCsvTable(
  file: InputFile,
  options: { delimiter?: string; allowShortRows?: boolean } = {},
): CsvTable {
  const text = file.text();
  const delimiter = options.delimiter ?? detectDelimiter(firstLine(text));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
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
      location: { file: file.name, ...(line !== undefined ? { line } : {}) },
      cause: e,
    });
  }
  if (records.length === 0) {
    throw new AppError('CSV_MALFORMED', 'the file is empty', {
      location: { file: file.name, line: 1, expected: 'a header row' },
    });
  }
  const header = records[0]!.record.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .replace(/\uFEFF/g, '')
      .trim(),
  );
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    if (record.length !== header.length && !options.allowShortRows) {
      const isLast = i === records.length - 1;
      const endsWithoutNewline = !/\n\s*$/.test(text);
      if (isLast && record.length < header.length && endsWithoutNewline) {
        throw new AppError(
          'CSV_TRUNCATED',
          `the last row has ${record.length} of ${header.length} columns: the file is truncated`,
          {
            location: {
              file: file.name,
              line: info.lines,
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
              file: file.name,
              line: info.lines,
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
            file: file.name,
            line: info.lines,
            row: i,
            expected: `${header.length} columns separated by '${delimiter}'`,
          },
        },
      );
    }
    rows.push(record);
    lines.push(info.lines);
  }
  return { file: file.name, delimiter, header, rows, lineOf: (i) => lines[i] ?? i + 2 };
}

/** Another delimiter that splits a one-field row into the header's column count, if any. */
function wrongDelimiterOf(field: string, delimiter: string, columns: number): string | undefined {
  return [',', ';', '\t', '|'].find((d) => d !== delimiter && countOutsideQuotes(field, d) === columns - 1);
}
