/**
 * What import and harmonisation runs recorded, on SQLite: the import log, the source editions and
 * the harmonisation log (postgres/pg-run-logs.ts is the same on PostgreSQL).
 */
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { editionFromSql, harmonisationLogFromSql, importLogFromSql } from '../store-rows.js';
import type { RunLogMethods } from '../store-parts.js';
import type { SqliteSchema } from './schema.js';
import type { InTransaction } from './sqlite-transactions.js';

export function runLogMethods(
  db: Database.Database,
  kysely: Kysely<SqliteSchema>,
  transaction: InTransaction,
): RunLogMethods {
  const methods: RunLogMethods = {
    async findImport(checksum) {
      return (await methods.listImports()).find((r) => r.checksum === checksum);
    },

    async listImports() {
      const rows = await kysely
        .selectFrom('import_log')
        .leftJoin('editions', 'editions.id', 'import_log.edition_id')
        .select(['import_log.id', 'file', 'checksum', 'editions.edition', 'imported_at', 'report'])
        .orderBy('import_log.id')
        .execute();
      return rows.map(importLogFromSql);
    },

    async listEditions() {
      const rows = await kysely.selectFrom('editions').selectAll().orderBy('id').execute();
      return rows.map(editionFromSql);
    },

    async editionIdOf(edition) {
      const row = await kysely
        .selectFrom('editions')
        .select('id')
        .where('edition', '=', edition)
        .executeTakeFirst();
      return row?.id;
    },

    /** One row per (from, to, gemeente): the last of `rows` replaces an earlier run's. */
    async logHarmonisation(rows) {
      const del = db.prepare(
        'DELETE FROM harmonisation_log WHERE from_division = ? AND to_division = ? AND gemeente_code = ?',
      );
      const ins = db.prepare(
        `INSERT INTO harmonisation_log (from_division, to_division, gemeente_code, by_code, by_overlay, unmatched, run_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      await transaction(async () => {
        const now = new Date().toISOString();
        for (const r of rows) {
          del.run(r.fromDivision, r.toDivision, r.gemeenteCode);
          ins.run(r.fromDivision, r.toDivision, r.gemeenteCode, r.byCode, r.byOverlay, r.unmatched, now);
        }
      });
    },

    async listHarmonisation() {
      const rows = await kysely
        .selectFrom('harmonisation_log')
        .selectAll()
        .orderBy('gemeente_code')
        .execute();
      return rows.map(harmonisationLogFromSql);
    },
  };
  return methods;
}
