/**
 * Who may read which area (docs/security.md, "Who may see what"). Public data (maps, profiles,
 * comparisons of gemeenten and the operator's regions) is readable by anyone in public mode and
 * by every user and share link in members mode — a share link only within its area there. An
 * organisation's region is seen by that organisation's users and by share links of that region;
 * to anyone else it does not exist (AREA_NOT_FOUND, as an unknown id).
 */
import type { GemeentenResponse } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import type { ReadContext } from '../read-context.js';
import { listRegions, regionVisibleTo } from '../regions.js';
import type { AccessMode, Viewer } from './viewer.js';

/** Members mode: every data route needs a session or a share link. */
export function requireReader(viewer: Viewer, access: AccessMode): void {
  if (access === 'members' && viewer.kind === 'anonymous')
    throw new AppError('UNAUTHENTICATED', 'log in, or open a share link, to see the maps');
}

/** True when a share link limits what this viewer reads (members mode). */
function scopedLink(viewer: Viewer, access: AccessMode): viewer is Extract<Viewer, { kind: 'share-link' }> {
  return viewer.kind === 'share-link' && access === 'members';
}

function outsideLink(area: string, linkArea: string): AppError {
  return new AppError('FORBIDDEN', `this share link shows ${linkArea} only, not ${area}`);
}

/**
 * For a gemeente code (GMgggg): throws unless the viewer may read it, and returns true. Returns
 * false for anything else (a region id: `authoriseArea`).
 */
export function authoriseGemeente(viewer: Viewer, access: AccessMode, raw: string): boolean {
  const id = raw.trim();
  if (!/^GM\d{4}$/i.test(id)) return false;
  requireReader(viewer, access);
  const gm = id.toUpperCase();
  if (scopedLink(viewer, access) && !viewer.gemeenten.includes(gm)) throw outsideLink(gm, viewer.area);
  return true;
}

/**
 * Throws unless the viewer may read the area (a gemeente code or a region id). An unknown id
 * passes: the read service answers AREA_NOT_FOUND itself.
 */
export async function authoriseArea(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  raw: string,
): Promise<void> {
  requireReader(viewer, access);
  if (authoriseGemeente(viewer, access, raw)) return;
  const id = raw.trim();
  const region = (await listRegions(ctx.store)).find((r) => r.id === id);
  if (!region) {
    if (scopedLink(viewer, access)) throw outsideLink(id, viewer.area);
    return;
  }
  if (!regionVisibleTo(region, viewer))
    throw new AppError(
      'AREA_NOT_FOUND',
      `'${id}' is neither a gemeente code (GMgggg) nor a region id; GET /api/regions lists the regions`,
    );
  if (scopedLink(viewer, access) && region.id !== viewer.area) throw outsideLink(id, viewer.area);
}

/** The gemeente of a buurt or wijk code (BUggggwwbb, WKggggww), undefined for anything else. */
export function gemeenteOfCode(code: string): string | undefined {
  const m = /^(?:BU|WK)(\d{4})\d{2,4}$/i.exec(code.trim());
  return m ? `GM${m[1]}` : undefined;
}

/** Throws unless the viewer may read the buurt (or wijk) with this code. */
export function authoriseCode(viewer: Viewer, access: AccessMode, code: string): void {
  requireReader(viewer, access);
  const gm = gemeenteOfCode(code);
  if (gm && scopedLink(viewer, access) && !viewer.gemeenten.includes(gm))
    throw outsideLink(code.trim().toUpperCase(), viewer.area);
  if (!gm && scopedLink(viewer, access)) throw outsideLink(code.trim(), viewer.area);
}

/** True when the response of a list route must be narrowed to the viewer's share link. */
export function narrowsToLink(viewer: Viewer, access: AccessMode): boolean {
  return scopedLink(viewer, access);
}

/** The gemeenten list as a viewer may see it: a share link in members mode sees its own gemeenten. */
export function gemeentenFor(body: GemeentenResponse, viewer: Viewer, access: AccessMode): GemeentenResponse {
  if (!scopedLink(viewer, access)) return body;
  const keep = new Set(viewer.gemeenten);
  return { ...body, gemeenten: body.gemeenten.filter((g) => keep.has(g.code)) };
}

/** Buurt search hits a viewer may see. */
export function withinLink<T extends { gemeente: string }>(
  hits: readonly T[],
  viewer: Viewer,
  access: AccessMode,
): T[] {
  if (!scopedLink(viewer, access)) return [...hits];
  const keep = new Set(viewer.gemeenten);
  return hits.filter((h) => keep.has(h.gemeente));
}
