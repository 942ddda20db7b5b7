/**
 * A file's parsed values as columns (decision 007, item 1): typed arrays for the numbers and one
 * string table per text field (area code, indicator, source column), so that half a million values
 * are a handful of arrays instead of half a million objects the garbage collector copies until they
 * are written, and a writer resolves each distinct code, indicator and column once. Values cross
 * to and from the parse worker as these arrays, transferred without a copy (batch-transport.ts).
 *
 * Parsers append with `add` (or `push` of a ParsedValue); readers take fields by index or iterate
 * ParsedValue objects made on the fly (for code that is not on the import's hot path).
 */
import { grownArray } from './grown-array.js';
import type { ParsedValue } from './records.js';
import { StringIndex } from './string-index.js';

const NO_LINE = -1;

/** The columns' arrays, as they cross threads (batch-transport.ts). */
export interface ValueColumnArrays {
  count: number;
  areaCodes: string[];
  indicators: string[];
  columns: string[];
  areaCode: Uint32Array;
  indicator: Uint32Array;
  column: Uint32Array;
  year: Int32Array;
  value: Float64Array;
  isNull: Uint8Array;
  flags: Int32Array;
  divisionYear: Int32Array;
  /** -1: the value has no line. */
  line: Int32Array;
}

export class ValueColumns implements Iterable<ParsedValue> {
  private n = 0;
  private readonly areaCodeIndex: StringIndex;
  private readonly indicatorIndex: StringIndex;
  private readonly columnIndex: StringIndex;
  private areaCodeOf: Uint32Array;
  private indicatorOf: Uint32Array;
  private columnOf: Uint32Array;
  private yearOf: Int32Array;
  private valueOf: Float64Array;
  private isNullOf: Uint8Array;
  private flagsOf: Int32Array;
  private divisionYearOf: Int32Array;
  private lineOf: Int32Array;

  constructor(capacity = 1024) {
    const n = Math.max(capacity, 16);
    this.areaCodeIndex = new StringIndex();
    this.indicatorIndex = new StringIndex();
    this.columnIndex = new StringIndex();
    this.areaCodeOf = new Uint32Array(n);
    this.indicatorOf = new Uint32Array(n);
    this.columnOf = new Uint32Array(n);
    this.yearOf = new Int32Array(n);
    this.valueOf = new Float64Array(n);
    this.isNullOf = new Uint8Array(n);
    this.flagsOf = new Int32Array(n);
    this.divisionYearOf = new Int32Array(n);
    this.lineOf = new Int32Array(n);
  }

  static from(values: Iterable<ParsedValue>): ValueColumns {
    const out = new ValueColumns(Array.isArray(values) ? values.length : 1024);
    for (const v of values) out.push(v);
    return out;
  }

  /** Columns over arrays received from another thread (no copy). */
  static fromArrays(a: ValueColumnArrays): ValueColumns {
    const out = new ValueColumns(16);
    out.n = a.count;
    for (const s of a.areaCodes) out.areaCodeIndex.of(s);
    for (const s of a.indicators) out.indicatorIndex.of(s);
    for (const s of a.columns) out.columnIndex.of(s);
    out.areaCodeOf = a.areaCode;
    out.indicatorOf = a.indicator;
    out.columnOf = a.column;
    out.yearOf = a.year;
    out.valueOf = a.value;
    out.isNullOf = a.isNull;
    out.flagsOf = a.flags;
    out.divisionYearOf = a.divisionYear;
    out.lineOf = a.line;
    return out;
  }

  get length(): number {
    return this.n;
  }

  /** Appends one value; `line` is the source file's line, where the parser keeps it. */
  add(
    areaCode: string,
    year: number,
    indicator: string,
    value: number | null,
    flags: number,
    column: string,
    divisionYear: number,
    line?: number,
  ): void {
    if (this.n === this.yearOf.length) this.grow();
    const i = this.n++;
    this.areaCodeOf[i] = this.areaCodeIndex.of(areaCode);
    this.indicatorOf[i] = this.indicatorIndex.of(indicator);
    this.columnOf[i] = this.columnIndex.of(column);
    this.yearOf[i] = year;
    if (value === null) this.isNullOf[i] = 1;
    else this.valueOf[i] = value;
    this.flagsOf[i] = flags;
    this.divisionYearOf[i] = divisionYear;
    this.lineOf[i] = line ?? NO_LINE;
  }

  push(...values: ParsedValue[]): number {
    for (const v of values)
      this.add(v.areaCode, v.year, v.indicator, v.value, v.flags, v.column, v.divisionYear, v.line);
    return this.n;
  }

  areaCode(i: number): string {
    return this.areaCodeIndex.keys[this.areaCodeOf[i]!]!;
  }
  indicator(i: number): string {
    return this.indicatorIndex.keys[this.indicatorOf[i]!]!;
  }
  column(i: number): string {
    return this.columnIndex.keys[this.columnOf[i]!]!;
  }
  year(i: number): number {
    return this.yearOf[i]!;
  }
  value(i: number): number | null {
    return this.isNullOf[i] ? null : this.valueOf[i]!;
  }
  flags(i: number): number {
    return this.flagsOf[i]!;
  }
  divisionYear(i: number): number {
    return this.divisionYearOf[i]!;
  }
  line(i: number): number | undefined {
    const line = this.lineOf[i]!;
    return line === NO_LINE ? undefined : line;
  }

  /** Number of value i's area code in `areaCodes` (the distinct codes, in order of first use). */
  areaCodeNumber(i: number): number {
    return this.areaCodeOf[i]!;
  }
  indicatorNumber(i: number): number {
    return this.indicatorOf[i]!;
  }
  columnNumber(i: number): number {
    return this.columnOf[i]!;
  }
  /** The distinct area codes; `areaCodeNumber(i)` indexes them. */
  get areaCodes(): readonly string[] {
    return this.areaCodeIndex.keys;
  }
  get indicators(): readonly string[] {
    return this.indicatorIndex.keys;
  }
  get columns(): readonly string[] {
    return this.columnIndex.keys;
  }

  /** Value i as an object (made on the fly). */
  at(i: number): ParsedValue {
    const v: ParsedValue = {
      areaCode: this.areaCode(i),
      year: this.yearOf[i]!,
      indicator: this.indicator(i),
      value: this.value(i),
      flags: this.flagsOf[i]!,
      column: this.column(i),
      divisionYear: this.divisionYearOf[i]!,
    };
    const line = this.lineOf[i]!;
    if (line !== NO_LINE) v.line = line;
    return v;
  }

  *[Symbol.iterator](): Iterator<ParsedValue> {
    for (let i = 0; i < this.n; i++) yield this.at(i);
  }

  toArray(): ParsedValue[] {
    return [...this];
  }

  /**
   * The values whose index passes `keep`, as new columns. Their string tables hold only the strings
   * kept values use, numbered in order of first use, as columns built from the kept values alone.
   */
  filter(keep: (i: number) => boolean): ValueColumns {
    const kept: number[] = [];
    for (let i = 0; i < this.n; i++) if (keep(i)) kept.push(i);
    const out = new ValueColumns(kept.length);
    out.n = kept.length;
    const remap = (from: StringIndex, to: StringIndex, numbers: Uint32Array, target: Uint32Array): void => {
      const number = new Int32Array(from.keys.length).fill(-1);
      kept.forEach((i, j) => {
        const k = numbers[i]!;
        if (number[k]! < 0) number[k] = to.of(from.keys[k]!);
        target[j] = number[k]!;
      });
    };
    remap(this.areaCodeIndex, out.areaCodeIndex, this.areaCodeOf, out.areaCodeOf);
    remap(this.indicatorIndex, out.indicatorIndex, this.indicatorOf, out.indicatorOf);
    remap(this.columnIndex, out.columnIndex, this.columnOf, out.columnOf);
    kept.forEach((i, j) => {
      out.yearOf[j] = this.yearOf[i]!;
      out.valueOf[j] = this.valueOf[i]!;
      out.isNullOf[j] = this.isNullOf[i]!;
      out.flagsOf[j] = this.flagsOf[i]!;
      out.divisionYearOf[j] = this.divisionYearOf[i]!;
      out.lineOf[j] = this.lineOf[i]!;
    });
    return out;
  }

  /** The arrays trimmed to the values there are, for another thread (their buffers may be transferred). */
  toArrays(): ValueColumnArrays {
    const n = this.n;
    return {
      count: n,
      areaCodes: this.areaCodeIndex.keys,
      indicators: this.indicatorIndex.keys,
      columns: this.columnIndex.keys,
      areaCode: this.areaCodeOf.slice(0, n),
      indicator: this.indicatorOf.slice(0, n),
      column: this.columnOf.slice(0, n),
      year: this.yearOf.slice(0, n),
      value: this.valueOf.slice(0, n),
      isNull: this.isNullOf.slice(0, n),
      flags: this.flagsOf.slice(0, n),
      divisionYear: this.divisionYearOf.slice(0, n),
      line: this.lineOf.slice(0, n),
    };
  }

  private grow(): void {
    const n = Math.max(16, this.yearOf.length * 2);
    this.areaCodeOf = grownArray(this.areaCodeOf, n);
    this.indicatorOf = grownArray(this.indicatorOf, n);
    this.columnOf = grownArray(this.columnOf, n);
    this.yearOf = grownArray(this.yearOf, n);
    this.valueOf = grownArray(this.valueOf, n);
    this.isNullOf = grownArray(this.isNullOf, n);
    this.flagsOf = grownArray(this.flagsOf, n);
    this.divisionYearOf = grownArray(this.divisionYearOf, n);
    this.lineOf = grownArray(this.lineOf, n);
  }
}
