/**
 * What import and harmonisation runs recorded, on PostgreSQL: the import log, the source editions
 * and the harmonisation log (the SQL of ../sqlite/run-logs.ts).
 */
import {
  editionFromSql,
  harmonisationLogFromSql,
  importLogFromSql,
  type EditionSql,
  type HarmonisationLogSql,
  type ImportLogSql,
} from '../store-rows.js';
import type { RunLogMethods } from '../store-parts.js';
import type { ImportLogRow } from '../store.js';
import type { Atomic, PgConnection } from './pg-connection.js';

export function pgRunLogMethods(c: PgConnection, atomic: Atomic): RunLogMethods {
  const importRows = async (where: string, params: unknown[]): Promise<ImportLogRow[]> => {
    const rows = await c.rows<ImportLogSql>(
      `SELECT l.id, l.file, l.checksum, e.edition, l.imported_at, l.report
       FROM import_log l LEFT JOIN editions e ON e.id = l.edition_id ${where} ORDER BY l.id`,
      params,
    );
    return rows.map(importLogFromSql);
  };
  return {
    async findImport(checksum) {
      return (await importRows('WHERE l.checksum = $1', [checksum]))[0];
    },

    async listImports() {
      return importRows('', []);
    },

    async listEditions() {
      const rows = await c.rows<EditionSql>(
        'SELECT id, source, edition, table_id, publisher, division_year FROM editions ORDER BY id',
      );
      return rows.map(editionFromSql);
    },

    async editionIdOf(edition) {
      const [r] = await c.rows<{ id: number }>(
        'SELECT id FROM editions WHERE edition = $1 ORDER BY id LIMIT 1',
        [edition],
      );
      return r?.id;
    },

    /** One row per (from, to, gemeente): the last of `rows` replaces an earlier run's. */
    async logHarmonisation(rows) {
      if (rows.length === 0) return;
      const last = [
        ...new Map(rows.map((r) => [`${r.fromDivision}|${r.toDivision}|${r.gemeenteCode}`, r])).values(),
      ];
      const cols = [
        last.map((r) => r.fromDivision),
        last.map((r) => r.toDivision),
        last.map((r) => r.gemeenteCode),
      ];
      await atomic(async (tx) => {
        await tx.changes(
          `DELETE FROM harmonisation_log h USING unnest($1::int[], $2::int[], $3::text[]) AS d(f, t, g)
           WHERE h.from_division = d.f AND h.to_division = d.t AND h.gemeente_code = d.g`,
          cols,
        );
        await tx.changes(
          `INSERT INTO harmonisation_log (from_division, to_division, gemeente_code, by_code, by_overlay, unmatched, run_at)
           SELECT f, t, g, bc, bo, u, $7 FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[])
             WITH ORDINALITY AS d(f, t, g, bc, bo, u, n) ORDER BY n`,
          [
            ...cols,
            last.map((r) => r.byCode),
            last.map((r) => r.byOverlay),
            last.map((r) => r.unmatched),
            new Date().toISOString(),
          ],
        );
      });
    },

    async listHarmonisation() {
      const rows = await c.rows<HarmonisationLogSql>(
        'SELECT * FROM harmonisation_log ORDER BY gemeente_code, id',
      );
      return rows.map(harmonisationLogFromSql);
    },
  };
}
