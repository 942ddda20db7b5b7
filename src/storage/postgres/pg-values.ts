/**
 * Values on PostgreSQL (`area_values`, key (division_year, area_code, indicator, year)): written
 * with binary COPY (pg-copy-binary.ts) in key order, straight into area_values when the batch's
 * divisions hold no rows yet (or, for a large batch, none of its indicators), else into a
 * temporary staging table merged in one INSERT … ON CONFLICT (the replace semantics of SQLite's
 * INSERT OR REPLACE); read by query; and the harmonisation statements (copy by code, clear).
 * The engine's bulk read is pg-bulk-read.ts.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { VALUE_FLAGS } from '../../core/records.js';
import type { ValueQuery, ValueRow } from '../store.js';
import { DROP_BULK_SNAPSHOTS } from './pg-bulk-snapshot.js';
import { BinaryCopyWriter } from './pg-copy-binary.js';
import type { PgConnection } from './pg-connection.js';

/** One row of area_values to write. */
export interface ValueWrite {
  divisionYear: number;
  areaCode: string;
  indicator: string;
  year: number;
  value: number | null;
  flags: number;
  editionId: number;
  sourceColumn: string;
  method: string | null;
  fromDivision: number | null;
}

const COLUMNS =
  'division_year, area_code, indicator, year, value, flags, edition_id, source_column, method, from_division';

/** Orders value rows by key: division, code, indicator, year (code-unit order is COLLATE "C"). */
function byKey(a: ValueWrite, b: ValueWrite): number {
  return (
    a.divisionYear - b.divisionYear ||
    (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0) ||
    (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0) ||
    a.year - b.year
  );
}

/**
 * The rows in key order, one per key: the last given (as one statement per row in order would
 * leave). A stable sort keeps rows with the same key in the order given; input already in key
 * order (most batches nearly are) is not copied.
 */
function lastPerKeyInKeyOrder(rows: readonly ValueWrite[]): readonly ValueWrite[] {
  let ordered = true;
  for (let i = 1; i < rows.length && ordered; i++) ordered = byKey(rows[i - 1]!, rows[i]!) < 0;
  if (ordered) return rows; // strictly increasing: no key twice
  const sorted = [...rows].sort(byKey);
  return sorted.filter((r, i) => i === sorted.length - 1 || byKey(r, sorted[i + 1]!) !== 0);
}

/** The rows in COPY's binary format (pg-copy-binary.ts), in buffers of about 1 MB. */
function* binaryCopy(rows: readonly ValueWrite[]): Generator<Buffer> {
  const w = new BinaryCopyWriter();
  for (const r of rows) {
    const t = BinaryCopyWriter.textBound;
    w.row(10, 5 * 8 + 12 + t(r.areaCode) + t(r.indicator) + t(r.sourceColumn) + t(r.method));
    w.int4(r.divisionYear);
    w.text(r.areaCode);
    w.text(r.indicator);
    w.int4(r.year);
    // −0 stored as 0, as the text format's String(−0) did; NaN and ±Infinity as NULL
    w.float8(r.value === null || !Number.isFinite(r.value) ? null : r.value === 0 ? 0 : r.value);
    w.int4(r.flags);
    w.int4(r.editionId);
    w.text(r.sourceColumn);
    w.text(r.method);
    w.int4(r.fromDivision);
    if (w.full) yield* w.take();
  }
  yield* w.take(true);
}

async function copyInto(client: pg.PoolClient, table: string, rows: readonly ValueWrite[]): Promise<void> {
  await pipeline(
    Readable.from(binaryCopy(rows)),
    client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN (FORMAT binary)`)),
  );
}

/** Rows from which a batch is checked per indicator for conflicts (see writeValueRows). */
const LARGE_BATCH = 50_000;

/**
 * Inserts or replaces value rows (a later row with the same key wins, as one statement per row in
 * order would). Needs the transaction's client (COPY).
 */
export async function writeValueRows(client: pg.PoolClient, rows: readonly ValueWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const sorted = lastPerKeyInKeyOrder(rows);
  await client.query(DROP_BULK_SNAPSHOTS); // values change: the engine snapshot is stale
  // Rows of a division that holds none yet (every first import of it) cannot conflict, nor, in a
  // large batch, rows of indicators the division does not hold yet (a second source on the same
  // division): COPY straight into area_values, in key order (the B-tree filled leaf by leaf; any
  // order is correct, only slower). The indicator test scans the division's index entries, which
  // pays only when it spares staging and merging many rows (LARGE_BATCH).
  const divisions = [...new Set(sorted.map((r) => r.divisionYear))];
  const indicators = sorted.length >= LARGE_BATCH ? [...new Set(sorted.map((r) => r.indicator))] : null;
  const { rows: held } = await client.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM area_values WHERE division_year = ANY($1::int[])
       AND ($2::text[] IS NULL OR indicator = ANY($2::text[]))) AS held`,
    [divisions, indicators],
  );
  if (!held[0]!.held) return copyInto(client, 'area_values', sorted);
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS staged_values (LIKE area_values INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;
     TRUNCATE staged_values`,
  );
  await copyInto(client, 'staged_values', sorted);
  await client.query(
    `INSERT INTO area_values (${COLUMNS}) SELECT ${COLUMNS} FROM staged_values
     ORDER BY division_year, area_code, indicator, year
     ON CONFLICT (division_year, area_code, indicator, year) DO UPDATE SET value = EXCLUDED.value,
       flags = EXCLUDED.flags, edition_id = EXCLUDED.edition_id, source_column = EXCLUDED.source_column,
       method = EXCLUDED.method, from_division = EXCLUDED.from_division`,
  );
}

interface ValueSql {
  area_code: string;
  division_year: number;
  indicator: string;
  year: number;
  value: number | null;
  flags: number;
  source_column: string;
  method: string | null;
  from_division: number | null;
  edition: string;
  table_id: string | null;
}

/** Values matching the query, ordered by code, division, indicator and year. */
export async function queryValues(conn: PgConnection, q: ValueQuery): Promise<ValueRow[]> {
  if (q.codes?.length === 0 || q.indicators?.length === 0 || q.years?.length === 0) return [];
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown): string => `$${params.push(v)}`;
  if (q.divisionYear !== undefined) where.push(`v.division_year = ${param(q.divisionYear)}`);
  if (q.codes) where.push(`v.area_code = ANY(${param([...new Set(q.codes)])}::text[])`);
  if (q.gemeente)
    where.push(
      `(v.area_code = ${param(q.gemeente)} OR substr(v.area_code, 3, 4) = ${param(q.gemeente.slice(2))})`,
    );
  if (q.indicators) where.push(`v.indicator = ANY(${param([...q.indicators])}::text[])`);
  if (q.years) where.push(`v.year = ANY(${param([...q.years])}::int[])`);
  const rows = await conn.rows<ValueSql>(
    `SELECT v.area_code, v.division_year, v.indicator, v.year, v.value, v.flags, v.source_column, v.method,
       v.from_division, e.edition, e.table_id
     FROM area_values v JOIN editions e ON e.id = v.edition_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY v.area_code, v.division_year, v.indicator, v.year`,
    params,
  );
  return rows.map((r) => ({
    areaCode: r.area_code,
    divisionYear: r.division_year,
    indicator: r.indicator,
    year: r.year,
    value: r.value,
    flags: r.flags,
    edition: r.edition,
    table: r.table_id,
    sourceColumn: r.source_column,
    method: r.method,
    fromDivision: r.from_division,
  }));
}

export interface CopyByCodeQuery {
  fromDivision: number;
  toDivision: number;
  codes: readonly string[];
  method: string;
  keepFrom?: readonly number[];
}

/**
 * Store.copyValuesByCode, atomic on the caller's transaction (`conn` must carry one: PgStore wraps
 * it), as two statements instead of one INSERT … ON CONFLICT DO UPDATE, which made every row a
 * speculative insertion (an index probe before and a confirmation after the heap insert) and was
 * the slowest statement of an import (EXPLAIN ANALYZE in docs/benchmarks.md, "PostgreSQL import,
 * session 3"):
 *   1. delete the copies this run replaces: harmonised target rows carried from a division not in
 *      keepFrom that a source row has the key of (what the upsert would have updated), among the
 *      indicators such rows have (none when the first division is carried onto a fresh
 *      reference: no join; only source rows of those indicators are joined otherwise);
 *   2. insert the copies where the target has no row left with the key (the rows left are
 *      originals and values carried from a nearer division: never replaced) — a plain insert.
 * The count is that of step 2: new rows plus replaced ones, as the upsert's was. The sorts (merge
 * anti-join, key order for the B-tree) get work_mem for the statement (SORT_MEMORY).
 */
export async function copyValuesByCode(conn: PgConnection, q: CopyByCodeQuery): Promise<number> {
  if (q.codes.length === 0) return 0;
  const h = VALUE_FLAGS.harmonised;
  const codes = [...new Set(q.codes)];
  const keepFrom = (q.keepFrom ?? []).filter((y) => Number.isInteger(y));
  await conn.changes(DROP_BULK_SNAPSHOTS);
  return withSortMemory(conn, async () => {
    const [{ indicators }] = (await conn.rows<{ indicators: string[] | null }>(
      `SELECT array_agg(DISTINCT indicator) AS indicators FROM area_values
       WHERE division_year = $1 AND (flags & ${h}) != 0 AND NOT COALESCE(from_division = ANY($2::int[]), false)`,
      [q.toDivision, keepFrom],
    )) as [{ indicators: string[] | null }];
    if (indicators)
      await conn.changes(
        `DELETE FROM area_values o USING area_values v
         WHERE o.division_year = $2 AND (o.flags & ${h}) != 0
           AND NOT COALESCE(o.from_division = ANY($4::int[]), false) AND o.indicator = ANY($5::text[])
           AND v.division_year = $1 AND v.area_code = o.area_code AND v.indicator = o.indicator
           AND v.year = o.year AND v.area_code = ANY($3::text[]) AND (v.flags & ${h}) = 0
           AND v.indicator = ANY($5::text[])`,
        [q.fromDivision, q.toDivision, codes, keepFrom, indicators],
      );
    return conn.changes(
      `INSERT INTO area_values (${COLUMNS})
       SELECT $2, v.area_code, v.indicator, v.year, v.value, v.flags | ${h}, v.edition_id, v.source_column, $4, $1
       FROM area_values v
       WHERE v.division_year = $1 AND v.area_code = ANY($3::text[]) AND (v.flags & ${h}) = 0
         AND NOT EXISTS (SELECT 1 FROM area_values o WHERE o.division_year = $2 AND o.area_code = v.area_code
                         AND o.indicator = v.indicator AND o.year = v.year)
       ORDER BY v.area_code, v.indicator, v.year`,
      [q.fromDivision, q.toDivision, codes, q.method],
    );
  });
}

/**
 * work_mem for the sorts of one bulk statement (a division's values: 400,000 rows sort in about
 * 60 MB; PostgreSQL's default of 4 MB, or a tuned 32 MB, sends them to disk in an external merge).
 * Raised (never lowered) with `set_config(…, true)`, i.e. SET LOCAL: this transaction only, never
 * the server's setting, and put back afterwards. On an error the rollback puts it back.
 */
const SORT_MEMORY = '128MB';

async function withSortMemory<T>(conn: PgConnection, fn: () => Promise<T>): Promise<T> {
  const [before] = await conn.rows<{ w: string }>(
    `SELECT current_setting('work_mem') AS w,
       CASE WHEN pg_size_bytes(current_setting('work_mem')) < pg_size_bytes($1)
         THEN set_config('work_mem', $1, true) END`,
    [SORT_MEMORY],
  );
  const result = await fn();
  await conn.rows(`SELECT set_config('work_mem', $1, true)`, [before!.w]);
  return result;
}

/** Store.clearHarmonisation: the values and log rows an earlier run carried. */
export async function clearHarmonisation(
  conn: PgConnection,
  q: { fromDivision: number; toDivision: number },
): Promise<number> {
  await conn.changes(DROP_BULK_SNAPSHOTS);
  const deleted = await conn.changes(
    `DELETE FROM area_values WHERE division_year = $1 AND from_division = $2 AND (flags & ${VALUE_FLAGS.harmonised}) != 0`,
    [q.toDivision, q.fromDivision],
  );
  await conn.changes('DELETE FROM harmonisation_log WHERE from_division = $1 AND to_division = $2', [
    q.fromDivision,
    q.toDivision,
  ]);
  return deleted;
}
