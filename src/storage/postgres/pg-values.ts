/**
 * Values on PostgreSQL (`area_values`, key (division_year, area_id, indicator_id, year) over the
 * dictionaries value_areas, value_indicators and value_columns, migration 10): read by query, and
 * the harmonisation statements (copy by code, clear). They are written by pg-value-rows.ts; the
 * engine's bulk read is pg-bulk-read.ts.
 */
import { VALUE_FLAGS } from '../../core/records.js';
import type { ValueQuery, ValueRow } from '../store.js';
import { DROP_BULK_SNAPSHOTS } from './pg-bulk-snapshot.js';
import type { PgConnection } from './pg-connection.js';

const COLUMNS =
  'division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division';

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
  if (q.codes) where.push(`a.code = ANY(${param([...new Set(q.codes)])}::text[])`);
  if (q.gemeente)
    where.push(`(a.code = ${param(q.gemeente)} OR substr(a.code, 3, 4) = ${param(q.gemeente.slice(2))})`);
  if (q.indicators) where.push(`i.indicator = ANY(${param([...q.indicators])}::text[])`);
  if (q.years) where.push(`v.year = ANY(${param([...q.years])}::int[])`);
  const rows = await conn.rows<ValueSql>(
    `SELECT a.code AS area_code, v.division_year, i.indicator, v.year, v.value, v.flags, c.source_column,
       v.method, v.from_division, e.edition, e.table_id
     FROM area_values v
       JOIN value_areas a ON a.id = v.area_id
       JOIN value_indicators i ON i.id = v.indicator_id
       JOIN value_columns c ON c.id = v.column_id
       JOIN editions e ON e.id = v.edition_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.code, v.division_year, i.indicator, v.year`,
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
 *      originals and values carried from a nearer division: never replaced) — a plain insert,
 *      without that test when the target division holds no rows at all.
 * The codes are looked up as area ids first (the dictionary holds every code a value was written
 * with), so both statements join on integers. The count is that of step 2: new rows plus replaced
 * ones, as the upsert's was. The source rows are read through area_values' primary key, so they
 * arrive in key order without an ORDER BY (whose sort of the 416,160 rows of RIVM's division cost
 * ≈ 0.1 s of server time; docs/benchmarks.md, "Copies by code without a sort"); a plan without the
 * index would only insert in another order. A merge anti-join's sort gets work_mem for the
 * statement (SORT_MEMORY).
 */
export async function copyValuesByCode(conn: PgConnection, q: CopyByCodeQuery): Promise<number> {
  if (q.codes.length === 0) return 0;
  const h = VALUE_FLAGS.harmonised;
  const keepFrom = (q.keepFrom ?? []).filter((y) => Number.isInteger(y));
  await conn.changes(DROP_BULK_SNAPSHOTS);
  const [{ areas }] = (await conn.rows<{ areas: number[] | null }>(
    'SELECT array_agg(id) AS areas FROM value_areas WHERE code = ANY($1::text[])',
    [[...new Set(q.codes)]],
  )) as [{ areas: number[] | null }];
  if (!areas) return 0; // no value was ever written with one of the codes
  return withSortMemory(conn, async () => {
    const [{ indicators }] = (await conn.rows<{ indicators: number[] | null }>(
      `SELECT array_agg(DISTINCT indicator_id) AS indicators FROM area_values
       WHERE division_year = $1 AND (flags & ${h}) != 0 AND NOT COALESCE(from_division = ANY($2::int[]), false)`,
      [q.toDivision, keepFrom],
    )) as [{ indicators: number[] | null }];
    if (indicators)
      await conn.changes(
        `DELETE FROM area_values o USING area_values v
         WHERE o.division_year = $2 AND (o.flags & ${h}) != 0
           AND NOT COALESCE(o.from_division = ANY($4::int[]), false) AND o.indicator_id = ANY($5::int[])
           AND v.division_year = $1 AND v.area_id = o.area_id AND v.indicator_id = o.indicator_id
           AND v.year = o.year AND v.area_id = ANY($3::int[]) AND (v.flags & ${h}) = 0
           AND v.indicator_id = ANY($5::int[])`,
        [q.fromDivision, q.toDivision, areas, keepFrom, indicators],
      );
    // Onto a division that holds no rows yet (the first division carried onto a fresh reference)
    // there is nothing to keep: no anti-join, one index probe per copied row fewer.
    const [{ empty }] = (await conn.rows<{ empty: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM area_values WHERE division_year = $1) AS empty',
      [q.toDivision],
    )) as [{ empty: boolean }];
    const notHeld = empty
      ? ''
      : `AND NOT EXISTS (SELECT 1 FROM area_values o WHERE o.division_year = $2 AND o.area_id = v.area_id
                         AND o.indicator_id = v.indicator_id AND o.year = v.year)`;
    return conn.changes(
      `INSERT INTO area_values (${COLUMNS})
       SELECT $2, v.area_id, v.indicator_id, v.year, v.value, v.flags | ${h}, v.edition_id, v.column_id, $4, $1
       FROM area_values v
       WHERE v.division_year = $1 AND v.area_id = ANY($3::int[]) AND (v.flags & ${h}) = 0 ${notHeld}`,
      [q.fromDivision, q.toDivision, areas, q.method],
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
