/**
 * The KWB Excel files `kwb-YYYY.xls(x)` and their CSV exports: mnemonic columns
 * (`gwb_code_10`/`gwb_code`, `regio`, `gm_naam`, `recs`, `a_inw`, `p_wcorpw`, `a_soz_wb`, ...).
 * CSV with `,` or `;` and decimal commas; an .xlsx is read as the CSV of its first worksheet
 * with a table (workbook-table.ts). `.`/empty cells are suppressed. Year from --year or the file name.
 */
import { isCsvFile } from '../../csv-header.js';
import type { SourceParser } from '../../source-parser.js';
import { csvHeaderOf, profileKwbHeader, readKwbCsv } from './kwb-csv.js';
import { parseKwbTable } from './kwb-table.js';

/** KWB CSV (or a workbook's sheet) with mnemonic columns. */
export const kwbMnemonicCsvParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-mnemonic-csv',
  order: 2,
  detect(file) {
    if (!isCsvFile(file)) return 0;
    const p = profileKwbHeader(csvHeaderOf(file));
    if (p.looksLikeLbm) return 0;
    if (p.hasMnemonicCode && p.indicators > 0) return 0.9;
    if (p.hasMnemonicCode) return 0.4;
    return p.classicMnemonics >= 3 && p.hasCode ? 0.85 : 0;
  },
  async parse(file, ctx) {
    return parseKwbTable(file, readKwbCsv(file), ctx);
  },
};
