/**
 * Writing values into PostgreSQL's `area_values` (migration 10): area codes, indicators and source
 * columns become integer ids through three dictionary tables (value_areas, value_indicators,
 * value_columns, as SQLite's ../sqlite/value-rows.ts), each distinct key resolved in one statement
 * per dictionary, and the rows go in with binary COPY (pg-copy-binary.ts) in primary-key order
 * (division_year, area_id, indicator_id, year): straight into area_values when the rows' divisions
 * hold no rows yet (or, for a large batch, none of its indicators), else into a temporary staging
 * table merged in one INSERT … ON CONFLICT (the replace semantics of SQLite's INSERT OR REPLACE).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { StringIndex } from '../../core/string-index.js';
import type { ValueColumns } from '../../core/value-columns.js';
import { VALUE_DICTIONARIES, IdRows, type DictionaryKind } from '../value-id-rows.js';
import { DROP_BULK_SNAPSHOTS } from './pg-bulk-snapshot.js';
import { BinaryCopyWriter } from './pg-copy-binary.js';

/**
 * The keys of one dictionary in the order first pushed, numbered from 0 (a local number, until
 * `resolve` gives each its id in the table).
 */
class LocalKeys extends StringIndex {
  /**
   * The table's id of every key by local number, keys the table lacks added first (in bytewise
   * order, so that the ids of a fresh table follow the codes' order): one statement. Needs the
   * store's write lock (no other writer adds keys meanwhile).
   */
  async resolve(client: pg.PoolClient, kind: DictionaryKind): Promise<Uint32Array> {
    const ids = new Uint32Array(this.keys.length);
    if (this.keys.length === 0) return ids;
    const [table, column] = VALUE_DICTIONARIES[kind];
    const { rows } = await client.query<{ id: number; key: string }>(
      `WITH k AS (SELECT unnest($1::text[]) AS key),
         added AS (INSERT INTO ${table} (${column})
                   SELECT key FROM k WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${column} = k.key)
                   ORDER BY key COLLATE "C" RETURNING id, ${column} AS key)
       SELECT id, key FROM added UNION ALL SELECT t.id, t.${column} FROM ${table} t JOIN k ON t.${column} = k.key`,
      [this.keys],
    );
    for (const r of rows) ids[this.numberOf(r.key)!] = r.id;
    return ids;
  }
}

/**
 * Values with their area code, indicator and source column as text, pushed one at a time and
 * written by `write` (ids resolved, rows in key order, the last of a key winning). Lives for one
 * write: ids added inside a transaction that rolls back must not be remembered.
 */
export class PgValueRows {
  private readonly areas = new LocalKeys();
  private readonly indicators = new LocalKeys();
  private readonly columns = new LocalKeys();
  private readonly rows: IdRows;

  constructor(capacity: number) {
    this.rows = new IdRows(capacity);
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
    from: number | null,
  ): void {
    this.rows.push(
      division,
      this.areas.of(areaCode),
      this.indicators.of(indicator),
      year,
      value,
      flags,
      edition,
      this.columns.of(column),
      method,
      from,
    );
  }

  /** Pushes every value of a batch's columns as an original value of `edition`. */
  pushColumns(values: ValueColumns, edition: number): void {
    // each distinct key numbered here once, not once per value
    const areas = Uint32Array.from(values.areaCodes, (k) => this.areas.of(k));
    const indicators = Uint32Array.from(values.indicators, (k) => this.indicators.of(k));
    const columns = Uint32Array.from(values.columns, (k) => this.columns.of(k));
    this.rows.pushOriginals(values, edition, { area: areas, indicator: indicators, column: columns });
  }

  /**
   * Inserts or replaces the rows (a later row with the same key wins, as one statement per row in
   * order would), inside the caller's transaction (COPY runs on its client).
   */
  async write(client: pg.PoolClient): Promise<void> {
    const rows = this.rows;
    if (rows.count === 0) return;
    await client.query(DROP_BULK_SNAPSHOTS); // values change: the engine snapshot is stale
    await truncateWhenEmpty(client);
    const areaIds = await this.areas.resolve(client, 'area');
    const indicatorIds = await this.indicators.resolve(client, 'indicator');
    const columnIds = await this.columns.resolve(client, 'column');
    for (let i = 0; i < rows.count; i++) {
      rows.area[i] = areaIds[rows.area[i]!]!;
      rows.indicator[i] = indicatorIds[rows.indicator[i]!]!;
      rows.column[i] = columnIds[rows.column[i]!]!;
    }
    const order = lastPerKey(rows, rows.keyOrder());
    // Rows of a division that holds none yet (every first import of it) cannot conflict, nor, in a
    // large batch, rows of indicators the division does not hold yet (a second source on the same
    // division): COPY straight into area_values, in key order (the B-tree filled leaf by leaf; any
    // order is correct, only slower). The indicator test scans the division's index entries, which
    // pays only when it spares staging and merging many rows (LARGE_BATCH).
    const divisions = [...new Set(rows.division.subarray(0, rows.count))];
    const indicators = order.length >= LARGE_BATCH ? [...indicatorIds] : null;
    const { rows: held } = await client.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM area_values WHERE division_year = ANY($1::int[])
         AND ($2::int[] IS NULL OR indicator_id = ANY($2::int[]))) AS held`,
      [divisions, indicators],
    );
    if (!held[0]!.held) return copyInto(client, 'area_values', rows, order);
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS staged_values (LIKE area_values INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
       TRUNCATE staged_values`,
    );
    await copyInto(client, 'staged_values', rows, order);
    await client.query(
      `INSERT INTO area_values (${COLUMNS}) SELECT ${COLUMNS} FROM staged_values
       ORDER BY division_year, area_id, indicator_id, year
       ON CONFLICT (division_year, area_id, indicator_id, year) DO UPDATE SET value = EXCLUDED.value,
         flags = EXCLUDED.flags, edition_id = EXCLUDED.edition_id, column_id = EXCLUDED.column_id,
         method = EXCLUDED.method, from_division = EXCLUDED.from_division`,
    );
  }
}

/**
 * A store's first values (area_values empty): the table is truncated first, in the writer's
 * transaction. Its rows then go into new files that PostgreSQL, with `wal_level = minimal`,
 * writes without WAL and syncs at commit ("Populating a Database" in its manual: COPY — and since
 * PostgreSQL 13 any write — into a table created or truncated in the same transaction) — in the
 * four-input import 275 → 62 MB of WAL. With other WAL levels the truncation changes nothing.
 * It holds area_values exclusively until the transaction ends: readers of a store that has no
 * values yet wait for its first import instead of seeing none. Skipped without the privilege.
 */
async function truncateWhenEmpty(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ empty: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM area_values) AND has_table_privilege('area_values', 'TRUNCATE') AS empty`,
  );
  if (rows[0]!.empty) await client.query('TRUNCATE area_values');
}

/** Rows from which a batch is checked per indicator for conflicts (see PgValueRows.write). */
const LARGE_BATCH = 50_000;

const COLUMNS =
  'division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division';

/** Of rows in key order (stable: rows of one key in the order given), the last of each key. */
function lastPerKey(rows: IdRows, order: Uint32Array): Uint32Array {
  const { division, area, indicator, year } = rows;
  const n = order.length;
  const same = (a: number, b: number): boolean =>
    division[a] === division[b] &&
    area[a] === area[b] &&
    indicator[a] === indicator[b] &&
    year[a] === year[b];
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (k + 1 < n && same(i, order[k + 1]!)) continue;
    order[kept++] = i;
  }
  return order.subarray(0, kept);
}

/** The rows in COPY's binary format (pg-copy-binary.ts), in buffers of about 1 MB. */
function* binaryCopy(rows: IdRows, order: Uint32Array): Generator<Buffer> {
  const w = new BinaryCopyWriter();
  for (const i of order) {
    const method = rows.method[i] ?? null;
    w.row(10, 8 * 8 + 12 + BinaryCopyWriter.textBound(method));
    w.int4(rows.division[i]!);
    w.int4(rows.area[i]!);
    w.int4(rows.indicator[i]!);
    w.int4(rows.year[i]!);
    // −0 stored as 0, as the text format's String(−0) did; NaN and ±Infinity as NULL
    const v = rows.value[i]!;
    w.float8(rows.isNull[i] || !Number.isFinite(v) ? null : v === 0 ? 0 : v);
    w.int4(rows.flags[i]!);
    w.int4(rows.edition[i]!);
    w.int4(rows.column[i]!);
    w.text(method);
    w.int4(rows.from[i] || null);
    if (w.full) yield* w.take();
  }
  yield* w.take(true);
}

async function copyInto(
  client: pg.PoolClient,
  table: string,
  rows: IdRows,
  order: Uint32Array,
): Promise<void> {
  await pipeline(
    Readable.from(binaryCopy(rows, order)),
    client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN (FORMAT binary)`)),
  );
}
