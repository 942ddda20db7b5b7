/**
 * Inhabitants per buurt for weights and minimum-population checks. The population of a buurt
 * in year t is its `inhabitants` value of year t, else of the nearest year with a value
 * (earlier year on ties). Population changes slowly, so a nearby year is a fair weight; the
 * engine never uses this for a rate's denominator without flagging it.
 */
import type { BuurtTable } from './buurt-table.js';

export class PopulationIndex {
  private readonly cache = new Map<number, { values: Float64Array; years: Uint16Array }>();
  constructor(private readonly table: BuurtTable) {}

  /** Inhabitants per row for `year` (NaN when the buurt has no inhabitants in any year). */
  at(year: number): Float64Array {
    return this.get(year).values;
  }

  /** Per row, the year whose inhabitants `at(year)` took (0 when unknown). */
  yearsAt(year: number): Uint16Array {
    return this.get(year).years;
  }

  private get(year: number): { values: Float64Array; years: Uint16Array } {
    let hit = this.cache.get(year);
    if (!hit) {
      hit = this.compute(year);
      this.cache.set(year, hit);
    }
    return hit;
  }

  private compute(year: number): { values: Float64Array; years: Uint16Array } {
    const order = [...this.table.years('inhabitants')].sort(
      (a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b,
    );
    const values = new Float64Array(this.table.size).fill(NaN);
    const years = new Uint16Array(this.table.size);
    let missing = this.table.size;
    for (const y of order) {
      const col = this.table.get('inhabitants', y)!;
      for (let i = 0; i < values.length; i++) {
        if (Number.isNaN(values[i]!) && !Number.isNaN(col.values[i]!)) {
          values[i] = col.values[i]!;
          years[i] = y;
          missing--;
        }
      }
      if (missing === 0) break;
    }
    return { values, years };
  }
}
