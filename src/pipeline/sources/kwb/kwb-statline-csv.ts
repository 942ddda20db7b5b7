/**
 * CBS StatLine CSV exports of the KWB: headers are CBS titles (`Huurwoningen/In bezit
 * woningcorporatie (%)`, or joined by `_` as in the Heerlen files), or the column names of the
 * derived files (`kwb_inwoners` in the KWB 2024 subset, `Pct_Low_Income_Households` in the
 * Amsterdam files). Two parsers share one reader:
 *   - with a code column (Codering, `code`, `Area_Code`): areas by code; imported early, so
 *     their names are known to the files that follow;
 *   - without codes (Heerlen): areas matched by name within the gemeente named on the first row
 *     (see area-name-matcher.ts); imported after every coded file of the same command.
 * The year comes from --year or the file name (`kwb2018_...`); otherwise YEAR_UNKNOWN.
 */
import { isCsvFile } from '../../csv-header.js';
import type { SourceParser } from '../../source-parser.js';
import { csvHeaderOf, hasKwbName, profileKwbHeader, readKwbCsv } from './kwb-csv.js';
import { parseKwbTable } from './kwb-table.js';

function statlineScore(header: readonly string[], fileHasKwbName: boolean, wantCode: boolean): number {
  const p = profileKwbHeader(header);
  if (p.looksLikeLbm || p.hasMnemonicCode || p.hasCode !== wantCode) return 0;
  if (p.indicators >= 3) return 0.8;
  if (p.indicators >= 1) return 0.5;
  // A file named kwbYYYY_... with no known column: claim it, so the error says which columns are missing.
  return fileHasKwbName && !wantCode ? 0.3 : 0;
}

/** StatLine/derived KWB CSV with a code column. */
export const kwbStatlineCsvParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-statline-csv',
  order: 2,
  detect(file) {
    return isCsvFile(file) ? statlineScore(csvHeaderOf(file), hasKwbName(file), true) : 0;
  },
  async parse(file, ctx) {
    return parseKwbTable(file, readKwbCsv(file), ctx);
  },
};

/** StatLine KWB CSV export that names areas but carries no codes (matched by name). */
export const kwbStatlineNamedCsvParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-statline-csv-names',
  order: 8,
  detect(file) {
    return isCsvFile(file) ? statlineScore(csvHeaderOf(file), hasKwbName(file), false) : 0;
  },
  async parse(file, ctx) {
    return parseKwbTable(file, readKwbCsv(file), ctx);
  },
};
