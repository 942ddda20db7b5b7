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
import { ChunkedInsert } from './chunked-insert.js';

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
/** The parameters of a row of an original value whose division and edition are in the statement. */
const ORIGINAL_WIDTH = 6;

/**
 * Inserts (or replaces) the rows in primary-key order, ROWS_PER_STATEMENT per statement. Original
 * values (no method, not carried) of one division and source edition — nearly all rows of a
 * file's batch — go through a statement that has the division and edition as literals and NULL
 * method and from_division, binding 6 parameters per row instead of 10 (the binding was a quarter
 * of the insert's time: docs/benchmarks.md, "Value rows with their constants in the statement").
 */
export function writeIdRows(db: Database.Database, rows: IdRows): void {
  if (rows.count > 0) dropBulkSnapshots(db); // values change: the engine snapshot is stale
  const order = rows.keyOrder();
  const general = new GeneralRows(db, rows);
  const originals = new OriginalRows(db, rows);
  let i = 0;
  while (i < rows.count) {
    const first = order[i]!;
    if (!isOriginal(rows, first)) {
      general.add(first);
      i++;
      continue;
    }
    // a run of originals with this row's division and edition
    let end = i + 1;
    while (end < rows.count && sameOriginalRun(rows, first, order[end]!)) end++;
    i = originals.write(order, i, end, general);
  }
  general.flush();
}

function isOriginal(rows: IdRows, r: number): boolean {
  return rows.method[r] == null && rows.from[r] === 0;
}

function sameOriginalRun(rows: IdRows, first: number, r: number): boolean {
  return (
    rows.division[r] === rows.division[first] &&
    rows.edition[r] === rows.edition[first] &&
    isOriginal(rows, r)
  );
}

/** Rows with all ten columns bound, ROWS_PER_STATEMENT at a time (in the order added). */
class GeneralRows {
  private readonly insert: ChunkedInsert;

  constructor(
    db: Database.Database,
    private readonly rows: IdRows,
  ) {
    this.insert = new ChunkedInsert(
      db,
      ROWS_PER_STATEMENT,
      `INSERT OR REPLACE INTO area_values ${COLUMNS} VALUES`,
      WIDTH,
    );
  }

  add(r: number): void {
    const { rows } = this;
    this.insert.add(
      rows.division[r],
      rows.area[r],
      rows.indicator[r],
      rows.year[r],
      rows.isNull[r] ? null : rows.value[r],
      rows.flags[r],
      rows.edition[r],
      rows.column[r],
      rows.method[r] ?? null,
      rows.from[r] || null,
    );
  }

  /** Writes what is pending, one statement per row. */
  flush(): void {
    this.insert.flush();
  }
}

/** Original values of one division and edition, with those two as literals in the statement. */
class OriginalRows {
  private readonly params = new Array<unknown>(ROWS_PER_STATEMENT * ORIGINAL_WIDTH);
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly rows: IdRows,
  ) {}

  /**
   * Writes order[from, end) (one run) in full statements; the rest of the run (fewer than
   * ROWS_PER_STATEMENT rows) goes to `general`, in order. Returns `end`.
   */
  write(order: Uint32Array, from: number, end: number, general: GeneralRows): number {
    const { rows, params } = this;
    let i = from;
    if (end - i >= ROWS_PER_STATEMENT) {
      general.flush(); // key order: what came before goes first
      const statement = this.statement(rows.division[order[i]!]!, rows.edition[order[i]!]!);
      for (; i + ROWS_PER_STATEMENT <= end; i += ROWS_PER_STATEMENT) {
        for (let j = 0; j < ROWS_PER_STATEMENT; j++) {
          const r = order[i + j]!;
          const p = j * ORIGINAL_WIDTH;
          params[p] = rows.area[r];
          params[p + 1] = rows.indicator[r];
          params[p + 2] = rows.year[r];
          params[p + 3] = rows.isNull[r] ? null : rows.value[r];
          params[p + 4] = rows.flags[r];
          params[p + 5] = rows.column[r];
        }
        statement.run(params);
      }
    }
    for (; i < end; i++) general.add(order[i]!);
    return end;
  }

  private statement(division: number, edition: number): Database.Statement {
    // integers from typed arrays: safe as literals
    const key = `${division}|${edition}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const row = `(${division}, ?, ?, ?, ?, ?, ${edition}, ?, NULL, NULL)`;
      statement = this.db.prepare(
        `INSERT OR REPLACE INTO area_values ${COLUMNS} VALUES ${Array<string>(ROWS_PER_STATEMENT).fill(row).join(', ')}`,
      );
      this.statements.set(key, statement);
    }
    return statement;
  }
}
