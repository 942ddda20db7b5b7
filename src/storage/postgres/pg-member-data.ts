/**
 * What members share and keep, on PostgreSQL (migration 6 and 8): share links, own stock, notes,
 * organisation regions, the audit log, the private-data version and saved scenarios — the SQL of
 * ../sqlite/member-data.ts and ../sqlite/scenarios.ts with $n parameters. Writes of more than one
 * statement run through `atomic` (the caller's transaction, or a new one).
 */
import type { AccountMethodName } from '../sqlite/accounts.js';
import type { AuditRow, MembersStore, OwnStockUploadRow } from '../members-store.js';
import type { ScenarioRow } from '../scenario-store.js';
import {
  likePattern,
  NOTE_SELECT,
  noteFromSql,
  shareLinkFromSql,
  type NoteSql,
  type ShareLinkSql,
} from '../member-rows.js';
import type { PgConnection } from './pg-connection.js';

type Atomic = <T>(fn: (c: PgConnection) => Promise<T>) => Promise<T>;

const SCENARIO_SELECT = `SELECT s.id, s.organisation_id, s.author_id, COALESCE(u.name, u.email) AS author_name, s.title,
  s.area, s.spec_json, s.created_at FROM scenarios s JOIN users u ON u.id = s.author_id`;

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

function scenarioFromSql(r: ScenarioSql): ScenarioRow {
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

interface UploadSql {
  id: number;
  organisation_id: number;
  file: string;
  checksum: string;
  rows: number;
  buurten: number;
  dwellings: number;
  years: string;
  uploaded_by: number | null;
  uploaded_at: string;
}

interface AuditSql {
  id: number;
  at: string;
  event: string;
  actor_user_id: number | null;
  actor: string;
  organisation_id: number | null;
  address: string | null;
  detail: string;
}

const BUMP = 'UPDATE private_data_version SET version = version + 1 WHERE id = 1';

export function pgMemberDataMethods(c: PgConnection, atomic: Atomic): Omit<MembersStore, AccountMethodName> {
  return {
    async createShareLink(l) {
      await c.changes(
        `INSERT INTO share_links (id, token_hash, organisation_id, created_by, label, area, map, period, edition,
           include_own_stock, include_notes, created_at, expires_at, revoked_at, revoked_by, uses, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, NULL, 0, NULL)`,
        [
          l.id,
          l.tokenHash,
          l.organisationId,
          l.createdBy,
          l.label,
          l.area,
          l.map,
          l.period,
          l.edition,
          l.includeOwnStock ? 1 : 0,
          l.includeNotes ? 1 : 0,
          l.createdAt,
          l.expiresAt,
        ],
      );
    },
    async findShareLink(q) {
      const [r] =
        'id' in q
          ? await c.rows<ShareLinkSql>('SELECT * FROM share_links WHERE id = $1', [q.id])
          : await c.rows<ShareLinkSql>('SELECT * FROM share_links WHERE token_hash = $1', [q.tokenHash]);
      return r ? shareLinkFromSql(r) : undefined;
    },
    async listShareLinks(q) {
      const rows =
        q.organisationId === undefined
          ? await c.rows<ShareLinkSql>('SELECT * FROM share_links ORDER BY created_at DESC, id')
          : await c.rows<ShareLinkSql>(
              'SELECT * FROM share_links WHERE organisation_id = $1 ORDER BY created_at DESC, id',
              [q.organisationId],
            );
      return rows.map(shareLinkFromSql);
    },
    async revokeShareLink(id, at, by) {
      return (
        (await c.changes(
          'UPDATE share_links SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL',
          [at, by, id],
        )) === 1
      );
    },
    async recordShareLinkUse(id, at, countUse) {
      await c.changes(
        `UPDATE share_links SET last_used_at = $1, uses = uses + ${countUse ? 1 : 0} WHERE id = $2`,
        [at, id],
      );
    },

    async replaceOwnStock(organisationId, rows, upload) {
      await atomic(async (t) => {
        await t.changes('DELETE FROM own_stock WHERE organisation_id = $1 AND year = ANY($2::int[])', [
          organisationId,
          upload.years,
        ]);
        if (rows.length > 0)
          await t.changes(
            `INSERT INTO own_stock (organisation_id, buurt_code, year, dwellings, complexes)
             SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[])`,
            [
              organisationId,
              rows.map((r) => r.buurtCode),
              rows.map((r) => r.year),
              rows.map((r) => r.dwellings),
              rows.map((r) => r.complexes),
            ],
          );
        await t.changes(
          `INSERT INTO own_stock_uploads (organisation_id, file, checksum, rows, buurten, dwellings, years, uploaded_by, uploaded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            organisationId,
            upload.file,
            upload.checksum,
            upload.rows,
            upload.buurten,
            upload.dwellings,
            JSON.stringify(upload.years),
            upload.uploadedBy,
            upload.uploadedAt,
          ],
        );
        await t.changes(BUMP);
      });
    },
    async getOwnStock(organisationId, q) {
      const all = await c.rows<{
        buurt_code: string;
        year: number;
        dwellings: number;
        complexes: number | null;
      }>(
        'SELECT buurt_code, year, dwellings, complexes FROM own_stock WHERE organisation_id = $1 ORDER BY buurt_code, year',
        [organisationId],
      );
      const codes = q.codes ? new Set(q.codes) : null;
      return all
        .filter((r) => !codes || codes.has(r.buurt_code))
        .map((r) => ({
          buurtCode: r.buurt_code,
          year: r.year,
          dwellings: r.dwellings,
          complexes: r.complexes,
        }));
    },
    async listOwnStockUploads(organisationId) {
      const rows = await c.rows<UploadSql>(
        'SELECT * FROM own_stock_uploads WHERE organisation_id = $1 ORDER BY id DESC',
        [organisationId],
      );
      return rows.map((r): OwnStockUploadRow => ({
        id: r.id,
        organisationId: r.organisation_id,
        file: r.file,
        checksum: r.checksum,
        rows: r.rows,
        buurten: r.buurten,
        dwellings: r.dwellings,
        years: JSON.parse(r.years) as number[],
        uploadedBy: r.uploaded_by,
        uploadedAt: r.uploaded_at,
      }));
    },
    async clearOwnStock(organisationId) {
      return atomic(async (t) => {
        const n = await t.changes('DELETE FROM own_stock WHERE organisation_id = $1', [organisationId]);
        await t.changes(BUMP);
        return n;
      });
    },

    async createNote(row) {
      return atomic(async (t) => {
        const [r] = await t.rows<{ id: number }>(
          `INSERT INTO notes (organisation_id, author_id, buurt_code, gemeente_code, kind, visibility, text, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            row.organisationId,
            row.authorId,
            row.buurtCode,
            row.gemeenteCode,
            row.kind,
            row.visibility,
            row.text,
            row.createdAt,
            row.updatedAt,
          ],
        );
        await t.changes(BUMP);
        return noteFromSql((await t.rows<NoteSql>(`${NOTE_SELECT} WHERE n.id = $1`, [r!.id]))[0]!);
      });
    },
    async findNote(id) {
      const [r] = await c.rows<NoteSql>(`${NOTE_SELECT} WHERE n.id = $1`, [id]);
      return r ? noteFromSql(r) : undefined;
    },
    async listNotes(q) {
      const params: unknown[] = [q.organisationId];
      const p = (v: unknown): string => `$${params.push(v)}`;
      const where = [
        q.membersShared ? "(n.organisation_id = $1 OR n.visibility = 'members')" : 'n.organisation_id = $1',
      ];
      if (q.buurtCode !== undefined) where.push(`n.buurt_code = ${p(q.buurtCode)}`);
      if (q.gemeenten !== undefined) {
        if (q.gemeenten.length === 0) return [];
        where.push(`n.gemeente_code = ANY(${p([...q.gemeenten])}::text[])`);
      }
      if (q.text !== undefined && q.text !== '')
        where.push(`lower(n.text) LIKE ${p(likePattern(q.text))} ESCAPE '\\'`);
      const rows = await c.rows<NoteSql>(
        `${NOTE_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${p(q.limit)}`,
        params,
      );
      return rows.map(noteFromSql);
    },
    async updateNote(id, patch) {
      return atomic(async (t) => {
        const params: unknown[] = [patch.updatedAt];
        const sets = ['updated_at = $1'];
        for (const key of ['text', 'kind', 'visibility'] as const) {
          if (patch[key] === undefined) continue;
          sets.push(`${key} = $${params.push(patch[key])}`);
        }
        params.push(id);
        if (
          (await t.changes(`UPDATE notes SET ${sets.join(', ')} WHERE id = $${params.length}`, params)) === 0
        )
          return undefined;
        await t.changes(BUMP);
        return noteFromSql((await t.rows<NoteSql>(`${NOTE_SELECT} WHERE n.id = $1`, [id]))[0]!);
      });
    },
    async deleteNote(id) {
      await atomic(async (t) => {
        await t.changes('DELETE FROM notes WHERE id = $1', [id]);
        await t.changes(BUMP);
      });
    },

    async deleteRegion(id) {
      await atomic(async (t) => {
        await t.changes('DELETE FROM regions WHERE id = $1', [id]);
        await t.changes(BUMP);
      });
    },

    async appendAudit(row) {
      await c.changes(
        'INSERT INTO audit_log (at, event, actor_user_id, actor, organisation_id, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          row.at,
          row.event,
          row.actorUserId,
          row.actor,
          row.organisationId,
          row.address,
          JSON.stringify(row.detail),
        ],
      );
    },
    async listAudit(q) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (q.beforeId !== undefined) where.push(`id < $${params.push(q.beforeId)}`);
      if (q.event !== undefined) where.push(`event = $${params.push(q.event)}`);
      const rows = await c.rows<AuditSql>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.push(q.limit)}`,
        params,
      );
      return rows.map((r): AuditRow => ({
        id: r.id,
        at: r.at,
        event: r.event,
        actorUserId: r.actor_user_id,
        actor: r.actor,
        organisationId: r.organisation_id,
        address: r.address,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },

    async privateDataVersion() {
      return (await c.rows<{ version: number }>('SELECT version FROM private_data_version WHERE id = 1'))[0]!
        .version;
    },
    async bumpPrivateDataVersion() {
      await c.changes(BUMP);
    },

    async createScenario(row) {
      const [r] = await c.rows<{ id: number }>(
        'INSERT INTO scenarios (organisation_id, author_id, title, area, spec_json, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [row.organisationId, row.authorId, row.title, row.area, row.specJson, row.createdAt],
      );
      return scenarioFromSql((await c.rows<ScenarioSql>(`${SCENARIO_SELECT} WHERE s.id = $1`, [r!.id]))[0]!);
    },
    async findScenario(id) {
      const [r] = await c.rows<ScenarioSql>(`${SCENARIO_SELECT} WHERE s.id = $1`, [id]);
      return r ? scenarioFromSql(r) : undefined;
    },
    async listScenarios(organisationId, limit) {
      const rows = await c.rows<ScenarioSql>(
        `${SCENARIO_SELECT} WHERE s.organisation_id = $1 ORDER BY s.created_at DESC, s.id DESC LIMIT $2`,
        [organisationId, limit],
      );
      return rows.map(scenarioFromSql);
    },
    async deleteScenario(id) {
      await c.changes('DELETE FROM scenarios WHERE id = $1', [id]);
    },
  };
}
