/** Areas and their names on PostgreSQL: the reads of ../sqlite/areas.ts. */
import type { AreaLevel } from '../../core/area-code.js';
import { areaFromSql, type AreaSql } from '../store-rows.js';
import type { AreaMethods } from '../store-parts.js';
import type { PgConnection } from './pg-connection.js';

export function pgAreaMethods(c: PgConnection): AreaMethods {
  return {
    async listAreas(q) {
      if (q.codes?.length === 0) return [];
      const params: unknown[] = [];
      const p = (v: unknown): string => `$${params.push(v)}`;
      const where: string[] = [];
      if (q.level) where.push(`level = ${p(q.level)}`);
      if (q.gemeente) where.push(`(gemeente_code = ${p(q.gemeente)} OR code = $${params.length})`);
      if (q.divisionYear !== undefined) where.push(`division_year = ${p(q.divisionYear)}`);
      if (q.codes) where.push(`code = ANY(${p([...q.codes])}::text[])`);
      const rows = await c.rows<AreaSql>(
        `SELECT * FROM areas ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code, division_year`,
        params,
      );
      return rows.map(areaFromSql);
    },

    async listDivisionYears(level?: AreaLevel) {
      const rows = level
        ? await c.rows<{ y: number }>(
            'SELECT DISTINCT division_year AS y FROM areas WHERE level = $1 ORDER BY y',
            [level],
          )
        : await c.rows<{ y: number }>('SELECT DISTINCT division_year AS y FROM areas ORDER BY y');
      return rows.map((r) => r.y);
    },

    async listAreaNames(gemeente) {
      return c.rows(
        'SELECT code, name, level FROM area_names WHERE gemeente_code = $1 ORDER BY code, level, name',
        [gemeente],
      );
    },

    async findGemeenteByName(name) {
      const rows = await c.rows<{ code: string }>(
        `SELECT DISTINCT code FROM area_names WHERE level = 'gemeente' AND lower(name) = $1 ORDER BY code`,
        [name.trim().toLowerCase()],
      );
      return rows.map((r) => r.code);
    },
  };
}
