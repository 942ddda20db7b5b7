/**
 * What members share and keep (store migration 6), written once for both stores on a SqlRunner:
 * share links, own stock, notes, organisation regions, the audit log and the private-data
 * version. Every write of per-organisation data bumps that version in the same transaction.
 */
import type { AccountMethodName } from './accounts-sql.js';
import {
  auditFromSql,
  likePattern,
  NOTE_SELECT,
  noteFromSql,
  ownStockFromSql,
  ownStockUploadFromSql,
  shareLinkFromSql,
  type AuditSql,
  type NoteSql,
  type OwnStockSql,
  type OwnStockUploadSql,
  type ShareLinkSql,
} from './member-rows.js';
import type { MembersStore, OwnStockRow } from './members-store.js';
import type { ScenarioStore } from './scenario-store.js';
import type { SqlRunner, SqlValue } from './sql-runner.js';

/** Every MembersStore method but the accounts (accounts-sql.ts) and scenarios (scenarios-sql.ts). */
type MemberDataMethods = Omit<MembersStore, AccountMethodName | keyof ScenarioStore>;

const BUMP = 'UPDATE private_data_version SET version = version + 1 WHERE id = 1';

/** Own-stock rows per INSERT: 5 parameters each, far below either store's limit on parameters. */
const OWN_STOCK_ROWS_PER_INSERT = 200;

export function memberDataMethods(sql: SqlRunner): MemberDataMethods {
  return {
    async createShareLink(l) {
      await sql.run(
        `INSERT INTO share_links (id, token_hash, organisation_id, created_by, label, area, map, period, edition,
           include_own_stock, include_notes, created_at, expires_at, revoked_at, revoked_by, uses, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, NULL)`,
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
      const r =
        'id' in q
          ? await sql.get<ShareLinkSql>('SELECT * FROM share_links WHERE id = ?', [q.id])
          : await sql.get<ShareLinkSql>('SELECT * FROM share_links WHERE token_hash = ?', [q.tokenHash]);
      return r ? shareLinkFromSql(r) : undefined;
    },
    async listShareLinks(q) {
      const rows =
        q.organisationId === undefined
          ? await sql.all<ShareLinkSql>('SELECT * FROM share_links ORDER BY created_at DESC, id')
          : await sql.all<ShareLinkSql>(
              'SELECT * FROM share_links WHERE organisation_id = ? ORDER BY created_at DESC, id',
              [q.organisationId],
            );
      return rows.map(shareLinkFromSql);
    },
    async revokeShareLink(id, at, by) {
      const changed = await sql.run(
        'UPDATE share_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
        [at, by, id],
      );
      return changed === 1;
    },
    async recordShareLinkUse(id, at, countUse) {
      await sql.run(
        `UPDATE share_links SET last_used_at = ?, uses = uses + ${countUse ? 1 : 0} WHERE id = ?`,
        [at, id],
      );
    },

    async replaceOwnStock(organisationId, rows, upload) {
      await sql.atomic(async (t) => {
        for (const year of upload.years)
          await t.run('DELETE FROM own_stock WHERE organisation_id = ? AND year = ?', [organisationId, year]);
        for (let i = 0; i < rows.length; i += OWN_STOCK_ROWS_PER_INSERT)
          await insertOwnStock(t, organisationId, rows.slice(i, i + OWN_STOCK_ROWS_PER_INSERT));
        await t.run(
          `INSERT INTO own_stock_uploads (organisation_id, file, checksum, rows, buurten, dwellings, years, uploaded_by, uploaded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        await t.run(BUMP);
      });
    },
    async getOwnStock(organisationId, q) {
      const all = await sql.all<OwnStockSql>(
        'SELECT buurt_code, year, dwellings, complexes FROM own_stock WHERE organisation_id = ? ORDER BY buurt_code, year',
        [organisationId],
      );
      const codes = q.codes ? new Set(q.codes) : null;
      return all.filter((r) => !codes || codes.has(r.buurt_code)).map(ownStockFromSql);
    },
    async listOwnStockUploads(organisationId) {
      const rows = await sql.all<OwnStockUploadSql>(
        'SELECT * FROM own_stock_uploads WHERE organisation_id = ? ORDER BY id DESC',
        [organisationId],
      );
      return rows.map(ownStockUploadFromSql);
    },
    async clearOwnStock(organisationId) {
      return sql.atomic(async (t) => {
        const n = await t.run('DELETE FROM own_stock WHERE organisation_id = ?', [organisationId]);
        await t.run(BUMP);
        return n;
      });
    },

    async createNote(row) {
      return sql.atomic(async (t) => {
        const r = await t.get<{ id: number }>(
          `INSERT INTO notes (organisation_id, author_id, buurt_code, gemeente_code, kind, visibility, text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
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
        await t.run(BUMP);
        return noteFromSql((await t.get<NoteSql>(`${NOTE_SELECT} WHERE n.id = ?`, [r!.id]))!);
      });
    },
    async findNote(id) {
      const r = await sql.get<NoteSql>(`${NOTE_SELECT} WHERE n.id = ?`, [id]);
      return r ? noteFromSql(r) : undefined;
    },
    async listNotes(q) {
      const where = [
        q.membersShared ? "(n.organisation_id = ? OR n.visibility = 'members')" : 'n.organisation_id = ?',
      ];
      const params: SqlValue[] = [q.organisationId];
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
      const rows = await sql.all<NoteSql>(
        `${NOTE_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ?`,
        [...params, q.limit],
      );
      return rows.map(noteFromSql);
    },
    async updateNote(id, patch) {
      return sql.atomic(async (t) => {
        const sets = ['updated_at = ?'];
        const params: SqlValue[] = [patch.updatedAt];
        for (const key of ['text', 'kind', 'visibility'] as const) {
          if (patch[key] === undefined) continue;
          sets.push(`${key} = ?`);
          params.push(patch[key]);
        }
        if ((await t.run(`UPDATE notes SET ${sets.join(', ')} WHERE id = ?`, [...params, id])) === 0)
          return undefined;
        await t.run(BUMP);
        return noteFromSql((await t.get<NoteSql>(`${NOTE_SELECT} WHERE n.id = ?`, [id]))!);
      });
    },
    async deleteNote(id) {
      await sql.atomic(async (t) => {
        await t.run('DELETE FROM notes WHERE id = ?', [id]);
        await t.run(BUMP);
      });
    },

    async deleteRegion(id) {
      await sql.atomic(async (t) => {
        await t.run('DELETE FROM regions WHERE id = ?', [id]);
        await t.run(BUMP);
      });
    },

    async appendAudit(row) {
      await sql.run(
        'INSERT INTO audit_log (at, event, actor_user_id, actor, organisation_id, address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
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
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (q.beforeId !== undefined) {
        where.push('id < ?');
        params.push(q.beforeId);
      }
      if (q.event !== undefined) {
        where.push('event = ?');
        params.push(q.event);
      }
      const rows = await sql.all<AuditSql>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        [...params, q.limit],
      );
      return rows.map(auditFromSql);
    },

    async privateDataVersion() {
      return (await sql.get<{ version: number }>('SELECT version FROM private_data_version WHERE id = 1'))!
        .version;
    },
    async bumpPrivateDataVersion() {
      await sql.run(BUMP);
    },
  };
}

/** One INSERT of several own-stock rows of an organisation. */
async function insertOwnStock(
  sql: SqlRunner,
  organisationId: number,
  rows: readonly OwnStockRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql.run(
    `INSERT INTO own_stock (organisation_id, buurt_code, year, dwellings, complexes)
     VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    rows.flatMap((r) => [organisationId, r.buurtCode, r.year, r.dwellings, r.complexes]),
  );
}
