/**
 * The regions the start page and the area search offer: only those with buurten in at least one
 * of their gemeenten (a region without any would open an empty map), each with its gemeenten
 * split into those with data and those without.
 */
import type { Region } from '../../../src/api/schemas.js';
import type { AppData } from '../app-context.js';

export interface OfferedRegion {
  region: Region;
  /** Member gemeenten with buurten in the store (codes, in the region's order). */
  withData: string[];
  /** Member gemeenten the store has no buurten of. */
  withoutData: string[];
}

export function offeredRegions(data: AppData): OfferedRegion[] {
  const withBuurten = new Set(data.gemeenten.gemeenten.filter((g) => g.buurten > 0).map((g) => g.code));
  return data.regions.regions.flatMap((region) => {
    const withData = region.gemeenten.filter((g) => withBuurten.has(g));
    const withoutData = region.gemeenten.filter((g) => !withBuurten.has(g));
    return withData.length > 0 ? [{ region, withData, withoutData }] : [];
  });
}
