/**
 * Accounts (store migration 6), written once for both stores on a SqlRunner: organisations,
 * users, sessions, invitation/reset tokens and login throttling. Sessions live in the database,
 * so on PostgreSQL every instance on it knows every session.
 */
import {
  accountTokenFromSql,
  organisationFromSql,
  SESSION_SELECT,
  sessionFromSql,
  USER_COLUMNS,
  userFromSql,
  type AccountTokenSql,
  type OrganisationSql,
  type SessionSql,
  type UserSql,
} from './member-rows.js';
import type { MembersStore } from './members-store.js';
import type { SqlRunner, SqlValue } from './sql-runner.js';

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

export function accountMethods(sql: SqlRunner): Pick<MembersStore, AccountMethodName> {
  return {
    async createOrganisation(name, nameKey, at) {
      const r = await sql.get<{ id: number }>(
        'INSERT INTO organisations (name, name_key, created_at) VALUES (?, ?, ?) RETURNING id',
        [name, nameKey, at],
      );
      return { id: r!.id, name, createdAt: at };
    },
    async findOrganisation(q) {
      const r =
        'id' in q
          ? await sql.get<OrganisationSql>('SELECT id, name, created_at FROM organisations WHERE id = ?', [
              q.id,
            ])
          : await sql.get<OrganisationSql>(
              'SELECT id, name, created_at FROM organisations WHERE name_key = ?',
              [q.nameKey],
            );
      return r ? organisationFromSql(r) : undefined;
    },
    async listOrganisations() {
      const rows = await sql.all<OrganisationSql>(
        'SELECT id, name, created_at FROM organisations ORDER BY name',
      );
      return rows.map(organisationFromSql);
    },
    async createUser(row) {
      const r = await sql.get<{ id: number }>(
        `INSERT INTO users (email, name, organisation_id, role, password_hash, disabled, created_at, password_changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
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
      const r =
        'id' in q
          ? await sql.get<UserSql>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`, [q.id])
          : await sql.get<UserSql>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`, [q.email]);
      return r ? userFromSql(r) : undefined;
    },
    async listUsers(q) {
      const rows =
        q.organisationId === undefined
          ? await sql.all<UserSql>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.email`)
          : await sql.all<UserSql>(
              `SELECT ${USER_COLUMNS} FROM users u WHERE u.organisation_id = ? ORDER BY u.email`,
              [q.organisationId],
            );
      return rows.map(userFromSql);
    },
    async updateUser(id, patch) {
      const sets: string[] = [];
      const values: SqlValue[] = [];
      for (const [key, column] of Object.entries(USER_PATCH_COLUMNS)) {
        const v = patch[key as keyof typeof patch];
        if (v === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      }
      if (sets.length === 0) return;
      await sql.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...values, id]);
    },
    async countUsers() {
      // CAST: PostgreSQL counts in bigint.
      return (await sql.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users'))!.n;
    },

    async createSession(s) {
      await sql.run(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        [s.idHash, s.userId, s.csrfToken, s.createdAt, s.lastSeenAt, s.expiresAt],
      );
    },
    async findSession(idHash) {
      const r = await sql.get<SessionSql>(SESSION_SELECT, [idHash]);
      return r ? sessionFromSql(idHash, r) : undefined;
    },
    async touchSession(idHash, lastSeenAt) {
      await sql.run('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', [lastSeenAt, idHash]);
    },
    async deleteSession(idHash) {
      await sql.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    },
    async deleteUserSessions(userId) {
      return sql.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    },
    async deleteExpiredSessions(now, idleBefore) {
      return sql.run('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?', [now, idleBefore]);
    },

    async createAccountToken(t) {
      await sql.run(
        'INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)',
        [t.tokenHash, t.userId, t.purpose, t.createdAt, t.expiresAt, t.usedAt],
      );
    },
    async findAccountToken(tokenHash) {
      const r = await sql.get<AccountTokenSql>(
        'SELECT token_hash, user_id, purpose, created_at, expires_at, used_at FROM account_tokens WHERE token_hash = ?',
        [tokenHash],
      );
      return r ? accountTokenFromSql(r) : undefined;
    },
    async useAccountToken(tokenHash, at) {
      const changed = await sql.run(
        'UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
        [at, tokenHash],
      );
      return changed === 1;
    },
    async deleteAccountTokens(userId) {
      await sql.run('DELETE FROM account_tokens WHERE user_id = ? AND used_at IS NULL', [userId]);
    },

    async countAttempt(key, now, windowStartAfter) {
      const r = await sql.get<{ failures: number; window_start: string }>(
        `INSERT INTO login_throttle (key, failures, window_start) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start < ? THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start < ? THEN ? ELSE login_throttle.window_start END
         RETURNING failures, window_start`,
        [key, now, windowStartAfter, windowStartAfter, now],
      );
      return { failures: r!.failures, windowStart: r!.window_start };
    },
    async forgiveAttempt(key) {
      // CASE, not MAX/GREATEST: SQLite and PostgreSQL name the larger-of-two differently.
      await sql.run(
        'UPDATE login_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END WHERE key = ?',
        [key],
      );
    },
    async clearThrottle(key) {
      await sql.run('DELETE FROM login_throttle WHERE key = ?', [key]);
    },
  };
}
