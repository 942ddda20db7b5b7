/**
 * 50090NED as the CBS "untyped dataset" CSV (StatLine/OData column keys as header, values
 * right-aligned with spaces, e.g. `    76.1`), optionally with extra columns (`jaar`,
 * `leeftijdsgroep`). Division year 2020 (`--division` overrides). See rivm-rows.ts.
 */
import { hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable } from '../../csv-table.js';
import type { SourceParser } from '../../source-parser.js';
import { keyStem } from '../../odata-json.js';
import { RIVM_ADULTS, RIVM_DIVISION_YEAR, RIVM_MEASURES } from './rivm-measures.js';
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
    // a national file has ~45 columns of which the batch reads ~17: keep only those in memory
    // and of the rows of other age groups (≈ 60 %), which buildRivmBatch skips, only Leeftijd and Marges
    const table = readCsvTable(file, {
      keepColumn: isRivmColumn,
      keepRows: {
        column: 'Leeftijd',
        read: (cell) => cell.trim() === RIVM_ADULTS,
        alsoKeep: (name) => name === 'Marges',
      },
    });
    const columnOf = new Map(table.header.map((h, c) => [h, c] as const));
    const cell = (i: number, key: string): string | undefined => table.rows[i]?.[columnOf.get(key) ?? -1];
    return buildRivmBatch(
      {
        file: file.name,
        checksum: file.checksum,
        keys: table.header,
        count: table.rows.length,
        get: cell,
        where: (i, key) => ({
          file: file.name,
          line: table.lineOf(i),
          row: i + 1,
          column: key,
          found: cell(i, key) ?? '',
        }),
      },
      ctx.divisionYear ?? RIVM_DIVISION_YEAR,
    );
  },
};

/** The columns buildRivmBatch reads: the dimensions, the gemeente name and the mapped measures. */
function isRivmColumn(name: string): boolean {
  const stem = keyStem(name);
  return (
    ['WijkenEnBuurten', 'Perioden', 'jaar', 'Leeftijd', 'Marges'].includes(name) ||
    stem === 'Codering' ||
    stem === 'Gemeentenaam' ||
    RIVM_MEASURES[stem] !== undefined
  );
}
