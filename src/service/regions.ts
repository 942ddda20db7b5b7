/**
 * Regions: named lists of gemeenten that work like a gemeente (GET/POST /api/regions). The
 * predefined regions live here, in code, and are listed with the ones users created in the
 * store; listing never writes. Codes of the predefined regions verified against the KWB 2024
 * gemeente rows (gm_code/gm_naam) in ../shared/data.
 */
import { CreateRegionRequestSchema, type Region, type RegionsResponse } from '../api/schemas.js';
import { AppError } from '../core/app-error.js';
import type { RegionRow, Store } from '../storage/store.js';
import type { ReadContext } from './read-context.js';

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

/** The body of GET /api/regions. */
export async function regionsResponse(ctx: ReadContext): Promise<RegionsResponse> {
  return { regions: await listRegions(ctx.store) };
}

/**
 * Creates a region from a request body `{ name, gemeenten }`: every gemeente must have buurten
 * on the reference division; the id is a slug of the name, unique among all regions.
 */
export async function createRegion(ctx: ReadContext, raw: unknown): Promise<Region> {
  const parsed = CreateRegionRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('USAGE', `region: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const state = await ctx.state.get();
  const gemeenten = [...new Set(parsed.data.gemeenten.map((g) => g.toUpperCase()))];
  const unknown = gemeenten.filter((g) => !state.gemeenteNames.has(g));
  if (unknown.length) {
    throw new AppError(
      'AREA_NOT_FOUND',
      `unknown gemeente code(s) ${unknown.join(', ')}; GET /api/gemeenten lists the gemeenten`,
    );
  }
  const existing = await listRegions(ctx.store);
  const id = uniqueId(slug(parsed.data.name), new Set(existing.map((r) => r.id)));
  const region: Region = { id, name: parsed.data.name, gemeenten, predefined: false };
  await ctx.store.upsertRegion(region);
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
