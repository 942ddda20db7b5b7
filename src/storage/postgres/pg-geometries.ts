/** Buurt geometries on PostgreSQL: the SQL of ../sqlite/geometries.ts. */
import { geometryFromSql, type GeometrySql } from '../store-rows.js';
import type { GeometryMethods } from '../store-parts.js';
import type { PgConnection } from './pg-connection.js';

export function pgGeometryMethods(c: PgConnection): GeometryMethods {
  return {
    async listGeometryCodes(divisionYear) {
      const rows = await c.rows<{ code: string }>(
        'SELECT code FROM geometries WHERE division_year = $1 ORDER BY code',
        [divisionYear],
      );
      return rows.map((r) => r.code);
    },

    async getGeometries(q) {
      if (q.codes?.length === 0) return [];
      const params: unknown[] = [q.divisionYear];
      const where = ['division_year = $1'];
      if (q.codes) where.push(`code = ANY($${params.push([...q.codes])}::text[])`);
      if (q.gemeente) where.push(`code LIKE $${params.push(`BU${q.gemeente.slice(2)}%`)}`);
      const rows = await c.rows<GeometrySql>(
        `SELECT code, division_year, rd_geojson, area_m2, min_x, min_y, max_x, max_y, display_geojson
         FROM geometries WHERE ${where.join(' AND ')} ORDER BY code`,
        params,
      );
      return rows.map(geometryFromSql);
    },

    async setDisplayGeometries(divisionYear, rows) {
      if (rows.length === 0) return;
      await c.changes(
        `UPDATE geometries g SET display_geojson = d.display
         FROM unnest($2::text[], $3::text[]) AS d(code, display)
         WHERE g.division_year = $1 AND g.code = d.code`,
        [divisionYear, rows.map((r) => r.code), rows.map((r) => JSON.stringify(r.display))],
      );
    },
  };
}
