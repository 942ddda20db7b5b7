/**
 * Values as columns of dictionary ids, in `area_values`' primary-key order when asked: what both
 * stores write (sqlite/value-rows.ts, postgres/pg-value-rows.ts). Area codes, indicators and
 * source columns are ids over the three dictionaries below (SQLite's migration 3, PostgreSQL's 10).
 */
import { grownArray } from '../core/grown-array.js';
import type { ValueColumns } from '../core/value-columns.js';

/** The three dictionaries of area_values' ids (SQLite migration 3, PostgreSQL migration 10): table and text column. */
export const VALUE_DICTIONARIES = {
  area: ['value_areas', 'code'],
  indicator: ['value_indicators', 'indicator'],
  column: ['value_columns', 'source_column'],
} as const;

export type DictionaryKind = keyof typeof VALUE_DICTIONARIES;

/** Values as columns of ids, filled by `push`; written by SQLite's `writeIdRows` or PostgreSQL's binary COPY. */
export class IdRows {
  count = 0;
  division: Uint16Array;
  area: Uint32Array;
  indicator: Uint32Array;
  year: Uint16Array;
  value: Float64Array;
  isNull: Uint8Array;
  flags: Uint32Array;
  edition: Uint32Array;
  column: Uint32Array;
  method: (string | null)[] = [];
  /** Division a harmonised value was carried from; 0 = none (an original value). */
  from: Uint16Array;

  constructor(capacity: number) {
    this.division = new Uint16Array(capacity);
    this.area = new Uint32Array(capacity);
    this.indicator = new Uint32Array(capacity);
    this.year = new Uint16Array(capacity);
    this.value = new Float64Array(capacity);
    this.isNull = new Uint8Array(capacity);
    this.flags = new Uint32Array(capacity);
    this.edition = new Uint32Array(capacity);
    this.column = new Uint32Array(capacity);
    this.from = new Uint16Array(capacity);
  }

  /** Makes room for `more` rows after the `count` there are (at least doubling); returns this. */
  reserve(more: number): this {
    const need = this.count + more;
    if (need <= this.area.length) return this;
    const n = Math.max(need, this.area.length * 2, 1024);
    this.division = grownArray(this.division, n);
    this.area = grownArray(this.area, n);
    this.indicator = grownArray(this.indicator, n);
    this.year = grownArray(this.year, n);
    this.value = grownArray(this.value, n);
    this.isNull = grownArray(this.isNull, n);
    this.flags = grownArray(this.flags, n);
    this.edition = grownArray(this.edition, n);
    this.column = grownArray(this.column, n);
    this.from = grownArray(this.from, n);
    return this;
  }

  /**
   * Appends every value of a batch's columns as an original value of `edition`, with the ids of
   * its distinct area codes, indicators and columns given by their numbers in `values`.
   */
  pushOriginals(
    values: ValueColumns,
    edition: number,
    ids: { area: Uint32Array; indicator: Uint32Array; column: Uint32Array },
  ): void {
    this.reserve(values.length);
    for (let i = 0; i < values.length; i++)
      this.push(
        values.divisionYear(i),
        ids.area[values.areaCodeNumber(i)]!,
        ids.indicator[values.indicatorNumber(i)]!,
        values.year(i),
        values.value(i),
        values.flags(i),
        edition,
        ids.column[values.columnNumber(i)]!,
        null,
      );
  }

  push(
    division: number,
    area: number,
    indicator: number,
    year: number,
    value: number | null,
    flags: number,
    edition: number,
    column: number,
    method: string | null,
    from: number | null = null,
  ): void {
    const i = this.count++;
    this.division[i] = division;
    this.area[i] = area;
    this.indicator[i] = indicator;
    this.year[i] = year;
    this.value[i] = value ?? 0;
    this.isNull[i] = value === null ? 1 : 0;
    this.flags[i] = flags;
    this.edition[i] = edition;
    this.column[i] = column;
    this.method[i] = method;
    this.from[i] = from ?? 0;
  }

  /** Row indices in primary-key order; stable, so of two rows with the same key the later one wins. */
  keyOrder(): Uint32Array {
    const n = this.count;
    const { division, area, indicator, year } = this;
    const order = new Uint32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (sorted && i > 0 && compare(i - 1, i) > 0) sorted = false;
    }
    if (!sorted && !this.packedOrder(order)) {
      // a plain array sorts faster than a typed array with a comparator
      const idx = Array.from(order);
      idx.sort((a, b) => compare(a, b) || a - b);
      order.set(idx);
    }
    return order;

    function compare(a: number, b: number): number {
      return (
        division[a]! - division[b]! ||
        area[a]! - area[b]! ||
        indicator[a]! - indicator[b]! ||
        year[a]! - year[b]!
      );
    }
  }

  /**
   * Fills `order` by sorting one number per row: the rank of its division, area, indicator and
   * year among this batch's distinct values, then the row index (so equal keys keep their order),
   * packed into the 53 bits of a double and sorted natively. False when they do not fit.
   */
  private packedOrder(order: Uint32Array): boolean {
    const n = this.count;
    const parts = [this.division, this.area, this.indicator, this.year].map((col) => ranks(col, n));
    const indexBits = bitsFor(n);
    if (parts.reduce((s, p) => s + p.bits, indexBits) > 53) return false;
    const keys = new Float64Array(n);
    const [d, a, ind, y] = parts as [Ranks, Ranks, Ranks, Ranks];
    const [da, ai, iy, yi] = [2 ** a.bits, 2 ** ind.bits, 2 ** y.bits, 2 ** indexBits];
    for (let i = 0; i < n; i++) {
      keys[i] =
        (((d.rank[this.division[i]!]! * da + a.rank[this.area[i]!]!) * ai + ind.rank[this.indicator[i]!]!) *
          iy +
          y.rank[this.year[i]!]!) *
          yi +
        i;
    }
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i]! % yi;
    return true;
  }
}

interface Ranks {
  rank: Int32Array;
  bits: number;
}

/** The rank of every value of a column among its distinct values (a lookup table by value). */
function ranks(col: Uint16Array | Uint32Array, n: number): Ranks {
  let max = 0;
  for (let i = 0; i < n; i++) if (col[i]! > max) max = col[i]!;
  const rank = new Int32Array(max + 1);
  for (let i = 0; i < n; i++) rank[col[i]!] = 1;
  let distinct = 0;
  for (let v = 0; v <= max; v++) if (rank[v]) rank[v] = distinct++;
  return { rank, bits: bitsFor(distinct) };
}

function bitsFor(count: number): number {
  return count <= 1 ? 0 : Math.ceil(Math.log2(count));
}
