/**
 * Reading a KWB CSV (`,` `;` or tab, decimal commas allowed) into a KwbTable, and looking at
 * its header for detection. A file whose header splits on one delimiter but whose rows use
 * another is refused with CSV_WRONG_DELIMITER (line 2) rather than a column-count error.
 * StatLine title lines above the header, a units row under it and footer lines are skipped
 * (statline-frame.ts).
 */
import { AppError } from '../../../core/app-error.js';
import { countOutsideQuotes, detectDelimiter, readCsvTable } from '../../csv-table.js';
import type { InputFile } from '../../input-file.js';
import { findByMnemonic, resolveKwbHeader } from './column-aliases.js';
import type { KwbTable } from './kwb-table.js';
import { frameStatlineText, headerLineOf, isUnitsRow } from './statline-frame.js';

const DELIMITERS = [',', ';', '\t', '|'];

/** The header cells of a CSV file (its first line after any title lines; quotes and BOMs removed). */
export function csvHeaderOf(file: InputFile): string[] {
  const line = headerLineOf(file.head);
  return line.split(detectDelimiter(line)).map((h) => h.replace(/["\uFEFF]/g, '').trim());
}

/** What a header tells about the KWB layouts, for detection. */
export interface KwbHeaderProfile {
  /** Columns resolved to an indicator. */
  indicators: number;
  /** Indicator columns that are KWB Excel mnemonics (a_inw, p_wcorpw, ...). */
  classicMnemonics: number;
  hasCode: boolean;
  hasMnemonicCode: boolean;
  /** Leefbaarometer columns: the file belongs to the Leefbaarometer parser. */
  looksLikeLbm: boolean;
}

const CLASSIC_MNEMONIC = /^(a|p|g)_[a-z0-9_]+$|^bev_dich$/i;

export function profileKwbHeader(header: readonly string[]): KwbHeaderProfile {
  let indicators = 0;
  let classicMnemonics = 0;
  let hasCode = false;
  for (const h of header) {
    const col = resolveKwbHeader(h);
    if (col?.kind === 'indicator') {
      indicators++;
      if (CLASSIC_MNEMONIC.test(h.trim()) && findByMnemonic(h)) classicMnemonics++;
    } else if (col?.kind === 'meta' && col.role === 'code') hasCode = true;
  }
  return {
    indicators,
    classicMnemonics,
    hasCode,
    hasMnemonicCode:
      header.some((h) => /^gwb_code/i.test(h.trim())) ||
      header.some((h) => h.trim().toLowerCase() === 'recs'),
    looksLikeLbm: header.some((h) => /leefba|^lbm$|^afw$|^rlbrmtr$/i.test(h.trim())),
  };
}

/** True when the file name says it is a KWB file (`kwb2018_...`, `kwb-2020.csv`). */
export function hasKwbName(file: InputFile): boolean {
  return /(^|[^a-z])kwb[-_ ]?(19|20)\d{2}/i.test(file.name);
}

function checkRowDelimiter(file: InputFile, text: string, delimiter: string): void {
  const all = text.split(/\r?\n/);
  const at = all.findIndex((l) => l.trim() !== '');
  const header = all[at] ?? '';
  const row = at >= 0 ? all[at + 1] : undefined;
  const columns = countOutsideQuotes(header, delimiter);
  if (row === undefined || row.trim() === '' || columns === 0 || countOutsideQuotes(row, delimiter) > 0)
    return;
  const other = DELIMITERS.find((d) => d !== delimiter && countOutsideQuotes(row, d) >= columns);
  if (other === undefined) return;
  const show = (d: string): string => (d === '\t' ? 'tab' : `'${d}'`);
  throw new AppError(
    'CSV_WRONG_DELIMITER',
    `the header is separated by ${show(delimiter)} but the rows by ${show(other)}`,
    {
      location: {
        file: file.name,
        line: at + 2,
        row: 1,
        expected: `fields separated by ${show(delimiter)}`,
        found: row.slice(0, 60),
      },
    },
  );
}

/** Reads a KWB CSV into a KwbTable (StatLine title, units and footer lines left out). */
export function readKwbCsv(file: InputFile): KwbTable {
  const original = file.text();
  const { text } = frameStatlineText(original);
  const delimiter = detectDelimiter(headerLineOf(text));
  checkRowDelimiter(file, text, delimiter);
  const framed = text === original ? file : { ...file, text: () => text };
  const t = readCsvTable(framed, { delimiter });
  // A units row under the header (and a trailing one) is not data.
  const first = t.rows.length > 0 && isUnitsRow(t.rows[0]!) ? 1 : 0;
  const last = t.rows.length > first && isUnitsRow(t.rows[t.rows.length - 1]!) ? 1 : 0;
  if (first + last === 0) return { header: t.header, rows: t.rows, lineOf: t.lineOf };
  return {
    header: t.header,
    rows: t.rows.slice(first, t.rows.length - last),
    lineOf: (i) => t.lineOf(i + first),
  };
}
