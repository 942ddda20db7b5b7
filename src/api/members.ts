/**
 * The HTTP contract of members and partners (issue 11): session, share links, organisations,
 * users, passwords, notes, own stock, audit log. Shared by the server (validation, OpenAPI) and
 * the web app (types only). Request bodies are strict: an unknown key is a USAGE error.
 */
import { z } from 'zod';
import { DisplayNameSchema } from './display-name.js';
import { DataEditionInfoSchema, PeriodSchema } from './schemas.js';

export { DisplayNameSchema };

export const AccessModeSchema = z.enum(['public', 'members']);
export type AccessMode = z.infer<typeof AccessModeSchema>;

export const RoleSchema = z.enum(['admin', 'org-admin', 'member']);
export type ApiRole = z.infer<typeof RoleSchema>;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/, 'an e-mail address');

/** 12 to 256 characters; the upper bound keeps hashing cheap to refuse. */
export const PasswordSchema = z
  .string()
  .min(12, 'a password has at least 12 characters')
  .max(256, 'a password has at most 256 characters');

// ---------------------------------------------------------------- /api/session

export const LoginRequestSchema = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const OrganisationRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const ShareLinkViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  area: z.string(),
  areaName: z.string(),
  map: z.string().nullable(),
  period: z.string().nullable(),
  /** The data edition id the link was made on (older links: the store's data version then). */
  edition: z.string().nullable(),
  /** True when the data changed since the link was made. */
  dataChanged: z.boolean(),
  /**
   * The data edition the link shows (GET /api/editions), or null when it was made before the store
   * recorded editions; `available` false once retention dropped it (the link then shows the newest).
   */
  dataEdition: DataEditionInfoSchema.extend({ available: z.boolean() }).nullable().optional(),
  includes: z.object({ ownStock: z.boolean(), notes: z.boolean() }),
  sharedBy: z.object({ organisation: z.string(), name: z.string().nullable() }),
  expiresAt: z.string(),
});
export type ShareLinkView = z.infer<typeof ShareLinkViewSchema>;

export const SessionResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous'), access: AccessModeSchema }),
  z.object({
    kind: z.literal('user'),
    access: AccessModeSchema,
    user: z.object({ id: z.number().int(), email: z.string(), name: z.string().nullable() }),
    organisation: OrganisationRefSchema,
    role: RoleSchema,
    /** Send as X-CSRF-Token on every write. */
    csrfToken: z.string(),
    /** The absolute end of the session; it also ends after a while without requests. */
    expiresAt: z.string(),
    idleMinutes: z.number().int(),
  }),
  z.object({ kind: z.literal('share-link'), access: AccessModeSchema, shareLink: ShareLinkViewSchema }),
]);
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

// ---------------------------------------------------------------- /api/share-links

export const CreateShareLinkRequestSchema = z.strictObject({
  area: z.string().trim().min(1).max(100),
  label: DisplayNameSchema,
  /** Default 90, at most 365. */
  expiresInDays: z.number().int().min(1).max(365).optional(),
  map: z.string().trim().min(1).max(100).optional(),
  period: PeriodSchema.optional(),
  includeOwnStock: z.boolean().optional(),
  includeNotes: z.boolean().optional(),
  /** The data edition on screen (GET /api/editions); default the newest. The link keeps showing it. */
  edition: z.number().int().positive().optional(),
});
export type CreateShareLinkRequest = z.infer<typeof CreateShareLinkRequestSchema>;

export const CreatedShareLinkSchema = z.object({
  id: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  url: z.string(),
  expiresAt: z.string(),
});
export type CreatedShareLink = z.infer<typeof CreatedShareLinkSchema>;

export const ShareLinkSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  area: z.string(),
  areaName: z.string(),
  map: z.string().nullable(),
  period: z.string().nullable(),
  includes: z.object({ ownStock: z.boolean(), notes: z.boolean() }),
  organisation: OrganisationRefSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  uses: z.number().int(),
  lastUsedAt: z.string().nullable(),
});
export type ShareLinkSummary = z.infer<typeof ShareLinkSummarySchema>;

export const ShareLinksResponseSchema = z.object({ shareLinks: z.array(ShareLinkSummarySchema) });
export type ShareLinksResponse = z.infer<typeof ShareLinksResponseSchema>;

// ---------------------------------------------------------------- organisations and users

export const OrganisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  users: z.number().int(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
export const OrganisationsResponseSchema = z.object({ organisations: z.array(OrganisationSchema) });
export type OrganisationsResponse = z.infer<typeof OrganisationsResponseSchema>;
export const CreateOrganisationRequestSchema = z.strictObject({ name: DisplayNameSchema });

export const UserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  organisation: OrganisationRefSchema,
  /** invited: no password set yet. */
  status: z.enum(['active', 'invited', 'disabled']),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;
export const UsersResponseSchema = z.object({ users: z.array(UserSchema) });
export type UsersResponse = z.infer<typeof UsersResponseSchema>;

export const AccountLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
  /**
   * Whether the link was also mailed to the user: `sent`, `failed` (the mail server could not be
   * reached or refused it: pass the link on yourself) or `not-configured` (no SMTP server).
   */
  mail: z.enum(['sent', 'failed', 'not-configured']),
});
export type AccountLink = z.infer<typeof AccountLinkSchema>;

export const CreateUserRequestSchema = z.strictObject({
  email: EmailSchema,
  name: DisplayNameSchema.optional(),
  role: RoleSchema,
  /** Admins only; others add users to their own organisation. */
  organisationId: z.number().int().optional(),
});
export const CreatedUserSchema = z.object({ user: UserSchema, invitation: AccountLinkSchema });
export type CreatedUser = z.infer<typeof CreatedUserSchema>;

export const UpdateUserRequestSchema = z
  .strictObject({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    name: DisplayNameSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one of role, disabled, name' });

export const SetPasswordRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
  password: PasswordSchema,
});

// ---------------------------------------------------------------- notes

export const NoteKindSchema = z.enum(['note', 'practice']);
export const NoteVisibilitySchema = z.enum(['organisation', 'members']);

export const NoteSchema = z.object({
  id: z.number().int(),
  buurt: z.string(),
  gemeente: z.string(),
  kind: NoteKindSchema,
  visibility: NoteVisibilitySchema,
  text: z.string(),
  author: z.string(),
  organisation: z.string(),
  createdAt: z.string(),
  /** When the note was last edited; null when it never was. */
  editedAt: z.string().nullable(),
  /** The viewer may edit and delete it (author, or an org-admin of its organisation). */
  mayDelete: z.boolean(),
  /** The same as `mayDelete` (the same people edit and delete a note). */
  mayEdit: z.boolean(),
});
export type Note = z.infer<typeof NoteSchema>;
export const NotesResponseSchema = z.object({ notes: z.array(NoteSchema) });
export type NotesResponse = z.infer<typeof NotesResponseSchema>;

export const NotesQuerySchema = z.strictObject({
  buurt: z
    .string()
    .trim()
    .regex(/^BU\d{8}$/i, 'a buurt code looks like BU09170001')
    .optional(),
  area: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(2).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** Free text: any printable text and line breaks; shown as text, never as HTML. */
export const NoteTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(4000)
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s.replace(/[\n\t]/g, '')), {
    message: 'control characters are not allowed',
  });

export const CreateNoteRequestSchema = z.strictObject({
  buurt: z
    .string()
    .trim()
    .regex(/^BU\d{8}$/i, 'a buurt code looks like BU09170001'),
  text: NoteTextSchema,
  kind: NoteKindSchema.optional(),
  visibility: NoteVisibilitySchema.optional(),
});

/** PATCH /api/notes/:id: the text, kind or visibility (at least one); the buurt stays. */
export const UpdateNoteRequestSchema = z
  .strictObject({
    text: NoteTextSchema.optional(),
    kind: NoteKindSchema.optional(),
    visibility: NoteVisibilitySchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one of text, kind, visibility' });

// ---------------------------------------------------------------- own stock

export const OwnStockBuurtSchema = z.object({
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  dwellings: z.number().int(),
  /** Corporation dwellings of the buurt (KWB dwellings × corporation share), null when unknown. */
  corporationDwellings: z.number().nullable(),
  /** The organisation's share of the corporation stock, %, null when unknown. */
  share: z.number().nullable(),
  /** The KWB year the corporation stock is from. */
  corporationYear: z.number().int().nullable(),
});
export type OwnStockBuurt = z.infer<typeof OwnStockBuurtSchema>;

export const OwnStockUploadSchema = z.object({
  file: z.string(),
  rows: z.number().int(),
  buurten: z.number().int(),
  dwellings: z.number().int(),
  years: z.array(z.number().int()),
  uploadedAt: z.string(),
});

export const OwnStockResponseSchema = z.object({
  organisation: OrganisationRefSchema,
  years: z.array(z.number().int()),
  buurten: z.array(OwnStockBuurtSchema),
  uploads: z.array(OwnStockUploadSchema),
});
export type OwnStockResponse = z.infer<typeof OwnStockResponseSchema>;

export const OwnStockQuerySchema = z.strictObject({
  area: z.string().trim().min(1).max(100).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
});
export const OwnStockMapQuerySchema = z.strictObject({
  area: z.string().trim().min(1).max(100),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
});

export const OwnStockImportReportSchema = z.object({
  file: z.string(),
  rows: z.number().int(),
  buurten: z.number().int(),
  dwellings: z.number().int(),
  years: z.array(z.number().int()),
  /** buurt: a row per buurt; complex: a row per complex (by buurt code or address); address: a row per address. */
  layout: z.enum(['buurt', 'complex', 'address']),
  /** Rows placed in their buurt by postcode and house number (CBS's postcode–house number table). */
  addressRows: z.number().int(),
});
export type OwnStockImportReport = z.infer<typeof OwnStockImportReportSchema>;

/** In a buurt profile for a viewer with private data (GET /api/buurten/:code). */
export const BuurtMembersDataSchema = z.object({
  notes: z.array(NoteSchema),
  ownStock: OwnStockBuurtSchema.nullable(),
});
export type BuurtMembersData = z.infer<typeof BuurtMembersDataSchema>;

// ---------------------------------------------------------------- audit

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  event: z.string(),
  actor: z.string(),
  organisationId: z.number().int().nullable(),
  address: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export const AuditResponseSchema = z.object({ events: z.array(AuditEventSchema) });
export type AuditResponse = z.infer<typeof AuditResponseSchema>;
export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().min(1).optional(),
  event: z.string().trim().min(1).max(60).optional(),
});
