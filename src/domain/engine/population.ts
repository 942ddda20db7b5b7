/**
 * Inhabitants per buurt for weights and minimum-population checks. The population of a buurt
 * in year t is its `inhabitants` value of year t, else of the nearest year with a value
 * (earlier year on ties). Population changes slowly, so a nearby year is a fair weight; the
 * engine never uses this for a rate's denominator without flagging it.
 */
import type { BuurtTable } from './buurt-table.js';

export class PopulationIndex {
  private readonly cache = new Map<number, Float64Array>();
  constructor(private readonly table: BuurtTable) {}

  /** Inhabitants per row for `year` (NaN when the buurt has no inhabitants in any year). */
  at(year: number): Float64Array {
    let col = this.cache.get(year);
    if (!col) {
      col = this.compute(year);
      this.cache.set(year, col);
    }
    return col;
  }

  private compute(year: number): Float64Array {
    const years = [...this.table.years('inhabitants')].sort(
      (a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b,
    );
    const out = new Float64Array(this.table.size).fill(NaN);
    let missing = this.table.size;
    for (const y of years) {
      const col = this.table.get('inhabitants', y)!;
      for (let i = 0; i < out.length; i++) {
        if (Number.isNaN(out[i]!) && !Number.isNaN(col.values[i]!)) {
          out[i] = col.values[i]!;
          missing--;
        }
      }
      if (missing === 0) break;
    }
    return out;
  }
}
