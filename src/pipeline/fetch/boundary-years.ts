/**
 * Which PDOK boundary years to download (each GeoPackage is ~200 MB). The harmonisation carries
 * every value onto one reference division — the latest division with national buurt geometry —
 * by code where the code exists there, and by area-weighted overlay otherwise; an old code that
 * the reference lacks needs geometry from some division that has it (its own, or the nearest
 * one that does: pipeline/harmonise/borrowed-geometry.ts). So the years needed are: the
 * reference (always), plus as few other years as cover the buurt codes of the value divisions
 * that the reference does not have — chosen greedily, the year covering most missing codes
 * first, among years PDOK publishes and whose codes are known (from the tables' area lists).
 */

export interface BoundaryChoice {
  /** Years to download, ascending; the reference is the last. */
  years: number[];
  reference: number;
  /** Buurt codes of value divisions that no chosen year has (they stay unmatched). */
  uncovered: number;
  /** One line per chosen year: why. */
  reasons: string[];
}

/**
 * @param available  years with a PDOK GeoPackage
 * @param reference  the reference division (the latest available year asked for)
 * @param buurtCodes buurt codes per division year, from the downloaded tables' area lists
 *                   (KWB YYYY lists the codes of indeling YYYY)
 */
export function chooseBoundaryYears(
  available: readonly number[],
  reference: number,
  buurtCodes: ReadonlyMap<number, ReadonlySet<string>>,
): BoundaryChoice {
  const reasons = [`${reference}: the reference division (latest boundary year)`];
  const inReference = buurtCodes.get(reference);
  if (!inReference) return { years: [reference], reference, uncovered: 0, reasons: [...reasons] };
  const missing = new Set<string>();
  for (const [year, codes] of buurtCodes)
    if (year !== reference) for (const c of codes) if (!inReference.has(c)) missing.add(c);
  const chosen = [reference];
  const candidates = available.filter((y) => y !== reference && buurtCodes.has(y));
  while (missing.size > 0) {
    let best: number | undefined;
    let bestGain = 0;
    for (const y of candidates) {
      if (chosen.includes(y)) continue;
      let gain = 0;
      for (const c of buurtCodes.get(y)!) if (missing.has(c)) gain++;
      if (gain > bestGain || (gain === bestGain && gain > 0 && best !== undefined && y > best)) {
        best = y;
        bestGain = gain;
      }
    }
    if (best === undefined) break;
    chosen.push(best);
    for (const c of buurtCodes.get(best)!) missing.delete(c);
    reasons.push(`${best}: boundaries of ${bestGain} buurt codes the reference division lacks`);
  }
  return { years: chosen.sort((a, b) => a - b), reference, uncovered: missing.size, reasons };
}
