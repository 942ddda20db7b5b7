/**
 * Writing values into `area_values` (migration 3): area codes, indicator ids and source columns
 * become integer ids through three dictionary tables, and rows are inserted in primary-key order
 * (division_year, area_id, indicator_id, year), many rows per statement. A national KWB edition
 * has ~560,000 values; in key order an edition appends to its division's range of the B-tree
 * instead of touching every page (docs/benchmarks.md, "KWB national import").
 */
import type Database from 'better-sqlite3';
import { VALUE_DICTIONARIES, IdRows, type DictionaryKind } from '../value-id-rows.js';
import { dropBulkSnapshots } from './bulk-snapshot.js';

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
    const [table, column] = VALUE_DICTIONARIES[kind];
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
