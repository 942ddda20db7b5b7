/**
 * The SQL of accounts (store migration 6): organisations, users, sessions, invitation/reset
 * tokens and login throttling. Prepared statements on the store's one connection, so they join
 * any transaction the caller opened with `store.transaction`.
 */
import type Database from 'better-sqlite3';
import { USER_COLUMNS, userFromSql, type UserSql } from '../member-rows.js';
import type {
  AccountTokenRow,
  MembersStore,
  NewUserRow,
  OrganisationRow,
  Role,
  SessionRow,
} from '../members-store.js';

const USER_PATCH_COLUMNS = {
  role: 'role',
  disabled: 'disabled',
  passwordHash: 'password_hash',
  passwordChangedAt: 'password_changed_at',
  lastLoginAt: 'last_login_at',
  name: 'name',
} as const;

/** The MembersStore methods about organisations, users, sessions, tokens and throttling (this file). */
export type AccountMethodName =
  | 'createOrganisation'
  | 'findOrganisation'
  | 'listOrganisations'
  | 'createUser'
  | 'findUser'
  | 'listUsers'
  | 'updateUser'
  | 'countUsers'
  | 'createSession'
  | 'findSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteUserSessions'
  | 'deleteExpiredSessions'
  | 'createAccountToken'
  | 'findAccountToken'
  | 'useAccountToken'
  | 'deleteAccountTokens'
  | 'countAttempt'
  | 'forgiveAttempt'
  | 'clearThrottle';
type AccountMethods = Pick<MembersStore, AccountMethodName>;

export function accountMethods(db: Database.Database): AccountMethods {
  const orgRow = (r: { id: number; name: string; created_at: string }): OrganisationRow => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
  });
  const findSession = db.prepare(
    `SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
       u.email, u.name, u.organisation_id, u.role, u.disabled
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
  );
  return {
    async createOrganisation(name, nameKey, at) {
      const r = db
        .prepare('INSERT INTO organisations (name, name_key, created_at) VALUES (?, ?, ?)')
        .run(name, nameKey, at);
      return { id: Number(r.lastInsertRowid), name, createdAt: at };
    },
    async findOrganisation(q) {
      const r = (
        'id' in q
          ? db.prepare('SELECT id, name, created_at FROM organisations WHERE id = ?').get(q.id)
          : db.prepare('SELECT id, name, created_at FROM organisations WHERE name_key = ?').get(q.nameKey)
      ) as { id: number; name: string; created_at: string } | undefined;
      return r ? orgRow(r) : undefined;
    },
    async listOrganisations() {
      const rows = db.prepare('SELECT id, name, created_at FROM organisations ORDER BY name').all() as {
        id: number;
        name: string;
        created_at: string;
      }[];
      return rows.map(orgRow);
    },
    async createUser(row: NewUserRow) {
      const r = db
        .prepare(
          `INSERT INTO users (email, name, organisation_id, role, password_hash, disabled, created_at, password_changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.email,
          row.name,
          row.organisationId,
          row.role,
          row.passwordHash,
          row.disabled ? 1 : 0,
          row.createdAt,
          row.passwordChangedAt ?? null,
        );
      return {
        ...row,
        id: Number(r.lastInsertRowid),
        passwordChangedAt: row.passwordChangedAt ?? null,
        lastLoginAt: null,
      };
    },
    async findUser(q) {
      const r = (
        'id' in q
          ? db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`).get(q.id)
          : db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`).get(q.email)
      ) as UserSql | undefined;
      return r ? userFromSql(r) : undefined;
    },
    async listUsers(q) {
      const rows = (
        q.organisationId === undefined
          ? db.prepare(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.email`).all()
          : db
              .prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.organisation_id = ? ORDER BY u.email`)
              .all(q.organisationId)
      ) as UserSql[];
      return rows.map(userFromSql);
    },
    async updateUser(id, patch) {
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [key, column] of Object.entries(USER_PATCH_COLUMNS)) {
        const v = patch[key as keyof typeof patch];
        if (v === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      }
      if (sets.length === 0) return;
      db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    },
    async countUsers() {
      return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    },

    async createSession(s: SessionRow) {
      db.prepare(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt);
    },
    async findSession(idHash) {
      const r = findSession.get(idHash) as
        | {
            user_id: number;
            csrf_token: string;
            created_at: string;
            last_seen_at: string;
            expires_at: string;
            email: string;
            name: string | null;
            organisation_id: number;
            role: string;
            disabled: number;
          }
        | undefined;
      if (!r) return undefined;
      return {
        session: {
          idHash,
          userId: r.user_id,
          csrfToken: r.csrf_token,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          expiresAt: r.expires_at,
        },
        user: {
          id: r.user_id,
          email: r.email,
          name: r.name,
          organisationId: r.organisation_id,
          role: r.role as Role,
          disabled: r.disabled === 1,
        },
      };
    },
    async touchSession(idHash, lastSeenAt) {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(lastSeenAt, idHash);
    },
    async deleteSession(idHash) {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    },
    async deleteUserSessions(userId) {
      return db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
    },
    async deleteExpiredSessions(now, idleBefore) {
      return db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?').run(now, idleBefore)
        .changes;
    },

    async createAccountToken(t: AccountTokenRow) {
      db.prepare(
        'INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(t.tokenHash, t.userId, t.purpose, t.createdAt, t.expiresAt, t.usedAt);
    },
    async findAccountToken(tokenHash) {
      const r = db
        .prepare(
          'SELECT token_hash, user_id, purpose, created_at, expires_at, used_at FROM account_tokens WHERE token_hash = ?',
        )
        .get(tokenHash) as
        | {
            token_hash: string;
            user_id: number;
            purpose: AccountTokenRow['purpose'];
            created_at: string;
            expires_at: string;
            used_at: string | null;
          }
        | undefined;
      return r
        ? {
            tokenHash: r.token_hash,
            userId: r.user_id,
            purpose: r.purpose,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
            usedAt: r.used_at,
          }
        : undefined;
    },
    async useAccountToken(tokenHash, at) {
      return (
        db
          .prepare('UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
          .run(at, tokenHash).changes === 1
      );
    },
    async deleteAccountTokens(userId) {
      db.prepare('DELETE FROM account_tokens WHERE user_id = ? AND used_at IS NULL').run(userId);
    },

    async countAttempt(key, now, windowStartAfter) {
      const r = db
        .prepare(
          `INSERT INTO login_throttle (key, failures, window_start) VALUES (@key, 1, @now)
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN login_throttle.window_start < @after THEN 1 ELSE login_throttle.failures + 1 END,
             window_start = CASE WHEN login_throttle.window_start < @after THEN @now ELSE login_throttle.window_start END
           RETURNING failures, window_start`,
        )
        .get({ key, now, after: windowStartAfter }) as { failures: number; window_start: string };
      return { failures: r.failures, windowStart: r.window_start };
    },
    async forgiveAttempt(key) {
      db.prepare('UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE key = ?').run(key);
    },
    async clearThrottle(key) {
      db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key);
    },
  };
}
