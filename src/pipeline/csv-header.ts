/**
 * The header of a CSV file for detection: its first line that is table (after an Excel `sep=`
 * line and StatLine title lines), split on its own delimiter, cells cleaned of quotes, BOMs and
 * padding. Empty for names that are not CSV/TSV/TXT. Compare cells with `hasHeader`
 * (column-title.ts), which reads every spelling of a name alike.
 */
import { detectDelimiter, headerLineOf, sepHintOf } from './csv-frame.js';
import { cleanHeaderCell } from './csv-table.js';
import type { InputFile } from './input-file.js';

export function isCsvName(name: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(name);
}

export function csvHeaderOf(file: InputFile): string[] {
  if (!isCsvName(file.name)) return [];
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
