/** Areas and their names on SQLite (postgres/pg-areas.ts runs the same reads on PostgreSQL). */
import { sql, type Kysely } from 'kysely';
import { areaFromSql } from '../store-rows.js';
import type { AreaMethods } from '../store-parts.js';
import type { SqliteSchema } from './schema.js';

export function areaMethods(kysely: Kysely<SqliteSchema>): AreaMethods {
  return {
    async listAreas(q) {
      let query = kysely.selectFrom('areas').selectAll();
      if (q.level) query = query.where('level', '=', q.level);
      if (q.gemeente)
        query = query.where((eb) =>
          eb.or([eb('gemeente_code', '=', q.gemeente!), eb('code', '=', q.gemeente!)]),
        );
      if (q.divisionYear !== undefined) query = query.where('division_year', '=', q.divisionYear);
      if (q.codes)
        query = q.codes.length ? query.where('code', 'in', [...q.codes]) : query.where(sql<boolean>`0 = 1`);
      const rows = await query.orderBy('code').orderBy('division_year').execute();
      return rows.map(areaFromSql);
    },

    async listDivisionYears(level) {
      let query = kysely.selectFrom('areas').select('division_year').distinct();
      if (level) query = query.where('level', '=', level);
      const rows = await query.orderBy('division_year').execute();
      return rows.map((r) => r.division_year);
    },

    async listAreaNames(gemeente) {
      return kysely
        .selectFrom('area_names')
        .select(['code', 'name', 'level'])
        .where('gemeente_code', '=', gemeente)
        .orderBy('code')
        .execute();
    },

    async findGemeenteByName(name) {
      const rows = await kysely
        .selectFrom('area_names')
        .select('code')
        .distinct()
        .where('level', '=', 'gemeente')
        .where((eb) => eb.fn('lower', ['name']), '=', name.trim().toLowerCase())
        .execute();
      return rows.map((r) => r.code);
    },
  };
}
