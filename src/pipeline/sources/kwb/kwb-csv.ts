/**
 * Reading a KWB CSV (`,` `;` tab or `|`, decimal commas allowed, any encoding input-file.ts
 * reads) into a KwbTable, and looking at its header for detection. Lines that are not table
 * (StatLine title and footer lines, an Excel `sep=` line) are left out by readCsvTable; a units
 * row under the header (and one at the end) is left out here.
 */
import { csvHeaderOf } from '../../csv-header.js';
import { isUnitsRow } from '../../csv-frame.js';
import { readCsvTable } from '../../csv-table.js';
import type { InputFile } from '../../input-file.js';
import { findByMnemonic, resolveKwbHeader } from './column-aliases.js';
import type { KwbTable } from './kwb-table.js';

export { csvHeaderOf };

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

/** Reads a KWB CSV into a KwbTable (StatLine title, units and footer lines left out). */
export function readKwbCsv(file: InputFile): KwbTable {
  const t = readCsvTable(file);
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
