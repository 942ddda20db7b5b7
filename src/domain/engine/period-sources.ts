/**
 * Which stored (indicator, year) columns a period's results used for a set of buurten, and from
 * which editions: only the components and the nuisance measure that have a value for those
 * buurten, and only the editions that supplied their values (BuurtTable.sourcesAt). So a map of
 * Arnhem cites the editions used for Arnhem, never a provincie-Utrecht table or an Amsterdam file.
 */
import type { ColumnSource } from './buurt-table.js';
import type { PeriodResult, VeerkrachtEngine } from './veerkracht-engine.js';

export interface UsedColumn {
  indicator: string;
  year: number;
  /** Component id or nuisance measure id. */
  measure: string;
  /** The buurten (of those asked) whose result used this column. */
  rows: number[];
}

/** The columns of the concentration change that the buurten at `rows` used. */
export function concentrationColumns(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  rows: readonly number[],
): UsedColumn[] {
  const out: UsedColumn[] = [];
  for (const cc of r.index.components) {
    if (!cc.years || !cc.scaled) continue;
    const scaled = cc.scaled;
    const using = rows.filter((i) => !Number.isNaN(scaled[i]!));
    if (!using.length) continue;
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    for (const y of cc.years)
      out.push({ indicator: engine.index.segmentIndicator(c, y)!, year: y, measure: c.id, rows: using });
  }
  return out;
}

/** The columns of the nuisance change that the buurten at `rows` used (per measure they use). */
export function nuisanceColumns(r: PeriodResult, rows: readonly number[]): UsedColumn[] {
  const byMeasure = new Map<number, number[]>();
  for (const i of rows) {
    const m = r.nuisance.measure[i]!;
    if (m < 0) continue;
    const list = byMeasure.get(m);
    if (list) list.push(i);
    else byMeasure.set(m, [i]);
  }
  const out: UsedColumn[] = [];
  for (const [m, using] of [...byMeasure].sort((a, b) => a[0] - b[0])) {
    const ys = r.nuisance.years[m];
    if (!ys) continue;
    const measure = r.nuisance.measures[m]!;
    for (const y of ys) out.push({ indicator: measure.indicator, year: y, measure: measure.id, rows: using });
  }
  return out;
}

/** The sources of a column for the buurten that used it. */
export function sourcesOf(engine: VeerkrachtEngine, column: UsedColumn): ColumnSource[] {
  return engine.table.sourcesAt(column.indicator, column.year, column.rows);
}
