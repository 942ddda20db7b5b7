/** Regions on PostgreSQL: the SQL of ../sqlite/regions.ts. */
import { regionFromSql, regionInsertValues, type RegionSql } from '../store-rows.js';
import type { RegionMethods } from '../store-parts.js';
import type { Atomic, PgConnection } from './pg-connection.js';

export function pgRegionMethods(c: PgConnection, atomic: Atomic): RegionMethods {
  return {
    async listRegions() {
      const rows = await c.rows<RegionSql>(
        'SELECT id, name, gemeenten, predefined, organisation_id FROM regions ORDER BY name',
      );
      return rows.map(regionFromSql);
    },

    /** The region, and a new version of the private data (which regions belong to). */
    async upsertRegion(row) {
      await atomic(async (tx) => {
        await tx.changes(
          `INSERT INTO regions (id, name, gemeenten, predefined, created_at, organisation_id) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, gemeenten = EXCLUDED.gemeenten`,
          regionInsertValues(row, new Date()),
        );
        await tx.changes('UPDATE private_data_version SET version = version + 1 WHERE id = 1');
      });
    },
  };
}
