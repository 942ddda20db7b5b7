/**
 * Every read (GET under /api) passes here before its route, so that no route — also one added
 * later — can forget it:
 *
 * - members mode: a session or a share link is needed (401 UNAUTHENTICATED), except for the
 *   session, password and OpenAPI routes;
 * - a share link in members mode reads only the routes that show its area (others are 403);
 * - every `area`/`areas`/`gemeente` parameter, the area of a report (/api/reports/<area>.pdf) and
 *   every buurt or wijk code in the path is checked against
 *   the viewer (access.ts): another organisation's region does not exist for them (404), a
 *   share link in members mode sees only its own area (403).
 */
import type { Context, Next } from 'hono';
import { AppError } from '../../core/app-error.js';
import {
  authoriseArea,
  authoriseCode,
  authoriseGemeente,
  requireReader,
} from '../../service/members/access.js';
import { accessOf, viewerOf, type AuthDeps } from './request-context.js';

/** Readable without a session or share link in members mode. */
const OPEN = [/^\/api\/openapi\.json$/, /^\/api\/session$/, /^\/api\/password$/];

/** What a share link reads in members mode: the routes that show (part of) its area. */
const SHARE_LINK_ROUTES = [
  /^\/api\/session$/,
  /^\/api\/gemeenten$/,
  /^\/api\/regions$/,
  /^\/api\/maps(\/definitions|\.csv|\.geojson|\.gpkg|\.pdf)?$/,
  /^\/api\/reports\/[^/]+$/,
  /^\/api\/buurten(\/[^/]+)?$/,
  /^\/api\/buurten\/[^/]+\/similar$/,
  /^\/api\/early-warning$/,
  /^\/api\/compare$/,
  /^\/api\/editions(\/changes)?$/,
  /^\/api\/config$/,
  /^\/api\/notes$/,
  /^\/api\/own-stock(\/map)?$/,
];

/**
 * The checks of a read; a promise only when a region id must be looked up (gemeente and buurt
 * codes are checked without waiting, so the common request pays no extra turn of the event loop).
 */
export function checkRead(deps: AuthDeps, c: Context): Promise<void> | void {
  const path = c.req.path.replace(/\/+$/, '') || '/';
  if (OPEN.some((r) => r.test(path))) return;
  const viewer = viewerOf(c);
  const access = accessOf(c);
  requireReader(viewer, access);
  if (viewer.kind === 'share-link' && access === 'members' && !SHARE_LINK_ROUTES.some((r) => r.test(path)))
    throw new AppError('FORBIDDEN', 'a share link reads the maps of its area only');
  for (const segment of path.split('/').slice(3)) {
    const decoded = safeDecode(segment).trim();
    if (/^(BU|WK)\d/i.test(decoded)) authoriseCode(viewer, access, decoded);
  }
  // every parameter that names an area: `area`, `areas` (comma-separated), and `gemeente` (the
  // OGC API filter, which takes a region id too)
  const report = /^\/api\/reports\/([^/]+)\.pdf$/i.exec(path);
  const areas = [
    ...(report ? [safeDecode(report[1]!)] : []), // the area of a report is in its path
    ...(c.req.queries('area') ?? []),
    ...(c.req.queries('gemeente') ?? []),
    ...(c.req.queries('areas') ?? []).flatMap((list) => list.split(',')),
  ].filter((a) => a.trim() !== '');
  const regions = areas.filter((a) => !authoriseGemeente(viewer, access, a));
  if (regions.length === 0) return;
  return (async () => {
    for (const raw of regions) await authoriseArea(deps.members.read, viewer, access, raw);
  })();
}

export function readGuard(deps: AuthDeps) {
  return async (c: Context, next: Next): Promise<void> => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    await checkRead(deps, c);
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
