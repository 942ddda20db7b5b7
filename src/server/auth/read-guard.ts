/**
 * Every read (GET under /api) passes here before its route, so that no route — also one added
 * later — can forget it:
 *
 * - members mode: a session or a share link is needed (401 UNAUTHENTICATED), except for the
 *   session, password and OpenAPI routes;
 * - a share link in members mode reads only the routes that show its area (others are 403);
 * - every `area`/`areas` parameter and every buurt or wijk code in the path is checked against
 *   the viewer (access.ts): another organisation's region does not exist for them (404), a
 *   share link in members mode sees only its own area (403).
 */
import type { Context, Next } from 'hono';
import { AppError } from '../../core/app-error.js';
import { authoriseArea, authoriseCode, requireReader } from '../../service/members/access.js';
import { accessOf, viewerOf, type AuthDeps } from './request-context.js';

/** Readable without a session or share link in members mode. */
const OPEN = [/^\/api\/openapi\.json$/, /^\/api\/session$/, /^\/api\/password$/];

/** What a share link reads in members mode: the routes that show (part of) its area. */
const SHARE_LINK_ROUTES = [
  /^\/api\/session$/,
  /^\/api\/gemeenten$/,
  /^\/api\/regions$/,
  /^\/api\/maps(\/definitions|\.csv|\.geojson|\.gpkg|\.pdf)?$/,
  /^\/api\/buurten(\/[^/]+)?$/,
  /^\/api\/compare$/,
  /^\/api\/config$/,
  /^\/api\/notes$/,
  /^\/api\/own-stock(\/map)?$/,
];

export function readGuard(deps: AuthDeps) {
  return async (c: Context, next: Next): Promise<void> => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path.replace(/\/+$/, '') || '/';
    if (OPEN.some((r) => r.test(path))) return next();
    const viewer = viewerOf(c);
    const access = accessOf(c);
    requireReader(viewer, access);
    if (viewer.kind === 'share-link' && access === 'members' && !SHARE_LINK_ROUTES.some((r) => r.test(path)))
      throw new AppError('FORBIDDEN', 'a share link reads the maps of its area only');
    const read = deps.members.read;
    const query = c.req.queries();
    for (const raw of query['area'] ?? []) await authoriseArea(read, viewer, access, raw);
    for (const list of query['areas'] ?? [])
      for (const raw of list.split(',')) if (raw.trim()) await authoriseArea(read, viewer, access, raw);
    for (const segment of path.split('/').slice(3)) {
      const decoded = safeDecode(segment).trim();
      if (/^(BU|WK)\d/i.test(decoded)) authoriseCode(viewer, access, decoded);
    }
    return next();
  };
}

/** Decoded as Hono decodes path parameters: a malformed escape leaves the segment as it is. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
