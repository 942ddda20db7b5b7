/** Buurt geometries on SQLite (postgres/pg-geometries.ts is the same on PostgreSQL). */
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { geometryFromSql } from '../store-rows.js';
import type { GeometryMethods } from '../store-parts.js';
import type { SqliteSchema } from './schema.js';
import type { InTransaction } from './sqlite-transactions.js';

export function geometryMethods(
  db: Database.Database,
  kysely: Kysely<SqliteSchema>,
  transaction: InTransaction,
): GeometryMethods {
  return {
    async listGeometryCodes(divisionYear) {
      return db
        .prepare('SELECT code FROM geometries WHERE division_year = ? ORDER BY code')
        .pluck()
        .all(divisionYear) as string[];
    },

    async getGeometries(q) {
      let query = kysely.selectFrom('geometries').selectAll().where('division_year', '=', q.divisionYear);
      if (q.codes)
        query = q.codes.length ? query.where('code', 'in', [...q.codes]) : query.where(sql<boolean>`0 = 1`);
      if (q.gemeente) query = query.where('code', 'like', `BU${q.gemeente.slice(2)}%`);
      const rows = await query.orderBy('code').execute();
      return rows.map(geometryFromSql);
    },

    async setDisplayGeometries(divisionYear, rows) {
      const stmt = db.prepare(
        'UPDATE geometries SET display_geojson = ? WHERE code = ? AND division_year = ?',
      );
      await transaction(async () => {
        for (const r of rows) stmt.run(JSON.stringify(r.display), r.code, divisionYear);
      });
    },
  };
}
