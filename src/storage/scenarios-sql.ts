/** Saved scenarios (store migration 8; scenario-store.ts), written once for both stores on a SqlRunner. */
import { SCENARIO_SELECT, scenarioFromSql, type ScenarioSql } from './member-rows.js';
import type { ScenarioStore } from './scenario-store.js';
import type { SqlRunner } from './sql-runner.js';

export function scenarioMethods(sql: SqlRunner): ScenarioStore {
  return {
    async createScenario(row) {
      const r = await sql.get<{ id: number }>(
        'INSERT INTO scenarios (organisation_id, author_id, title, area, spec_json, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [row.organisationId, row.authorId, row.title, row.area, row.specJson, row.createdAt],
      );
      return scenarioFromSql((await sql.get<ScenarioSql>(`${SCENARIO_SELECT} WHERE s.id = ?`, [r!.id]))!);
    },
    async findScenario(id) {
      const r = await sql.get<ScenarioSql>(`${SCENARIO_SELECT} WHERE s.id = ?`, [id]);
      return r ? scenarioFromSql(r) : undefined;
    },
    async listScenarios(organisationId, limit) {
      const rows = await sql.all<ScenarioSql>(
        `${SCENARIO_SELECT} WHERE s.organisation_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
        [organisationId, limit],
      );
      return rows.map(scenarioFromSql);
    },
    async deleteScenario(id) {
      await sql.run('DELETE FROM scenarios WHERE id = ?', [id]);
    },
  };
}
