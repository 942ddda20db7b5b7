/**
 * Share links (docs/decisions/005-sessions-and-share-links.md): a member makes a read-only link
 * for a gemeente or region of theirs, optionally pinned to a map and period and including the
 * organisation's own stock and notes; it expires (default 90 days, at most 365) and can be
 * revoked. The token is 256 random bits, shown once; the store keeps its SHA-256. Revocation and
 * expiry are checked on every request. Opening the link (GET /api/session with it) counts a use.
 */
import {
  CreateShareLinkRequestSchema,
  type CreatedShareLink,
  type ShareLinkSummary,
  type ShareLinksResponse,
  type ShareLinkView,
} from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import type { ShareLinkRow } from '../../storage/members-store.js';
import { resolveMapSpec } from '../maps.js';
import { listRegions, regionVisibleTo } from '../regions.js';
import { resolveArea } from '../resolve-area.js';
import { audit } from './audit.js';
import type { MembersContext } from './members-context.js';
import { looksLikeToken, randomToken, tokenHash } from './secrets.js';
import { hasRole, type ShareLinkViewer, type UserViewer, type Viewer } from './viewer.js';

/** `last used` is written at most this often per link (every request reads the link anyway). */
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

function usage(e: { issues: { path: PropertyKey[]; message: string }[] }, what: string): AppError {
  const issue = e.issues[0]!;
  return new AppError('USAGE', `${what}: ${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

/** POST /api/share-links. `origin` is the scheme and host the link is opened on. */
export async function createShareLink(
  ctx: MembersContext,
  viewer: UserViewer,
  raw: unknown,
  origin: string,
  address: string,
): Promise<CreatedShareLink> {
  const parsed = CreateShareLinkRequestSchema.safeParse(raw);
  if (!parsed.success) throw usage(parsed.error, 'share link');
  const req = parsed.data;
  const state = await ctx.read.state.get();
  const area = await resolveArea(req.area, state, ctx.read.store);
  const region = (await listRegions(ctx.read.store)).find((r) => r.id === area.id);
  if (region && !regionVisibleTo(region, viewer))
    throw new AppError('AREA_NOT_FOUND', `'${req.area}' is neither a gemeente code (GMgggg) nor a region id`);
  if (req.map !== undefined) resolveMapSpec(state.engine, req.map);
  const days = req.expiresInDays ?? ctx.settings.shareLinkDefaultDays;
  if (days > ctx.settings.shareLinkMaxDays)
    throw new AppError('USAGE', `share link: expiresInDays is at most ${ctx.settings.shareLinkMaxDays}`);
  const now = ctx.now();
  const token = randomToken();
  const row: ShareLinkRow = {
    id: `sl_${randomToken(12)}`,
    tokenHash: tokenHash(token),
    organisationId: viewer.organisationId,
    createdBy: viewer.userId,
    label: req.label,
    area: area.id,
    map: req.map ?? null,
    period: req.period ?? null,
    // the data edition on screen (a store without editions: its data version, not servable)
    edition: await editionToRecord(ctx, req.edition, state.dataEdition?.id),
    includeOwnStock: req.includeOwnStock ?? false,
    includeNotes: req.includeNotes ?? false,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    revokedAt: null,
    revokedBy: null,
    uses: 0,
    lastUsedAt: null,
  };
  await ctx.read.store.members.createShareLink(row);
  await audit(ctx, 'share-link.created', {
    actor: viewer,
    organisationId: viewer.organisationId,
    address,
    detail: {
      id: row.id,
      // a region id is the slug of its (possibly private) name: the log says only that it was a region
      area: /^GM\d{4}$/.test(row.area) ? row.area : 'region',
      expiresAt: row.expiresAt,
      includeOwnStock: row.includeOwnStock,
      includeNotes: row.includeNotes,
    },
  });
  return { id: row.id, token, url: `${origin}/s/${token}`, expiresAt: row.expiresAt };
}

function statusOf(row: ShareLinkRow, now: Date): ShareLinkSummary['status'] {
  if (row.revokedAt) return 'revoked';
  return Date.parse(row.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** GET /api/share-links: the links of the viewer's organisation (also for admins: links are organisation data). */
export async function listShareLinks(ctx: MembersContext, viewer: UserViewer): Promise<ShareLinksResponse> {
  const members = ctx.read.store.members;
  const rows = await members.listShareLinks({ organisationId: viewer.organisationId });
  const state = await ctx.read.state.get();
  const regions = new Map((await listRegions(ctx.read.store)).map((r) => [r.id, r.name]));
  const organisations = new Map((await members.listOrganisations()).map((o) => [o.id, o.name]));
  const users = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.createdBy))) {
    const u = await members.findUser({ id });
    users.set(id, u ? (u.name ?? u.email) : `user ${id}`);
  }
  const now = ctx.now();
  return {
    shareLinks: rows.map((r) => ({
      id: r.id,
      label: r.label,
      area: r.area,
      areaName: state.gemeenteNames.get(r.area) ?? regions.get(r.area) ?? r.area,
      map: r.map,
      period: r.period,
      includes: { ownStock: r.includeOwnStock, notes: r.includeNotes },
      organisation: { id: r.organisationId, name: organisations.get(r.organisationId) ?? '' },
      createdBy: users.get(r.createdBy) ?? '',
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      status: statusOf(r, now),
      uses: r.uses,
      lastUsedAt: r.lastUsedAt,
    })),
  };
}

/**
 * DELETE /api/share-links/:id: any user of the link's organisation (a colleague can stop a link
 * that leaked) or an admin. A link of another organisation is NOT_FOUND. Revoking twice is fine.
 */
export async function revokeShareLink(
  ctx: MembersContext,
  viewer: UserViewer,
  id: string,
  address: string,
): Promise<void> {
  const row = await ctx.read.store.members.findShareLink({ id });
  if (!row || (row.organisationId !== viewer.organisationId && !hasRole(viewer, 'admin')))
    throw new AppError('NOT_FOUND', `no share link '${id}'`);
  const revoked = await ctx.read.store.members.revokeShareLink(id, ctx.now().toISOString(), viewer.userId);
  if (revoked)
    await audit(ctx, 'share-link.revoked', {
      actor: viewer,
      organisationId: row.organisationId,
      address,
      detail: { id },
    });
}

/**
 * The viewer of a share-link token: SHARE_LINK_INVALID for an unknown token (or one whose region
 * was deleted), SHARE_LINK_REVOKED and SHARE_LINK_EXPIRED as they say.
 */
export async function resolveShareToken(ctx: MembersContext, token: string): Promise<ShareLinkViewer> {
  const invalid = new AppError('SHARE_LINK_INVALID', 'this share link does not exist');
  if (!looksLikeToken(token)) throw invalid;
  const row = await ctx.read.store.members.findShareLink({ tokenHash: tokenHash(token) });
  if (!row) throw invalid;
  if (row.revokedAt) throw new AppError('SHARE_LINK_REVOKED', 'this share link was revoked');
  const now = ctx.now();
  if (Date.parse(row.expiresAt) <= now.getTime())
    throw new AppError('SHARE_LINK_EXPIRED', `this share link expired on ${row.expiresAt.slice(0, 10)}`);
  let gemeenten: string[] = [row.area];
  if (!/^GM\d{4}$/.test(row.area)) {
    const region = (await listRegions(ctx.read.store)).find((r) => r.id === row.area);
    if (!region) throw new AppError('SHARE_LINK_INVALID', 'the region this link shared no longer exists');
    gemeenten = [...region.gemeenten];
  }
  const last = lastUsedWritten.get(row.id) ?? 0;
  if (now.getTime() - last >= LAST_USED_EVERY_MS) {
    lastUsedWritten.set(row.id, now.getTime());
    await ctx.read.store.members.recordShareLinkUse(row.id, now.toISOString(), false);
  }
  return {
    kind: 'share-link',
    linkId: row.id,
    organisationId: row.organisationId,
    area: row.area,
    gemeenten,
    map: row.map,
    period: row.period,
    includeOwnStock: row.includeOwnStock,
    includeNotes: row.includeNotes,
  };
}

/** Counts one opening of the link (the web app asks GET /api/session once per page load). */
export async function countShareLinkOpen(ctx: MembersContext, viewer: Viewer): Promise<void> {
  if (viewer.kind !== 'share-link') return;
  lastUsedWritten.set(viewer.linkId, ctx.now().getTime());
  await ctx.read.store.members.recordShareLinkUse(viewer.linkId, ctx.now().toISOString(), true);
}

/** What the share page says: what is shared, by whom, until when. */
export async function shareLinkView(ctx: MembersContext, viewer: ShareLinkViewer): Promise<ShareLinkView> {
  const members = ctx.read.store.members;
  const row = await members.findShareLink({ id: viewer.linkId });
  if (!row) throw new AppError('SHARE_LINK_INVALID', 'this share link does not exist');
  const organisation = await members.findOrganisation({ id: row.organisationId });
  const creator = await members.findUser({ id: row.createdBy });
  const state = await ctx.read.state.get();
  const region = (await listRegions(ctx.read.store)).find((r) => r.id === row.area);
  return {
    id: row.id,
    label: row.label,
    area: row.area,
    areaName: state.gemeenteNames.get(row.area) ?? region?.name ?? row.area,
    map: row.map,
    period: row.period,
    edition: row.edition,
    ...(await pinnedEdition(ctx, row.edition, state.dataEdition?.id ?? null)),
    includes: { ownStock: row.includeOwnStock, notes: row.includeNotes },
    sharedBy: { organisation: organisation?.name ?? '', name: creator?.name ?? null },
    expiresAt: row.expiresAt,
  };
}

/** What a new link records: the edition asked (it must be kept: 404/410 otherwise), else the newest. */
async function editionToRecord(
  ctx: MembersContext,
  asked: number | undefined,
  newest: number | undefined,
): Promise<string> {
  if (asked !== undefined) {
    await ctx.read.state.at(asked); // EDITION_NOT_FOUND / EDITION_GONE
    return String(asked);
  }
  return newest !== undefined ? String(newest) : ctx.read.state.version();
}

/**
 * The data edition a link was made on and whether the data changed since. Links made before the
 * store recorded editions hold its data version then: they are not pinned (they show the newest).
 */
async function pinnedEdition(
  ctx: MembersContext,
  edition: string | null,
  newest: number | null,
): Promise<Pick<ShareLinkView, 'dataChanged' | 'dataEdition'>> {
  if (edition === null || !/^\d+$/.test(edition))
    return {
      dataChanged: edition !== null && edition !== (await ctx.read.state.version()),
      dataEdition: null,
    };
  const row = (await ctx.read.store.listDataEditions()).find((e) => e.id === Number(edition));
  if (!row) return { dataChanged: true, dataEdition: null };
  return {
    dataChanged: row.id !== newest,
    dataEdition: {
      id: row.id,
      label: row.label,
      createdAt: row.createdAt,
      current: row.id === newest,
      available: row.available,
    },
  };
}
