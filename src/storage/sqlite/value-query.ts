/**
 * Reading stored values with their edition, table, source column and method (Store.getValues).
 * Filters become id subqueries on the dictionaries, so SQLite seeks the primary key
 * (division_year, area_id, …) instead of comparing text on every row.
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ValueQuery, ValueRow } from '../store.js';
import type { SqliteSchema } from './schema.js';

/** Values matching the query, ordered by code, division, indicator and year. */
export async function queryValues(
  db: Database.Database,
  kysely: Kysely<SqliteSchema>,
  q: ValueQuery,
): Promise<ValueRow[]> {
  if (q.codes?.length === 0) return [];
  // Filters become id subqueries on the dictionaries, so SQLite seeks the primary key
  // (division_year, area_id, …) per area instead of comparing text on every row.
  const divisions = q.divisionYear !== undefined ? [q.divisionYear] : valueDivisions(db);
  if (divisions.length === 0) return [];
  let query = kysely
    .selectFrom('area_values as v')
    .innerJoin('value_areas as a', 'a.id', 'v.area_id')
    .innerJoin('value_indicators as i', 'i.id', 'v.indicator_id')
    .innerJoin('value_columns as c', 'c.id', 'v.column_id')
    .innerJoin('editions as e', 'e.id', 'v.edition_id')
    .select([
      'a.code',
      'v.division_year',
      'i.indicator',
      'v.year',
      'v.value',
      'v.flags',
      'c.source_column',
      'v.method',
      'v.from_division',
      'e.edition',
      'e.table_id',
    ])
    .where('v.division_year', 'in', divisions);
  if (q.codes) {
    const codes = [...q.codes];
    query = query.where('v.area_id', 'in', (eb) =>
      eb.selectFrom('value_areas').select('id').where('code', 'in', codes),
    );
  }
  if (q.gemeente) {
    const gm = q.gemeente;
    query = query.where('v.area_id', 'in', (eb) =>
      eb
        .selectFrom('value_areas')
        .select('id')
        .where((w) =>
          w.or([w('code', '=', gm), w(w.fn('substr', ['code', w.val(3), w.val(4)]), '=', gm.slice(2))]),
        ),
    );
  }
  if (q.indicators) {
    const indicators = [...q.indicators];
    query = query.where('v.indicator_id', 'in', (eb) =>
      eb.selectFrom('value_indicators').select('id').where('indicator', 'in', indicators),
    );
  }
  if (q.years) query = query.where('v.year', 'in', [...q.years]);
  const rows = await query
    .orderBy('a.code')
    .orderBy('v.division_year')
    .orderBy('i.indicator')
    .orderBy('v.year')
    .execute();
  return rows.map((r) => ({
    areaCode: r.code,
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

/** The division years that hold values: a loose index scan over the primary key's first column. */
function valueDivisions(db: Database.Database): number[] {
  return db
    .prepare(
      `WITH RECURSIVE d(y) AS (
         SELECT MIN(division_year) FROM area_values
         UNION ALL SELECT (SELECT MIN(division_year) FROM area_values WHERE division_year > d.y) FROM d WHERE d.y IS NOT NULL)
       SELECT y FROM d WHERE y IS NOT NULL`,
    )
    .pluck()
    .all() as number[];
}
