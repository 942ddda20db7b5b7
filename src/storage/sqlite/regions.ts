/** Regions on SQLite (postgres/pg-regions.ts is the same on PostgreSQL). */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { regionFromSql, regionInsertValues } from '../store-rows.js';
import type { RegionMethods } from '../store-parts.js';
import type { SqliteSchema } from './schema.js';

export function regionMethods(db: Database.Database, kysely: Kysely<SqliteSchema>): RegionMethods {
  return {
    async listRegions() {
      const rows = await kysely.selectFrom('regions').selectAll().orderBy('name').execute();
      return rows.map(regionFromSql);
    },

    /** The region, and a new version of the private data (which regions belong to). */
    async upsertRegion(row) {
      db.prepare(
        `INSERT INTO regions (id, name, gemeenten, predefined, created_at, organisation_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, gemeenten = excluded.gemeenten`,
      ).run(...regionInsertValues(row, new Date()));
      db.prepare('UPDATE private_data_version SET version = version + 1 WHERE id = 1').run();
    },
  };
}
