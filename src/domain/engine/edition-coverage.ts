/**
 * How far each loaded source edition reaches on the table's division: the number of gemeenten
 * with a cell of it (a value, or one the source suppressed). The list of loaded data says it, so
 * that an edition of one gemeente (a KWB selection of Heerlen) does not read as a national one.
 */
import { sourceBit, type BuurtTable } from './buurt-table.js';
import { tableMemo } from './table-memo.js';

const memo = tableMemo<ReadonlyMap<string, number>>();

/** Per edition (ColumnSource.edition), the gemeenten of the table with a cell of it. */
export function gemeentenPerEdition(table: BuurtTable): ReadonlyMap<string, number> {
  return memo(table, 'gemeenten-per-edition', () => count(table));
}

function count(table: BuurtTable): Map<string, number> {
  const gemeenten = new Map<string, Set<string>>();
  for (const indicator of table.indicators())
    for (const year of table.years(indicator)) {
      const col = table.get(indicator, year);
      const sources = table.sources(indicator, year);
      if (!col || sources.length === 0) continue;
      for (let row = 0; row < table.size; row++) {
        const mask = col.mask[row]!;
        if (mask === 0) continue;
        for (let j = 0; j < sources.length; j++) {
          if ((mask & sourceBit(j)) === 0) continue;
          const edition = sources[j]!.edition;
          let set = gemeenten.get(edition);
          if (!set) gemeenten.set(edition, (set = new Set()));
          set.add(table.buurten[row]!.gemeente);
        }
      }
    }
  return new Map([...gemeenten].map(([edition, set]) => [edition, set.size]));
}
