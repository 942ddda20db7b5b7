/**
 * The SQL of what members share and keep (store migration 6): share links, own stock, notes,
 * organisation regions, the audit log and the private-data version.
 */
import type Database from 'better-sqlite3';
import {
  likePattern,
  NOTE_SELECT,
  noteFromSql,
  shareLinkFromSql,
  type NoteSql,
  type ShareLinkSql,
} from '../member-rows.js';
import type { AccountMethodName } from './accounts.js';
import type { ScenarioStore } from '../scenario-store.js';
import type { AuditRow, MembersStore, OwnStockRow, OwnStockUploadRow } from '../members-store.js';

/** Every other MembersStore method (share links, own stock, notes, audit, …): accounts.ts has the rest. */
type DataMethods = Omit<MembersStore, AccountMethodName | keyof ScenarioStore>;

export function memberDataMethods(db: Database.Database): DataMethods {
  const findByToken = db.prepare('SELECT * FROM share_links WHERE token_hash = ?');
  const bump = db.prepare('UPDATE private_data_version SET version = version + 1 WHERE id = 1');
  return {
    async createShareLink(l) {
      db.prepare(
        `INSERT INTO share_links (id, token_hash, organisation_id, created_by, label, area, map, period, edition,
           include_own_stock, include_notes, created_at, expires_at, revoked_at, revoked_by, uses, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, NULL)`,
      ).run(
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
      );
    },
    async findShareLink(q) {
      const r = (
        'id' in q
          ? db.prepare('SELECT * FROM share_links WHERE id = ?').get(q.id)
          : findByToken.get(q.tokenHash)
      ) as ShareLinkSql | undefined;
      return r ? shareLinkFromSql(r) : undefined;
    },
    async listShareLinks(q) {
      const rows = (
        q.organisationId === undefined
          ? db.prepare('SELECT * FROM share_links ORDER BY created_at DESC, id').all()
          : db
              .prepare('SELECT * FROM share_links WHERE organisation_id = ? ORDER BY created_at DESC, id')
              .all(q.organisationId)
      ) as ShareLinkSql[];
      return rows.map(shareLinkFromSql);
    },
    async revokeShareLink(id, at, by) {
      return (
        db
          .prepare(
            'UPDATE share_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
          )
          .run(at, by, id).changes === 1
      );
    },
    async recordShareLinkUse(id, at, countUse) {
      db.prepare(
        `UPDATE share_links SET last_used_at = ?, uses = uses + ${countUse ? 1 : 0} WHERE id = ?`,
      ).run(at, id);
    },

    async replaceOwnStock(organisationId, rows, upload) {
      db.transaction(() => {
        const del = db.prepare('DELETE FROM own_stock WHERE organisation_id = ? AND year = ?');
        for (const year of upload.years) del.run(organisationId, year);
        const ins = db.prepare(
          'INSERT INTO own_stock (organisation_id, buurt_code, year, dwellings, complexes) VALUES (?, ?, ?, ?, ?)',
        );
        for (const r of rows) ins.run(organisationId, r.buurtCode, r.year, r.dwellings, r.complexes);
        db.prepare(
          `INSERT INTO own_stock_uploads (organisation_id, file, checksum, rows, buurten, dwellings, years, uploaded_by, uploaded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          organisationId,
          upload.file,
          upload.checksum,
          upload.rows,
          upload.buurten,
          upload.dwellings,
          JSON.stringify(upload.years),
          upload.uploadedBy,
          upload.uploadedAt,
        );
        bump.run();
      })();
    },
    async getOwnStock(organisationId, q) {
      const all = db
        .prepare(
          'SELECT buurt_code, year, dwellings, complexes FROM own_stock WHERE organisation_id = ? ORDER BY buurt_code, year',
        )
        .all(organisationId) as {
        buurt_code: string;
        year: number;
        dwellings: number;
        complexes: number | null;
      }[];
      const codes = q.codes ? new Set(q.codes) : null;
      return all
        .filter((r) => !codes || codes.has(r.buurt_code))
        .map((r): OwnStockRow => ({
          buurtCode: r.buurt_code,
          year: r.year,
          dwellings: r.dwellings,
          complexes: r.complexes,
        }));
    },
    async listOwnStockUploads(organisationId) {
      const rows = db
        .prepare('SELECT * FROM own_stock_uploads WHERE organisation_id = ? ORDER BY id DESC')
        .all(organisationId) as {
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
      }[];
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
      return db.transaction(() => {
        const n = db.prepare('DELETE FROM own_stock WHERE organisation_id = ?').run(organisationId).changes;
        bump.run();
        return n;
      })();
    },

    async createNote(row) {
      return db.transaction(() => {
        const r = db
          .prepare(
            `INSERT INTO notes (organisation_id, author_id, buurt_code, gemeente_code, kind, visibility, text, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            row.organisationId,
            row.authorId,
            row.buurtCode,
            row.gemeenteCode,
            row.kind,
            row.visibility,
            row.text,
            row.createdAt,
            row.updatedAt,
          );
        bump.run();
        return noteFromSql(db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(r.lastInsertRowid) as NoteSql);
      })();
    },
    async findNote(id) {
      const r = db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(id) as NoteSql | undefined;
      return r ? noteFromSql(r) : undefined;
    },
    async listNotes(q) {
      const where = [
        q.membersShared ? "(n.organisation_id = ? OR n.visibility = 'members')" : 'n.organisation_id = ?',
      ];
      const params: (string | number)[] = [q.organisationId];
      if (q.buurtCode !== undefined) {
        where.push('n.buurt_code = ?');
        params.push(q.buurtCode);
      }
      if (q.gemeenten !== undefined) {
        if (q.gemeenten.length === 0) return [];
        where.push(`n.gemeente_code IN (${q.gemeenten.map(() => '?').join(', ')})`);
        params.push(...q.gemeenten);
      }
      if (q.text !== undefined && q.text !== '') {
        where.push("lower(n.text) LIKE ? ESCAPE '\\'");
        params.push(likePattern(q.text));
      }
      const rows = db
        .prepare(`${NOTE_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ?`)
        .all(...params, q.limit) as NoteSql[];
      return rows.map(noteFromSql);
    },
    async updateNote(id, patch) {
      return db.transaction(() => {
        const sets = ['updated_at = ?'];
        const params: (string | number)[] = [patch.updatedAt];
        for (const key of ['text', 'kind', 'visibility'] as const) {
          if (patch[key] === undefined) continue;
          sets.push(`${key} = ?`);
          params.push(patch[key]);
        }
        if (db.prepare(`UPDATE notes SET ${sets.join(', ')} WHERE id = ?`).run(...params, id).changes === 0)
          return undefined;
        bump.run();
        return noteFromSql(db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(id) as NoteSql);
      })();
    },
    async deleteNote(id) {
      db.transaction(() => {
        db.prepare('DELETE FROM notes WHERE id = ?').run(id);
        bump.run();
      })();
    },

    async deleteRegion(id) {
      db.transaction(() => {
        db.prepare('DELETE FROM regions WHERE id = ?').run(id);
        bump.run();
      })();
    },

    async appendAudit(row) {
      db.prepare(
        'INSERT INTO audit_log (at, event, actor_user_id, actor, organisation_id, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        row.at,
        row.event,
        row.actorUserId,
        row.actor,
        row.organisationId,
        row.address,
        JSON.stringify(row.detail),
      );
    },
    async listAudit(q) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (q.beforeId !== undefined) {
        where.push('id < ?');
        params.push(q.beforeId);
      }
      if (q.event !== undefined) {
        where.push('event = ?');
        params.push(q.event);
      }
      const rows = db
        .prepare(
          `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        )
        .all(...params, q.limit) as {
        id: number;
        at: string;
        event: string;
        actor_user_id: number | null;
        actor: string;
        organisation_id: number | null;
        address: string | null;
        detail: string;
      }[];
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
      return (
        db.prepare('SELECT version FROM private_data_version WHERE id = 1').get() as { version: number }
      ).version;
    },
    async bumpPrivateDataVersion() {
      bump.run();
    },
  };
}
