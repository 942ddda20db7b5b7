/**
 * The rows of accounts and of what members share and keep (migrations 6 and 8: the same columns in
 * SQLite and PostgreSQL) as the SQL returns them, turned into the rows of members-store.ts and
 * scenario-store.ts; and the SELECTs that join them to their names. Integer flags come back as 0/1
 * and lists as JSON text in both stores.
 */
import type {
  AccountTokenRow,
  AuditRow,
  NoteRow,
  OrganisationRow,
  OwnStockRow,
  OwnStockUploadRow,
  Role,
  SessionRow,
  SessionUser,
  ShareLinkRow,
  UserRow,
} from './members-store.js';
import type { ScenarioRow } from './scenario-store.js';

export interface OrganisationSql {
  id: number;
  name: string;
  created_at: string;
}

export function organisationFromSql(r: OrganisationSql): OrganisationRow {
  return { id: r.id, name: r.name, createdAt: r.created_at };
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

/** A session with its user, by the hash of its id. */
export const SESSION_SELECT = `SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
  u.email, u.name, u.organisation_id, u.role, u.disabled
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`;

export interface SessionSql {
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

export function sessionFromSql(idHash: string, r: SessionSql): { session: SessionRow; user: SessionUser } {
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
}

export interface AccountTokenSql {
  token_hash: string;
  user_id: number;
  purpose: AccountTokenRow['purpose'];
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export function accountTokenFromSql(r: AccountTokenSql): AccountTokenRow {
  return {
    tokenHash: r.token_hash,
    userId: r.user_id,
    purpose: r.purpose,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

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

export interface OwnStockSql {
  buurt_code: string;
  year: number;
  dwellings: number;
  complexes: number | null;
}

export function ownStockFromSql(r: OwnStockSql): OwnStockRow {
  return { buurtCode: r.buurt_code, year: r.year, dwellings: r.dwellings, complexes: r.complexes };
}

export interface OwnStockUploadSql {
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

export function ownStockUploadFromSql(r: OwnStockUploadSql): OwnStockUploadRow {
  return {
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
  };
}

export const NOTE_SELECT = `SELECT n.id, n.organisation_id, o.name AS organisation_name, n.author_id,
  COALESCE(u.name, u.email) AS author_name, n.buurt_code, n.gemeente_code, n.kind, n.visibility, n.text,
  n.created_at, n.updated_at
  FROM notes n JOIN organisations o ON o.id = n.organisation_id JOIN users u ON u.id = n.author_id`;

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

/** `%text%` for LIKE with its wildcards escaped (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface AuditSql {
  id: number;
  at: string;
  event: string;
  actor_user_id: number | null;
  actor: string;
  organisation_id: number | null;
  address: string | null;
  detail: string;
}

export function auditFromSql(r: AuditSql): AuditRow {
  return {
    id: r.id,
    at: r.at,
    event: r.event,
    actorUserId: r.actor_user_id,
    actor: r.actor,
    organisationId: r.organisation_id,
    address: r.address,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

export const SCENARIO_SELECT = `SELECT s.id, s.organisation_id, s.author_id, COALESCE(u.name, u.email) AS author_name, s.title,
  s.area, s.spec_json, s.created_at FROM scenarios s JOIN users u ON u.id = s.author_id`;

export interface ScenarioSql {
  id: number;
  organisation_id: number;
  author_id: number;
  author_name: string;
  title: string;
  area: string;
  spec_json: string;
  created_at: string;
}

export function scenarioFromSql(r: ScenarioSql): ScenarioRow {
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
