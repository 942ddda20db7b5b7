/**
 * Predefined regions, seeded into the store when the server starts. Codes verified against
 * the KWB 2024 gemeente rows (gm_code/gm_naam) in ../shared/data.
 */
import type { RegionRow, Store } from '../storage/store.js';

export const PREDEFINED_REGIONS: readonly RegionRow[] = [
  {
    id: 'parkstad-limburg',
    name: 'Parkstad Limburg',
    // Beekdaelen, Brunssum, Heerlen, Kerkrade, Landgraaf, Simpelveld, Voerendaal
    gemeenten: ['GM1954', 'GM0899', 'GM0917', 'GM0928', 'GM0882', 'GM0965', 'GM0986'],
    predefined: true,
  },
];

/** Writes the predefined regions (idempotent). */
export async function seedRegions(store: Store): Promise<void> {
  const existing = new Set((await store.listRegions()).map((r) => r.id));
  for (const r of PREDEFINED_REGIONS) if (!existing.has(r.id)) await store.upsertRegion(r);
}
