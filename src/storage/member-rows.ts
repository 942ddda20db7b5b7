/**
 * The rows of users and of what members share and keep, as both stores' SQL returns them (the same columns in
 * SQLite and PostgreSQL, migration 6), and the queries they share: share links and notes with their
 * authors, users with their columns, and the LIKE pattern of a note search.
 */
import type { NoteRow, Role, ShareLinkRow, UserRow } from './members-store.js';

export interface ShareLinkSql {
  id: string;
  token_hash: string;
  organisation_id: number;
  created_by: number;
  label: string;
  area: string;
  map: string | null;
  period: string | null;
  edition: string | null;
  include_own_stock: number;
  include_notes: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  uses: number;
  last_used_at: string | null;
}

export function shareLinkFromSql(r: ShareLinkSql): ShareLinkRow {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    organisationId: r.organisation_id,
    createdBy: r.created_by,
    label: r.label,
    area: r.area,
    map: r.map,
    period: r.period,
    edition: r.edition,
    includeOwnStock: r.include_own_stock === 1,
    includeNotes: r.include_notes === 1,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    uses: r.uses,
    lastUsedAt: r.last_used_at,
  };
}

export interface NoteSql {
  id: number;
  organisation_id: number;
  organisation_name: string;
  author_id: number;
  author_name: string;
  buurt_code: string;
  gemeente_code: string;
  kind: NoteRow['kind'];
  visibility: NoteRow['visibility'];
  text: string;
  created_at: string;
  updated_at: string;
}

export function noteFromSql(r: NoteSql): NoteRow {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    authorId: r.author_id,
    authorName: r.author_name,
    buurtCode: r.buurt_code,
    gemeenteCode: r.gemeente_code,
    kind: r.kind,
    visibility: r.visibility,
    text: r.text,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const NOTE_SELECT = `SELECT n.id, n.organisation_id, o.name AS organisation_name, n.author_id,
  COALESCE(u.name, u.email) AS author_name, n.buurt_code, n.gemeente_code, n.kind, n.visibility, n.text,
  n.created_at, n.updated_at
  FROM notes n JOIN organisations o ON o.id = n.organisation_id JOIN users u ON u.id = n.author_id`;

/** `%text%` for LIKE with its wildcards escaped (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface UserSql {
  id: number;
  email: string;
  name: string | null;
  organisation_id: number;
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
  password_changed_at: string | null;
  last_login_at: string | null;
}

export function userFromSql(r: UserSql): UserRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    organisationId: r.organisation_id,
    role: r.role as Role,
    passwordHash: r.password_hash,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    lastLoginAt: r.last_login_at,
  };
}

export const USER_COLUMNS =
  'u.id, u.email, u.name, u.organisation_id, u.role, u.password_hash, u.disabled, u.created_at, u.password_changed_at, u.last_login_at';
