/**
 * The fast path of readCsvTable (csv-table.ts): a text in which every line is one record and
 * every quote encloses a whole field is split with indexOf/slice, with the cells of unread
 * columns (and of rows the caller skips) never sliced out. Any other text goes to csv-parse.
 */
import { cleanHeaderCell } from './csv-header.js';

/** Rows whose cell in `column` fails `read` keep only the columns `alsoKeep` names (and `column`). */
export interface RowFilter {
  column: string;
  read: (cell: string) => boolean;
  alsoKeep: (name: string) => boolean;
}

/** A record as csv-parse returns it with `info: true`: its fields and the line it ends on. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** Per column of a raw header line: does the caller read it. */
export function keptColumns(header: readonly string[], keepColumn: (name: string) => boolean): boolean[] {
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
export function eachPlainLine(
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
