/**
 * Which stored (indicator, year) columns a period's results used for a set of buurten, and from
 * which editions: only the components and the nuisance measure that have a value for those
 * buurten, and only the editions that supplied their values (BuurtTable.sourcesAt). So a map of
 * Arnhem cites the editions used for Arnhem, never a provincie-Utrecht table or an Amsterdam file.
 */
import type { ColumnSource } from './buurt-table.js';
import type { PeriodResult, VeerkrachtEngine } from './veerkracht-engine.js';
import { rowPair, type RowYears } from './year-rule.js';

export interface UsedColumn {
  indicator: string;
  year: number;
  /** Component id or nuisance measure id. */
  measure: string;
  /** The buurten (of those asked) whose result used this column. */
  rows: number[];
}

/** Groups rows by the pair of years they compared (rows without a pair left out). */
function byPair(
  rows: readonly number[],
  ry: RowYears,
  include: (i: number) => boolean,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of rows) {
    const pair = rowPair(ry, i);
    if (!pair || !include(i)) continue;
    const key = pair.join('-');
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  }
  return out;
}

/** The columns of the concentration change that the buurten at `rows` used. */
export function concentrationColumns(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  rows: readonly number[],
): UsedColumn[] {
  const out: UsedColumn[] = [];
  for (const cc of r.index.components) {
    const scaled = cc.scaled;
    if (!scaled) continue;
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    for (const [key, using] of byPair(rows, cc.rowYears, (i) => !Number.isNaN(scaled[i]!)))
      for (const y of key.split('-').map(Number))
        out.push({ indicator: engine.index.segmentIndicator(c, y)!, year: y, measure: c.id, rows: using });
  }
  return out;
}

/** The columns of the nuisance change that the buurten at `rows` used (per measure and pair of years). */
export function nuisanceColumns(r: PeriodResult, rows: readonly number[]): UsedColumn[] {
  const out: UsedColumn[] = [];
  r.nuisance.measures.forEach((measure, m) => {
    for (const [key, using] of byPair(rows, r.nuisance.rowYears, (i) => r.nuisance.measure[i] === m))
      for (const y of key.split('-').map(Number))
        out.push({ indicator: measure.indicator, year: y, measure: measure.id, rows: using });
  });
  return out;
}

/** The sources of a column for the buurten that used it. */
export function sourcesOf(engine: VeerkrachtEngine, column: UsedColumn): ColumnSource[] {
  return engine.table.sourcesAt(column.indicator, column.year, column.rows);
}
