/**
 * Writing values into `area_values` (migration 3): area codes, indicator ids and source columns
 * become integer ids through three dictionary tables, and rows are inserted in primary-key order
 * (division_year, area_id, indicator_id, year), many rows per statement. A national KWB edition
 * has ~560,000 values; in key order an edition appends to its division's range of the B-tree
 * instead of touching every page (docs/benchmarks.md, "KWB national import").
 */
import type Database from 'better-sqlite3';
import { dropBulkSnapshots } from './bulk-snapshot.js';

const DICTIONARIES = {
  area: ['value_areas', 'code'],
  indicator: ['value_indicators', 'indicator'],
  column: ['value_columns', 'source_column'],
} as const;

export type DictionaryKind = keyof typeof DICTIONARIES;

/**
 * The ids of one dictionary, looked up (or added) once per key. Lives for one write only: ids
 * added inside a transaction that rolls back must not be remembered.
 */
export class DictionaryIds {
  private readonly cache = new Map<string, number>();
  private readonly select: Database.Statement;
  private readonly insert: Database.Statement;
  private lastKey: string | undefined;
  private lastId = 0;

  constructor(db: Database.Database, kind: DictionaryKind) {
    const [table, column] = DICTIONARIES[kind];
    this.select = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).pluck();
    this.insert = db.prepare(`INSERT INTO ${table} (${column}) VALUES (?)`);
  }

  /** Resolves keys in sorted order first, so that new ids follow the keys' order. */
  preload(keys: Iterable<string>): void {
    for (const k of [...new Set(keys)].sort()) this.id(k);
  }

  id(key: string): number {
    if (key === this.lastKey) return this.lastId;
    let id = this.cache.get(key);
    if (id === undefined) {
      const found = this.select.get(key) as number | undefined;
      id = found ?? Number(this.insert.run(key).lastInsertRowid);
      this.cache.set(key, id);
    }
    this.lastKey = key;
    this.lastId = id;
    return id;
  }
}

/**
 * Values with their area code, indicator and source column as text, resolved to dictionary ids
 * (each distinct key looked up once) into `IdRows` and written in key order by `write`. Lives for
 * one write, like `DictionaryIds`.
 */
export class CodedValueRows {
  private readonly areas: DictionaryIds;
  private readonly indicators: DictionaryIds;
  private readonly columns: DictionaryIds;
  private readonly rows: IdRows;

  constructor(
    private readonly db: Database.Database,
    capacity: number,
  ) {
    this.areas = new DictionaryIds(db, 'area');
    this.indicators = new DictionaryIds(db, 'indicator');
    this.columns = new DictionaryIds(db, 'column');
    this.rows = new IdRows(capacity);
  }

  /** Resolves area codes and indicators in sorted order first, so that new ids follow it. */
  preload(areaCodes: Iterable<string>, indicators: Iterable<string>): void {
    this.areas.preload(areaCodes);
    this.indicators.preload(indicators);
  }

  push(
    division: number,
    areaCode: string,
    indicator: string,
    year: number,
    value: number | null,
    flags: number,
    edition: number,
    column: string,
    method: string | null,
    from?: number | null,
  ): void {
    this.rows.push(
      division,
      this.areas.id(areaCode),
      this.indicators.id(indicator),
      year,
      value,
      flags,
      edition,
      this.columns.id(column),
      method,
      from,
    );
  }

  write(): void {
    writeIdRows(this.db, this.rows);
  }
}

/** Values as columns of ids, filled by `push`, written by `writeIdRows`. */
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

/** Rows per multi-row INSERT (512 × 10 parameters, below SQLite's limit of 32,766). */
const ROWS_PER_STATEMENT = 512;
const COLUMNS =
  '(division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division)';
const WIDTH = 10;
const ONE = `(${Array<string>(WIDTH).fill('?').join(', ')})`;

/** Inserts (or replaces) the rows in primary-key order, ROWS_PER_STATEMENT per statement. */
export function writeIdRows(db: Database.Database, rows: IdRows): void {
  if (rows.count > 0) dropBulkSnapshots(db); // values change: the engine snapshot is stale
  const order = rows.keyOrder();
  const n = ROWS_PER_STATEMENT;
  const insertOne = db.prepare(`INSERT OR REPLACE INTO area_values ${COLUMNS} VALUES ${ONE}`);
  const insertMany =
    rows.count >= n
      ? db.prepare(
          `INSERT OR REPLACE INTO area_values ${COLUMNS} VALUES ${Array<string>(n).fill(ONE).join(', ')}`,
        )
      : null;
  const params: unknown[] = new Array<unknown>(n * WIDTH);
  const fill = (row: number, p: number): void => {
    params[p] = rows.division[row];
    params[p + 1] = rows.area[row];
    params[p + 2] = rows.indicator[row];
    params[p + 3] = rows.year[row];
    params[p + 4] = rows.isNull[row] ? null : rows.value[row];
    params[p + 5] = rows.flags[row];
    params[p + 6] = rows.edition[row];
    params[p + 7] = rows.column[row];
    params[p + 8] = rows.method[row] ?? null;
    params[p + 9] = rows.from[row] || null;
  };
  let i = 0;
  if (insertMany) {
    for (; i + n <= rows.count; i += n) {
      for (let j = 0; j < n; j++) fill(order[i + j]!, j * WIDTH);
      insertMany.run(params);
    }
  }
  const one: unknown[] = new Array<unknown>(WIDTH);
  for (; i < rows.count; i++) {
    fill(order[i]!, 0);
    for (let k = 0; k < WIDTH; k++) one[k] = params[k];
    insertOne.run(one);
  }
}
