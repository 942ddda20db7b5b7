/** The SQL of saved scenarios (store migration 8; scenario-store.ts). */
import type Database from 'better-sqlite3';
import type { ScenarioRow, ScenarioStore } from '../scenario-store.js';

interface ScenarioSql {
  id: number;
  organisation_id: number;
  author_id: number;
  author_name: string;
  title: string;
  area: string;
  spec_json: string;
  created_at: string;
}

const SELECT = `SELECT s.id, s.organisation_id, s.author_id, COALESCE(u.name, u.email) AS author_name, s.title, s.area,
  s.spec_json, s.created_at FROM scenarios s JOIN users u ON u.id = s.author_id`;

function fromSql(r: ScenarioSql): ScenarioRow {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    authorId: r.author_id,
    authorName: r.author_name,
    title: r.title,
    area: r.area,
    specJson: r.spec_json,
    createdAt: r.created_at,
  };
}

export function scenarioMethods(db: Database.Database): ScenarioStore {
  return {
    async createScenario(row) {
      const r = db
        .prepare(
          'INSERT INTO scenarios (organisation_id, author_id, title, area, spec_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(row.organisationId, row.authorId, row.title, row.area, row.specJson, row.createdAt);
      return fromSql(db.prepare(`${SELECT} WHERE s.id = ?`).get(r.lastInsertRowid) as ScenarioSql);
    },
    async findScenario(id) {
      const r = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as ScenarioSql | undefined;
      return r ? fromSql(r) : undefined;
    },
    async listScenarios(organisationId, limit) {
      const rows = db
        .prepare(`${SELECT} WHERE s.organisation_id = ? ORDER BY s.created_at DESC, s.id DESC LIMIT ?`)
        .all(organisationId, limit) as ScenarioSql[];
      return rows.map(fromSql);
    },
    async deleteScenario(id) {
      db.prepare('DELETE FROM scenarios WHERE id = ?').run(id);
    },
  };
}
