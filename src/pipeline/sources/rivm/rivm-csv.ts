/**
 * 50090NED as the CBS "untyped dataset" CSV (StatLine/OData column keys as header, values
 * right-aligned with spaces, e.g. `    76.1`), optionally with extra columns (`jaar`,
 * `leeftijdsgroep`). Division year 2020 (`--division` overrides). See rivm-rows.ts.
 */
import { hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvRows } from '../../csv-table.js';
import type { SourceParser } from '../../source-parser.js';
import { keyStem } from '../../odata-json.js';
import { RIVM_ADULTS, RIVM_DIVISION_YEAR, RIVM_MEASURES } from './rivm-measures.js';
import { startRivmBatch, type RivmBatchBuilder, type RivmRow } from './rivm-rows.js';

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
    // and of the rows of other age groups (≈ 60 %), which the batch skips, only Leeftijd and Marges;
    // each row is turned into values as it is read, and is garbage after that
    let builder: RivmBatchBuilder | undefined;
    let columnOf = new Map<string, number>();
    let cells: readonly string[] = [];
    let line = 0;
    let index = 0;
    const cell = (key: string): string | undefined => cells[columnOf.get(key) ?? -1];
    const row: RivmRow = {
      get: cell,
      where: (key) => ({ file: file.name, line, row: index + 1, column: key, found: cell(key) ?? '' }),
    };
    const read = readCsvRows(
      file,
      {
        keepColumn: isRivmColumn,
        keepRows: {
          column: 'Leeftijd',
          read: (value) => value.trim() === RIVM_ADULTS,
          alsoKeep: (name) => name === 'Marges',
        },
      },
      {
        header(keys) {
          columnOf = new Map(keys.map((h, c) => [h, c] as const));
          builder = startRivmBatch(
            { file: file.name, checksum: file.checksum, keys },
            ctx.divisionYear ?? RIVM_DIVISION_YEAR,
          );
        },
        row(rowCells, i, rowLine) {
          cells = rowCells;
          line = rowLine;
          index = i;
          builder!.addRow(i, row);
        },
      },
    );
    cells = [];
    return builder!.finish(read.rowCount);
  },
};

/** The columns the batch reads: the dimensions, the gemeente name and the mapped measures. */
function isRivmColumn(name: string): boolean {
  const stem = keyStem(name);
  return (
    ['WijkenEnBuurten', 'Perioden', 'jaar', 'Leeftijd', 'Marges'].includes(name) ||
    stem === 'Codering' ||
    stem === 'Gemeentenaam' ||
    RIVM_MEASURES[stem] !== undefined
  );
}
