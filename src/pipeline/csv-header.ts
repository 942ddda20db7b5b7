/** The lower-cased, unquoted header of a CSV file's first line, for detection (empty for non-CSV names). */
import { detectDelimiter, firstLine } from './csv-table.js';
import type { InputFile } from './input-file.js';

export function csvHeaderOf(file: InputFile): string[] {
  if (!/\.(csv|tsv|txt)$/i.test(file.name)) return [];
  const line = firstLine(file.head);
  return line.split(detectDelimiter(line)).map((h) => h.replace(/"/g, '').trim().toLowerCase());
}
