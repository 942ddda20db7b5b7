/**
 * The OpenAPI paths and schemas of members and partners (issue 11), merged into the document of
 * openapi-document.ts. Writes need a session cookie and its CSRF token (`X-CSRF-Token`); share
 * links read with `Authorization: Bearer <token>`.
 */
import { z } from 'zod';
import {
  AccountLinkSchema,
  AuditResponseSchema,
  CreatedShareLinkSchema,
  CreatedUserSchema,
  CreateNoteRequestSchema,
  CreateOrganisationRequestSchema,
  CreateShareLinkRequestSchema,
  CreateUserRequestSchema,
  LoginRequestSchema,
  NoteSchema,
  NotesResponseSchema,
  OrganisationSchema,
  OrganisationsResponseSchema,
  OwnStockImportReportSchema,
  OwnStockResponseSchema,
  SessionResponseSchema,
  SetPasswordRequestSchema,
  ShareLinksResponseSchema,
  UpdateNoteRequestSchema,
  UpdateUserRequestSchema,
  UserSchema,
  UsersResponseSchema,
} from '../api/members.js';

export const MEMBERS_SCHEMAS = {
  LoginRequest: LoginRequestSchema,
  SessionResponse: SessionResponseSchema,
  CreateShareLinkRequest: CreateShareLinkRequestSchema,
  CreatedShareLink: CreatedShareLinkSchema,
  ShareLinksResponse: ShareLinksResponseSchema,
  Organisation: OrganisationSchema,
  OrganisationsResponse: OrganisationsResponseSchema,
  CreateOrganisationRequest: CreateOrganisationRequestSchema,
  User: UserSchema,
  UsersResponse: UsersResponseSchema,
  CreateUserRequest: CreateUserRequestSchema,
  CreatedUser: CreatedUserSchema,
  UpdateUserRequest: UpdateUserRequestSchema,
  AccountLink: AccountLinkSchema,
  SetPasswordRequest: SetPasswordRequestSchema,
  Note: NoteSchema,
  NotesResponse: NotesResponseSchema,
  CreateNoteRequest: CreateNoteRequestSchema,
  UpdateNoteRequest: UpdateNoteRequestSchema,
  OwnStockResponse: OwnStockResponseSchema,
  OwnStockImportReport: OwnStockImportReportSchema,
  AuditResponse: AuditResponseSchema,
} as const;

type Name = keyof typeof MEMBERS_SCHEMAS;

export function membersSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(MEMBERS_SCHEMAS).map(([k, s]) => [
      k,
      z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }),
    ]),
  );
}

const ref = (name: Name | 'ErrorBody' | 'MapResponse') => ({ $ref: `#/components/schemas/${name}` });
const json = (name: Name | 'MapResponse', description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const body = (name: Name) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const err = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('ErrorBody') } },
});
const WRITE = {
  '400': err('Invalid body (USAGE)'),
  '401': err('Not logged in (UNAUTHENTICATED)'),
  '403': err(
    'Not allowed, a share link, or no/wrong CSRF token or another Origin (FORBIDDEN, CSRF_REJECTED)',
  ),
  '413': err('Body over 16 KiB (REQUEST_TOO_LARGE)'),
  '415': err('Body not application/json (UNSUPPORTED_MEDIA_TYPE)'),
};
const READ = { '401': err('Not logged in (UNAUTHENTICATED)'), '403': err('Not allowed (FORBIDDEN)') };
const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } };
const q = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});
const id = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export function membersPaths(): Record<string, unknown> {
  return {
    '/api/session': {
      get: {
        summary:
          'Who asks: the user (organisation, role, csrfToken), the share link (what, by whom, until when) or anonymous; the access mode',
        responses: { '200': json('SessionResponse', 'OK (never cached)') },
      },
      post: {
        summary:
          'Log in: a new session cookie (HttpOnly, SameSite=Lax, Secure over https); a cookie sent along is ended',
        requestBody: body('LoginRequest'),
        responses: {
          '200': json('SessionResponse', 'Logged in'),
          '401': err('Wrong e-mail address or password (UNAUTHENTICATED)'),
          '429': err('Too many attempts for the account or address (TOO_MANY_ATTEMPTS; Retry-After)'),
        },
      },
      delete: {
        summary: 'Log out',
        parameters: [csrf],
        responses: { '204': { description: 'Logged out' }, ...WRITE },
      },
    },
    '/api/share-links': {
      get: {
        summary: "The organisation's share links with status and uses",
        responses: { '200': json('ShareLinksResponse', 'OK'), ...READ },
      },
      post: {
        summary:
          'Make a read-only link for a gemeente or region (expiresInDays default 90, at most 365); the token is shown once',
        parameters: [csrf],
        requestBody: body('CreateShareLinkRequest'),
        responses: { '201': json('CreatedShareLink', 'Created'), ...WRITE },
      },
    },
    '/api/share-links/{id}': {
      delete: {
        summary: 'Revoke a link of your organisation (refused from its next request on)',
        parameters: [id('Share link id'), csrf],
        responses: {
          '204': { description: 'Revoked' },
          ...WRITE,
          '404': err('No such link of yours (NOT_FOUND)'),
        },
      },
    },
    '/api/organisations': {
      get: {
        summary: 'Organisations (admins: all; others: their own)',
        responses: { '200': json('OrganisationsResponse', 'OK'), ...READ },
      },
      post: {
        summary: 'Add an organisation (admins)',
        parameters: [csrf],
        requestBody: body('CreateOrganisationRequest'),
        responses: {
          '201': json('Organisation', 'Created'),
          ...WRITE,
          '409': err('Exists (ALREADY_EXISTS)'),
        },
      },
    },
    '/api/users': {
      get: {
        summary: 'Users (admins: all, or ?organisation=; org-admins: their organisation)',
        parameters: [q('organisation', 'Organisation id (admins)')],
        responses: { '200': json('UsersResponse', 'OK'), ...READ },
      },
      post: {
        summary: 'Add a user; answers an invitation link /wachtwoord#<token> (7 days)',
        parameters: [csrf],
        requestBody: body('CreateUserRequest'),
        responses: { '201': json('CreatedUser', 'Created'), ...WRITE, '409': err('Exists (ALREADY_EXISTS)') },
      },
    },
    '/api/users/{id}': {
      patch: {
        summary: 'Change role, name or disabled (disabling ends their sessions)',
        parameters: [id('User id'), csrf],
        requestBody: body('UpdateUserRequest'),
        responses: {
          '200': json('User', 'Changed'),
          ...WRITE,
          '404': err('No such user of yours (NOT_FOUND)'),
        },
      },
    },
    '/api/users/{id}/reset-link': {
      post: {
        summary: 'A link to set a new password (24 hours)',
        parameters: [id('User id'), csrf],
        responses: { '201': json('AccountLink', 'Created'), ...WRITE },
      },
    },
    '/api/password': {
      post: {
        summary: 'Set a password with an invitation or reset link token (once); ends the user’s sessions',
        requestBody: body('SetPasswordRequest'),
        responses: {
          '204': { description: 'Set' },
          '400': err('Unknown, used or expired link (ACCOUNT_LINK_INVALID), or a weak password (USAGE)'),
        },
      },
    },
    '/api/notes': {
      get: {
        summary:
          'Notes the viewer reads (their organisation’s and those shared with all members), newest first',
        parameters: [
          q('buurt', 'Buurt code'),
          q('area', 'Gemeente code or region id'),
          q('q', 'Text to find'),
          q('limit', '1–200'),
        ],
        responses: { '200': json('NotesResponse', 'OK'), ...READ },
      },
      post: {
        summary: 'Write a note on a buurt',
        parameters: [csrf],
        requestBody: body('CreateNoteRequest'),
        responses: { '201': json('Note', 'Created'), ...WRITE },
      },
    },
    '/api/notes/{id}': {
      patch: {
        summary:
          'Edit a note’s text, kind or visibility (author, or an org-admin of its organisation); audit-logged',
        parameters: [id('Note id'), csrf],
        requestBody: body('UpdateNoteRequest'),
        responses: { '200': json('Note', 'Edited'), ...WRITE },
      },
      delete: {
        summary: 'Delete a note (author, or an org-admin of its organisation); audit-logged',
        parameters: [id('Note id'), csrf],
        responses: { '204': { description: 'Deleted' }, ...WRITE },
      },
    },
    '/api/own-stock': {
      get: {
        summary:
          "The organisation's own stock per buurt with its share of the corporation stock, and the uploads",
        parameters: [q('area', 'Gemeente code or region id'), q('year', 'Year (default: the newest)')],
        responses: { '200': json('OwnStockResponse', 'OK'), ...READ },
      },
      post: {
        summary:
          'Upload own stock (org-admins): CSV buurt_code,dwellings[,year], complex,buurt_code,dwellings[,year] or, by address, [complex,]postcode,huisnummer[,toevoeging],dwellings[,year] (placed by the CBS postcode–house number table; an address not in it is AREA_UNMATCHED naming each line); replaces the years in the file',
        parameters: [q('file', 'File name, for messages'), csrf],
        requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
        responses: {
          '201': json('OwnStockImportReport', 'Imported'),
          ...WRITE,
          '413': err('Over 10 MiB (REQUEST_TOO_LARGE)'),
        },
      },
      delete: {
        summary: 'Remove all own stock (org-admins)',
        parameters: [csrf],
        responses: { '204': { description: 'Removed' }, ...WRITE },
      },
    },
    '/api/own-stock/map': {
      get: {
        summary: 'The own-stock layer (eigen-bezit) of an area as a map',
        parameters: [q('area', 'Gemeente code or region id', true), q('year', 'Year')],
        responses: { '200': json('MapResponse', 'OK'), ...READ },
      },
    },
    '/api/audit': {
      get: {
        summary: 'The audit log (admins): logins, failed logins, share links, users, passwords, own stock',
        parameters: [
          q('limit', '1–500 (100)'),
          q('before', 'Only events with a smaller id'),
          q('event', 'One kind'),
        ],
        responses: { '200': json('AuditResponse', 'OK'), ...READ },
      },
    },
    '/api/regions/{id}': {
      delete: {
        summary: "Delete a stored region (public: admins; an organisation's: its org-admins)",
        parameters: [id('Region id'), csrf],
        responses: { '204': { description: 'Deleted' }, ...WRITE },
      },
    },
  };
}
