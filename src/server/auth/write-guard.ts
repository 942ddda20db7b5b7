/**
 * Every write (POST, PUT, PATCH, DELETE under /api) passes here before its route:
 *
 * 1. Body size: at most 16 KiB of JSON (10 MiB for an own-stock CSV upload), counted as it
 *    streams in, so an oversized or endless body is refused (413 REQUEST_TOO_LARGE) early.
 * 2. Content type: a body must be application/json (text/csv for the upload); a form post or
 *    text/plain — what another site can send without a CORS preflight — is refused (415).
 * 3. Origin: a browser's Origin (and Sec-Fetch-Site) must be this deployment's own (403 CSRF_REJECTED).
 * 4. Who: a logged-in user (share links are read-only; anonymous writes are refused in both
 *    access modes), sending the session's CSRF token (from GET /api/session) as X-CSRF-Token.
 *    Login and setting a password by link carry their own credential and skip step 4; running a
 *    scenario is a computation on data the viewer may read (the route authorises the area), so it
 *    skips step 4 too.
 */
import type { Context, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/app-error.js';
import { sameSecret } from '../../service/members/secrets.js';
import { ownOrigin, viewerOf, type AuthDeps } from './request-context.js';

export const JSON_BODY_LIMIT = 16 * 1024;
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024;

/** Writes that carry their own credential (a password, a one-time link token). */
const WITHOUT_SESSION = new Set(['POST /api/session', 'POST /api/password']);
const UPLOADS = new Set(['POST /api/own-stock']);
/** POSTs that only compute from what the viewer may read (the route checks the area like a read). */
const COMPUTE = new Set(['POST /api/scenarios/run', 'POST /api/scenarios/run.csv']);

const tooLarge = (limit: number) => () => {
  throw new AppError('REQUEST_TOO_LARGE', `the request body is larger than ${limit / 1024} KiB`);
};
const jsonLimit = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge(JSON_BODY_LIMIT) });
const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge(UPLOAD_BODY_LIMIT) });

/**
 * HTTP/1.1: a request has a body when it has Transfer-Encoding or a Content-Length above 0. A
 * request made in process (app.request) carries neither header: there the body itself tells.
 */
function hasBody(c: Context): boolean {
  if (c.req.header('Transfer-Encoding') !== undefined) return true;
  const length = c.req.header('Content-Length');
  if (length !== undefined) return length !== '0';
  const fromSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
  return !fromSocket && c.req.raw.body !== null;
}

function mediaType(c: Context): string {
  return (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The checks of a write (method other than GET, HEAD, OPTIONS); says which body limit applies. */
export function checkWrite(deps: AuthDeps, c: Context): 'json' | 'upload' {
  const route = `${c.req.method} ${c.req.path.replace(/\/+$/, '')}`;
  const upload = UPLOADS.has(route);

  const origin = c.req.header('Origin');
  if (origin !== undefined && origin !== ownOrigin(c, deps.options))
    throw new AppError('CSRF_REJECTED', 'a write from another site (Origin) is refused');
  if (c.req.header('Sec-Fetch-Site') === 'cross-site')
    throw new AppError('CSRF_REJECTED', 'a write from another site (Sec-Fetch-Site) is refused');

  if (hasBody(c)) {
    const type = mediaType(c);
    const wanted = upload ? ['text/csv'] : ['application/json'];
    if (!wanted.includes(type))
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        `${route} takes ${wanted[0]}${type ? `, not ${type}` : ' (no Content-Type was sent)'}`,
      );
  }

  if (!WITHOUT_SESSION.has(route) && !COMPUTE.has(route)) {
    const viewer = viewerOf(c);
    if (viewer.kind === 'share-link') throw new AppError('FORBIDDEN', 'a share link cannot change anything');
    if (viewer.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'log in first (POST /api/session)');
    const token = c.req.header('X-CSRF-Token') ?? '';
    if (!sameSecret(token, viewer.csrfToken))
      throw new AppError(
        'CSRF_REJECTED',
        'send the CSRF token of GET /api/session as the X-CSRF-Token header',
      );
  }
  return upload ? 'upload' : 'json';
}

/** Reads the body within its limit (413 REQUEST_TOO_LARGE beyond it), then the route. */
export function limitBody(kind: 'json' | 'upload', c: Context, next: Next): Promise<Response | void> {
  return (kind === 'upload' ? uploadLimit : jsonLimit)(c, next);
}

export function writeGuard(deps: AuthDeps) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    return limitBody(checkWrite(deps, c), c, next);
  };
}
