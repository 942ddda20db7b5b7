/**
 * What the store keeps about members and partners (store migration 6): organisations, users,
 * sessions, invitation and reset tokens, login throttling, share links, own stock, notes, the
 * audit log and the private-data version. `Store.members` implements it; the SQLite version is
 * in sqlite/members-*.ts. Secrets never reach the store: tokens are SHA-256 hashes and passwords
 * argon2id hashes (src/service/members/). Times are ISO-8601 UTC strings, so they sort as text.
 */

import type { ScenarioStore } from './scenario-store.js';

export const ROLES = ['admin', 'org-admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface OrganisationRow {
  id: number;
  name: string;
  createdAt: string;
}

export interface UserRow {
  id: number;
  /** Lower case; unique. */
  email: string;
  name: string | null;
  organisationId: number;
  role: Role;
  /** argon2id PHC string; null until the invitation was accepted. */
  passwordHash: string | null;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
}

/** What a request with a session needs of its user. */
export type SessionUser = Pick<UserRow, 'id' | 'email' | 'name' | 'organisationId' | 'role' | 'disabled'>;

export type NewUserRow = Omit<UserRow, 'id' | 'lastLoginAt' | 'passwordChangedAt'> & {
  passwordChangedAt?: string | null;
};

export interface SessionRow {
  /** SHA-256 (base64url) of the session id in the cookie. */
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** The absolute end of the session. */
  expiresAt: string;
}

export type AccountTokenPurpose = 'invitation' | 'reset';

export interface AccountTokenRow {
  tokenHash: string;
  userId: number;
  purpose: AccountTokenPurpose;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface ThrottleRow {
  failures: number;
  windowStart: string;
}

export interface ShareLinkRow {
  id: string;
  tokenHash: string;
  organisationId: number;
  createdBy: number;
  label: string;
  /** A gemeente code or a region id. */
  area: string;
  map: string | null;
  period: string | null;
  /** The data version the link was made on (shown; the store keeps only the current data). */
  edition: string | null;
  includeOwnStock: boolean;
  includeNotes: boolean;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: number | null;
  uses: number;
  lastUsedAt: string | null;
}

export interface OwnStockRow {
  buurtCode: string;
  year: number;
  dwellings: number;
  /** Complexes counted into `dwellings` (uploads per complex); null for uploads per buurt. */
  complexes: number | null;
}

export interface OwnStockUploadRow {
  id: number;
  organisationId: number;
  file: string;
  checksum: string;
  rows: number;
  buurten: number;
  dwellings: number;
  years: number[];
  uploadedBy: number | null;
  uploadedAt: string;
}

export type NoteKind = 'note' | 'practice';
export type NoteVisibility = 'organisation' | 'members';

export interface NoteRow {
  id: number;
  organisationId: number;
  organisationName: string;
  authorId: number;
  authorName: string;
  buurtCode: string;
  gemeenteCode: string;
  kind: NoteKind;
  visibility: NoteVisibility;
  text: string;
  createdAt: string;
  updatedAt: string;
}

export type NewNoteRow = Omit<NoteRow, 'id' | 'organisationName' | 'authorName'>;

/**
 * Which notes a query may return: those of `organisationId` (any visibility), plus, with
 * `membersShared`, every organisation's notes shared with all members.
 */
export interface NoteQuery {
  organisationId: number;
  membersShared: boolean;
  buurtCode?: string;
  gemeenten?: readonly string[];
  /** Case-insensitive substring of the text. */
  text?: string;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: string;
  event: string;
  actorUserId: number | null;
  /** An e-mail address, `share-link:<id>`, `cli` or `anonymous`. */
  actor: string;
  organisationId: number | null;
  address: string | null;
  detail: Record<string, unknown>;
}

export interface MembersStore extends ScenarioStore {
  createOrganisation(name: string, nameKey: string, at: string): Promise<OrganisationRow>;
  findOrganisation(q: { id: number } | { nameKey: string }): Promise<OrganisationRow | undefined>;
  listOrganisations(): Promise<OrganisationRow[]>;

  createUser(row: NewUserRow): Promise<UserRow>;
  findUser(q: { id: number } | { email: string }): Promise<UserRow | undefined>;
  listUsers(q: { organisationId?: number }): Promise<UserRow[]>;
  updateUser(
    id: number,
    patch: Partial<
      Pick<UserRow, 'role' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt' | 'name'>
    >,
  ): Promise<void>;
  countUsers(): Promise<number>;

  createSession(row: SessionRow): Promise<void>;
  /**
   * The session with what the viewer needs of its user, whatever their state (the caller checks
   * expiry and `disabled`). Asked on every request with a session cookie: one indexed read.
   */
  findSession(idHash: string): Promise<{ session: SessionRow; user: SessionUser } | undefined>;
  touchSession(idHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<number>;
  /** Deletes sessions past their absolute end or idle since before `idleBefore`. */
  deleteExpiredSessions(now: string, idleBefore: string): Promise<number>;

  createAccountToken(row: AccountTokenRow): Promise<void>;
  findAccountToken(tokenHash: string): Promise<AccountTokenRow | undefined>;
  /** Marks an unused token used; false when it was used already (a second use is refused). */
  useAccountToken(tokenHash: string, at: string): Promise<boolean>;
  deleteAccountTokens(userId: number): Promise<void>;

  /**
   * Counts one login attempt under `key` in one statement (so parallel attempts cannot slip
   * past a limit): a window that started before `windowStartAfter` starts again at `now`.
   * Returns the count and window after this attempt.
   */
  countAttempt(key: string, now: string, windowStartAfter: string): Promise<ThrottleRow>;
  /** Takes one attempt back (a successful login from a shared address). */
  forgiveAttempt(key: string): Promise<void>;
  clearThrottle(key: string): Promise<void>;

  createShareLink(row: ShareLinkRow): Promise<void>;
  findShareLink(q: { id: string } | { tokenHash: string }): Promise<ShareLinkRow | undefined>;
  /** Newest first; all organisations without `organisationId`. */
  listShareLinks(q: { organisationId?: number }): Promise<ShareLinkRow[]>;
  /** False when the link was revoked already. */
  revokeShareLink(id: string, at: string, by: number): Promise<boolean>;
  /** Sets last used; with `countUse` also adds one to the uses. */
  recordShareLinkUse(id: string, at: string, countUse: boolean): Promise<void>;

  /** Replaces the organisation's stock of the years in the upload by `rows`, and logs the upload. */
  replaceOwnStock(
    organisationId: number,
    rows: readonly OwnStockRow[],
    upload: Omit<OwnStockUploadRow, 'id'>,
  ): Promise<void>;
  getOwnStock(organisationId: number, q: { codes?: readonly string[] }): Promise<OwnStockRow[]>;
  listOwnStockUploads(organisationId: number): Promise<OwnStockUploadRow[]>;
  clearOwnStock(organisationId: number): Promise<number>;

  createNote(row: NewNoteRow): Promise<NoteRow>;
  findNote(id: number): Promise<NoteRow | undefined>;
  listNotes(q: NoteQuery): Promise<NoteRow[]>;
  /** Sets the given fields and `updatedAt`; the note as it is now, undefined when there is none. */
  updateNote(
    id: number,
    patch: Partial<Pick<NoteRow, 'text' | 'kind' | 'visibility'>> & { updatedAt: string },
  ): Promise<NoteRow | undefined>;
  deleteNote(id: number): Promise<void>;

  deleteRegion(id: string): Promise<void>;

  appendAudit(row: Omit<AuditRow, 'id'>): Promise<void>;
  /** Newest first. */
  listAudit(q: { limit: number; beforeId?: number; event?: string }): Promise<AuditRow[]>;

  /** A counter that changes on every write of per-organisation data (notes, own stock, regions). */
  privateDataVersion(): Promise<number>;
  bumpPrivateDataVersion(): Promise<void>;
}
