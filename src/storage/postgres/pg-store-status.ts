/** The data version and the counts for `veerkracht status` on PostgreSQL (../sqlite/store-status.ts). */
import type { StoreStatusMethods } from '../store-parts.js';
import type { PgConnection } from './pg-connection.js';

export function pgStoreStatusMethods(c: PgConnection): StoreStatusMethods {
  return {
    /** In the database, so every instance on it sees an import by any other (and the CLI's). */
    async dataVersion() {
      const [r] = await c.rows<{ i: number; im: number; h: number; hm: number }>(
        `SELECT (SELECT COUNT(*) FROM import_log) AS i, (SELECT COALESCE(MAX(id), 0) FROM import_log) AS im,
                (SELECT COUNT(*) FROM harmonisation_log) AS h, (SELECT COALESCE(MAX(id), 0) FROM harmonisation_log) AS hm`,
      );
      return `${r!.i}|${r!.im}|${r!.h}|${r!.hm}`;
    },

    async coverage() {
      return c.rows(
        // counted per indicator id, then named: a join per value row took twice as long
        `SELECT i.indicator, c.division_year AS "divisionYear", c.year, c.areas, c.missing
         FROM (SELECT indicator_id, division_year, year, COUNT(*)::int AS areas,
                 COUNT(*) FILTER (WHERE value IS NULL)::int AS missing
               FROM area_values GROUP BY indicator_id, division_year, year) c
           JOIN value_indicators i ON i.id = c.indicator_id
         ORDER BY i.indicator, c.division_year, c.year`,
      );
    },

    async areaCounts() {
      return c.rows(
        `SELECT a.level, a.division_year AS "divisionYear", COUNT(*)::int AS count, COUNT(g.code)::int AS "withGeometry"
         FROM areas a LEFT JOIN geometries g ON g.code = a.code AND g.division_year = a.division_year
         GROUP BY a.level, a.division_year ORDER BY a.division_year, a.level`,
      );
    },
  };
}
