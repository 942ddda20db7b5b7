/**
 * 50090NED as the CBS "untyped dataset" CSV (StatLine/OData column keys as header, values
 * right-aligned with spaces, e.g. `    76.1`), optionally with extra columns (`jaar`,
 * `leeftijdsgroep`). Division year 2020 (`--division` overrides). See rivm-rows.ts.
 */
import { hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable } from '../../csv-table.js';
import type { SourceParser } from '../../source-parser.js';
import { RIVM_DIVISION_YEAR } from './rivm-measures.js';
import { buildRivmBatch } from './rivm-rows.js';

export const rivmCsvParser: SourceParser = {
  kind: 'rivm',
  layout: 'rivm-50090ned-csv',
  order: 3,
  detect(file) {
    const h = csvHeaderOf(file);
    return hasHeader(h, 'Leeftijd') && hasHeader(h, 'Marges') && hasHeader(h, 'WijkenEnBuurten', 'Codering_3')
      ? 0.95
      : 0;
  },
  async parse(file, ctx) {
    const table = readCsvTable(file);
    return buildRivmBatch(
      {
        file: file.name,
        checksum: file.checksum,
        keys: table.header,
        count: table.rows.length,
        get: (i, key) => table.rows[i]?.[table.header.indexOf(key)],
        where: (i, key) => ({
          file: file.name,
          line: table.lineOf(i),
          row: i + 1,
          column: key,
          found: table.rows[i]?.[table.header.indexOf(key)] ?? '',
        }),
      },
      ctx.divisionYear ?? RIVM_DIVISION_YEAR,
    );
  },
};
