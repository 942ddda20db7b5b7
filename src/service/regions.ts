/**
 * Regions: named lists of gemeenten that work like a gemeente (GET/POST/DELETE /api/regions).
 * The operator's regions are public: the predefined ones live here, in code (Parkstad Limburg),
 * others are stored by an admin. A member stores a region for their organisation (a werkgebied):
 * only that organisation's users see it, and share links of that region. Listing never writes.
 * Codes of the predefined regions verified against the KWB 2024 gemeente rows (gm_code/gm_naam)
 * in ../shared/data.
 */
import { CreateRegionRequestSchema, type Region, type RegionsResponse } from '../api/schemas.js';
import { AppError, isAppError } from '../core/app-error.js';
import { mergedOnDivision } from '../core/gemeente-register.js';
import type { RegionRow, Store } from '../storage/store.js';
import type { ReadContext } from './read-context.js';
import { ANONYMOUS, hasRole, type AccessMode, type UserViewer, type Viewer } from './members/viewer.js';

export const PREDEFINED_REGIONS: readonly RegionRow[] = [
  {
    id: 'parkstad-limburg',
    name: 'Parkstad Limburg',
    // Beekdaelen, Brunssum, Heerlen, Kerkrade, Landgraaf, Simpelveld, Voerendaal
    gemeenten: ['GM1954', 'GM0899', 'GM0917', 'GM0928', 'GM0882', 'GM0965', 'GM0986'],
    predefined: true,
  },
];

/** Every region: the predefined ones first, then those stored (a stored copy of a predefined id is ignored). */
export async function listRegions(store: Store): Promise<RegionRow[]> {
  const predefined = new Set(PREDEFINED_REGIONS.map((r) => r.id));
  const stored = (await store.listRegions()).filter((r) => !predefined.has(r.id));
  return [...PREDEFINED_REGIONS.map((r) => ({ ...r, gemeenten: [...r.gemeenten] })), ...stored];
}

/** True for the operator's regions (predefined or stored without organisation). */
export function isPublicRegion(region: RegionRow): boolean {
  return region.predefined || region.organisationId === undefined || region.organisationId === null;
}

/** A public region, a region of the viewer's organisation, or the region a share link shares. */
export function regionVisibleTo(region: RegionRow, viewer: Viewer): boolean {
  if (isPublicRegion(region)) return true;
  if (viewer.kind === 'user') return viewer.organisationId === region.organisationId;
  if (viewer.kind === 'share-link') return viewer.area === region.id;
  return false;
}

function toRegion(r: RegionRow): Region {
  return {
    id: r.id,
    name: r.name,
    gemeenten: [...r.gemeenten],
    predefined: r.predefined,
    visibility: isPublicRegion(r) ? 'public' : 'organisation',
  };
}

/**
 * The body of GET /api/regions: the regions the viewer may see. A share link in members mode
 * sees only the region it shares (none when it shares a gemeente). A predefined region is listed
 * only when the store has buurten of at least one of its gemeenten: on the demo set, or a store
 * of other gemeenten, "Parkstad Limburg" would only lead to an empty map.
 */
export async function regionsResponse(
  ctx: ReadContext,
  viewer: Viewer = ANONYMOUS,
  access: AccessMode = 'public',
): Promise<RegionsResponse> {
  const all = await listRegions(ctx.store);
  const visible =
    viewer.kind === 'share-link' && access === 'members'
      ? all.filter((r) => r.id === viewer.area)
      : all.filter((r) => regionVisibleTo(r, viewer));
  const withData = await gemeentenWithBuurten(ctx);
  return {
    regions: visible.filter((r) => !r.predefined || r.gemeenten.some((g) => withData.has(g))).map(toRegion),
  };
}

/** The gemeenten with buurten on the store's reference division; none while nothing is loaded. */
async function gemeentenWithBuurten(ctx: ReadContext): Promise<Set<string>> {
  try {
    const byGemeente = (await ctx.state.get()).engine.table.byGemeente();
    return new Set([...byGemeente].filter(([, buurten]) => buurten.length > 0).map(([code]) => code));
  } catch (e) {
    if (isAppError(e) && e.code === 'NO_DATA') return new Set();
    throw e;
  }
}

/** The key two region names must not share: "Parkstad Limburg" = "parkstad-limburg" = "PARKSTAD  limburg". */
export function nameKey(name: string): string {
  return slug(name);
}

/**
 * Creates a region from a request body `{ name, gemeenten, visibility? }`: every gemeente must
 * have buurten on the reference division, or be formed after it from whole gemeenten that have
 * (it stands for those: `mergedOnDivision`); the name must differ from every region the creator
 * sees (ALREADY_EXISTS); `visibility: 'public'` is for admins (the operator's regions).
 */
export async function createRegion(ctx: ReadContext, raw: unknown, viewer: UserViewer): Promise<Region> {
  const parsed = CreateRegionRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('USAGE', `region: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const isPublic = parsed.data.visibility === 'public';
  if (isPublic && !hasRole(viewer, 'admin'))
    throw new AppError('FORBIDDEN', 'only administrators make public regions');
  const state = await ctx.state.get();
  // a gemeente formed after the division from whole gemeenten of it stands for those (Dijk en Waard)
  const gemeenten = [
    ...new Set(
      parsed.data.gemeenten.flatMap((raw) => {
        const g = raw.toUpperCase();
        const known = (code: string): boolean => state.gemeenteNames.has(code);
        const merged = known(g) ? undefined : mergedOnDivision(g, state.divisionYear, known);
        return merged ? merged.from : [g];
      }),
    ),
  ];
  const unknown = gemeenten.filter((g) => !state.gemeenteNames.has(g));
  if (unknown.length) {
    throw new AppError(
      'AREA_NOT_FOUND',
      `unknown gemeente code(s) ${unknown.join(', ')}; GET /api/gemeenten lists the gemeenten`,
    );
  }
  const existing = await listRegions(ctx.store);
  const key = nameKey(parsed.data.name);
  // Public names clash with everything; an organisation's names with the public ones and its own.
  const clash = existing.find((r) => nameKey(r.name) === key && (isPublic || regionVisibleTo(r, viewer)));
  if (clash)
    throw new AppError('ALREADY_EXISTS', `a region named '${clash.name}' exists already (id ${clash.id})`);
  const base = isPublic ? key : `o${viewer.organisationId}-${key}`;
  const id = uniqueId(base, new Set(existing.map((r) => r.id)));
  const row: RegionRow = {
    id,
    name: parsed.data.name,
    gemeenten,
    predefined: false,
    ...(isPublic ? {} : { organisationId: viewer.organisationId }),
  };
  await ctx.store.upsertRegion(row);
  return toRegion(row);
}

/**
 * Deletes a stored region: a public one by an admin, an organisation's by its org-admins (or an
 * admin of it). A region the viewer cannot see is NOT_FOUND; a predefined one cannot be deleted.
 */
export async function deleteRegion(ctx: ReadContext, viewer: UserViewer, id: string): Promise<RegionRow> {
  const region = (await listRegions(ctx.store)).find((r) => r.id === id);
  if (!region || !regionVisibleTo(region, viewer)) throw new AppError('NOT_FOUND', `no region '${id}'`);
  if (region.predefined)
    throw new AppError('FORBIDDEN', `'${region.name}' is predefined and cannot be deleted`);
  const allowed = isPublicRegion(region) ? hasRole(viewer, 'admin') : hasRole(viewer, 'org-admin');
  if (!allowed)
    throw new AppError(
      'FORBIDDEN',
      isPublicRegion(region)
        ? 'only administrators delete public regions'
        : "only your organisation's administrators delete its regions",
    );
  await ctx.store.members.deleteRegion(id);
  return region;
}

function slug(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'regio';
}

function uniqueId(base: string, taken: Set<string>): string {
  if (!taken.has(base) && !/^gm\d{4}$/.test(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
