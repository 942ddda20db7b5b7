/**
 * Accounts on PostgreSQL (migration 6): organisations, users, sessions, invitation/reset tokens
 * and login throttling — the SQL of ../sqlite/accounts.ts with $n parameters. Sessions live in
 * the database, so every instance on it knows every session.
 */
import type { AccountMethodName } from '../sqlite/accounts.js';
import type { AccountTokenRow, MembersStore, NewUserRow, Role, SessionRow } from '../members-store.js';
import { USER_COLUMNS, userFromSql, type UserSql } from '../member-rows.js';
import type { PgConnection } from './pg-connection.js';

const USER_PATCH_COLUMNS = {
  role: 'role',
  disabled: 'disabled',
  passwordHash: 'password_hash',
  passwordChangedAt: 'password_changed_at',
  lastLoginAt: 'last_login_at',
  name: 'name',
} as const;

interface OrgSql {
  id: number;
  name: string;
  created_at: string;
}

interface SessionSql {
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

interface TokenSql {
  token_hash: string;
  user_id: number;
  purpose: AccountTokenRow['purpose'];
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

const orgRow = (r: OrgSql) => ({ id: r.id, name: r.name, createdAt: r.created_at });

export function pgAccountMethods(c: PgConnection): Pick<MembersStore, AccountMethodName> {
  return {
    async createOrganisation(name, nameKey, at) {
      const [r] = await c.rows<{ id: number }>(
        'INSERT INTO organisations (name, name_key, created_at) VALUES ($1, $2, $3) RETURNING id',
        [name, nameKey, at],
      );
      return { id: r!.id, name, createdAt: at };
    },
    async findOrganisation(q) {
      const [r] =
        'id' in q
          ? await c.rows<OrgSql>('SELECT id, name, created_at FROM organisations WHERE id = $1', [q.id])
          : await c.rows<OrgSql>('SELECT id, name, created_at FROM organisations WHERE name_key = $1', [
              q.nameKey,
            ]);
      return r ? orgRow(r) : undefined;
    },
    async listOrganisations() {
      return (await c.rows<OrgSql>('SELECT id, name, created_at FROM organisations ORDER BY name')).map(
        orgRow,
      );
    },
    async createUser(row: NewUserRow) {
      const [r] = await c.rows<{ id: number }>(
        `INSERT INTO users (email, name, organisation_id, role, password_hash, disabled, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          row.email,
          row.name,
          row.organisationId,
          row.role,
          row.passwordHash,
          row.disabled ? 1 : 0,
          row.createdAt,
          row.passwordChangedAt ?? null,
        ],
      );
      return { ...row, id: r!.id, passwordChangedAt: row.passwordChangedAt ?? null, lastLoginAt: null };
    },
    async findUser(q) {
      const [r] =
        'id' in q
          ? await c.rows<UserSql>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [q.id])
          : await c.rows<UserSql>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1`, [q.email]);
      return r ? userFromSql(r) : undefined;
    },
    async listUsers(q) {
      const rows =
        q.organisationId === undefined
          ? await c.rows<UserSql>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.email`)
          : await c.rows<UserSql>(
              `SELECT ${USER_COLUMNS} FROM users u WHERE u.organisation_id = $1 ORDER BY u.email`,
              [q.organisationId],
            );
      return rows.map(userFromSql);
    },
    async updateUser(id, patch) {
      const sets: string[] = [];
      const values: (string | number | null)[] = [];
      for (const [key, column] of Object.entries(USER_PATCH_COLUMNS)) {
        const v = patch[key as keyof typeof patch];
        if (v === undefined) continue;
        values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
        sets.push(`${column} = $${values.length}`);
      }
      if (sets.length === 0) return;
      values.push(id);
      await c.changes(`UPDATE users SET ${sets.join(', ')} WHERE id = $${values.length}`, values);
    },
    async countUsers() {
      return (await c.rows<{ n: number }>('SELECT COUNT(*)::int AS n FROM users'))[0]!.n;
    },

    async createSession(s: SessionRow) {
      await c.changes(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [s.idHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt],
      );
    },
    async findSession(idHash) {
      const [r] = await c.rows<SessionSql>(
        `SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
           u.email, u.name, u.organisation_id, u.role, u.disabled
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
        [idHash],
      );
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
      await c.changes('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2', [lastSeenAt, idHash]);
    },
    async deleteSession(idHash) {
      await c.changes('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteUserSessions(userId) {
      return c.changes('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
    async deleteExpiredSessions(now, idleBefore) {
      return c.changes('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2', [now, idleBefore]);
    },

    async createAccountToken(t: AccountTokenRow) {
      await c.changes(
        'INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [t.tokenHash, t.userId, t.purpose, t.createdAt, t.expiresAt, t.usedAt],
      );
    },
    async findAccountToken(tokenHash) {
      const [r] = await c.rows<TokenSql>(
        'SELECT token_hash, user_id, purpose, created_at, expires_at, used_at FROM account_tokens WHERE token_hash = $1',
        [tokenHash],
      );
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
        (await c.changes('UPDATE account_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [
          at,
          tokenHash,
        ])) === 1
      );
    },
    async deleteAccountTokens(userId) {
      await c.changes('DELETE FROM account_tokens WHERE user_id = $1 AND used_at IS NULL', [userId]);
    },

    async countAttempt(key, now, windowStartAfter) {
      const [r] = await c.rows<{ failures: number; window_start: string }>(
        `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END
         RETURNING failures, window_start`,
        [key, now, windowStartAfter],
      );
      return { failures: r!.failures, windowStart: r!.window_start };
    },
    async forgiveAttempt(key) {
      await c.changes('UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1', [key]);
    },
    async clearThrottle(key) {
      await c.changes('DELETE FROM login_throttle WHERE key = $1', [key]);
    },
  };
}
