/**
 * The header of a CSV file: its cells cleaned of quotes, BOMs and padding, a check that no name
 * occurs twice, and for detection the header of a file without reading it (its first line that is
 * table, after an Excel `sep=` line and StatLine title lines, split on its own delimiter; empty
 * for names that are not CSV/TSV/TXT, unless the file is a workbook's sheet). Compare cells with
 * `hasHeader` (column-title.ts), which reads every spelling of a name alike.
 */
import { AppError } from '../core/app-error.js';
import { detectDelimiter, headerLineOf, sepHintOf } from './csv-frame.js';
import type { InputFile } from './input-file.js';

/** A header cell as a tool wrote it, without BOMs, stray quotes and padding. */
export function cleanHeaderCell(h: string): string {
  return h
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
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

export function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

/**
 * A file the CSV layouts read: a CSV/TSV/TXT, or the worksheet of a workbook seen as CSV text
 * (workbook-table.ts).
 */
export function isCsvFile(file: Pick<InputFile, 'name' | 'sheet'>): boolean {
  return file.sheet !== undefined || isCsvName(file.name);
}

export function csvHeaderOf(file: InputFile): string[] {
  if (!isCsvFile(file)) return [];
  const line = headerLineOf(file.head);
  const delimiter = sepHintOf(file.head) ?? detectDelimiter(line);
  return splitOutsideQuotes(line, delimiter).map(cleanHeaderCell);
}

/** Fields of one line, split on `delimiter` outside double quotes (quotes kept out of the fields). */
function splitOutsideQuotes(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
