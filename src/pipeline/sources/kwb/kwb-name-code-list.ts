/**
 * A derived name → code list (`jaar,regio_naam,code`, e.g. kwb2016-2020_heerlen_naam_naar_code__afgeleid.csv
 * in ../shared/data/cbs-kwb). It shows how name-only StatLine exports should match, but it is
 * not CBS data and is never used as input: it is recognised and skipped with a FILE_SKIPPED
 * warning, so importing the whole KWB folder works.
 */
import { emptyBatch } from '../../../core/records.js';
import type { SourceParser } from '../../source-parser.js';
import { normaliseTitle } from '../../column-title.js';
import { csvHeaderOf, isCsvFile } from '../../csv-header.js';

const HEADER = ['jaar', 'regio_naam', 'code'];

/** Recognises the derived name→code list and imports nothing from it. */
export const kwbNameCodeListParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-name-code-list',
  order: 2,
  detect(file) {
    if (!isCsvFile(file)) return 0;
    const header = csvHeaderOf(file).map(normaliseTitle);
    return header.length === HEADER.length && HEADER.every((h, i) => header[i] === normaliseTitle(h))
      ? 0.9
      : 0;
  },
  async parse(file) {
    const batch = emptyBatch(file.name, file.checksum, {
      source: 'kwb',
      edition: 'derived name→code list (not imported)',
      table: null,
      publisher: 'derived',
      divisionYear: null,
    });
    batch.warnings.push({
      code: 'FILE_SKIPPED',
      message:
        'a derived name→code list (jaar, regio_naam, code): a check for name matching, not source data; not imported',
      file: file.name,
    });
    return batch;
  },
};
