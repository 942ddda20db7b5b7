/**
 * The nearest-year rule. Sources rarely share years (RIVM 2012/2016/2020, Leefbaarometer
 * dimensions 2014/2018/2020, KWB yearly), so each measure picks its own years — per gemeente,
 * from the years in which the gemeente's buurten have values, so that every buurt of a gemeente
 * compares the same years and a year that only a few other gemeenten have (Leefbaarometer 2024 for
 * Heerlen and Kerkrade) does not leave the rest of the country without a change:
 * - change over [t0, t1]: start year y0 = the available year nearest to t0 among those in
 *   [t0 − tol, t1), end year y1 = the available year nearest to t1 among those in (y0, t1 + tol];
 *   ties prefer the year inside the period. tol = periodYearTolerance (default 0: at or inside the ends).
 * - level in year t: the available year nearest to t within levelYearTolerance, earlier on ties.
 */

/** The years a measure uses for a change over [t0, t1], or null when it cannot cover the period. */
export function periodYears(
  available: readonly number[],
  t0: number,
  t1: number,
  tolerance: number,
): [number, number] | null {
  const startCandidates = available.filter((y) => y >= t0 - tolerance && y < t1);
  const y0 = nearest(startCandidates, t0, (y) => (y >= t0 ? 0 : 1));
  if (y0 === undefined) return null;
  const endCandidates = available.filter((y) => y > y0 && y <= t1 + tolerance);
  const y1 = nearest(endCandidates, t1, (y) => (y <= t1 ? 0 : 1));
  return y1 === undefined ? null : [y0, y1];
}

/** The year a measure uses for a level in year t, or null. */
export function levelYear(available: readonly number[], t: number, tolerance: number): number | null {
  return (
    nearest(
      available.filter((y) => Math.abs(y - t) <= tolerance),
      t,
      (y) => (y <= t ? 0 : 1),
    ) ?? null
  );
}

function nearest(
  candidates: readonly number[],
  target: number,
  tieRank: (y: number) => number,
): number | undefined {
  let best: number | undefined;
  for (const y of candidates) {
    if (best === undefined) {
      best = y;
      continue;
    }
    const d = Math.abs(y - target) - Math.abs(best - target);
    if (d < 0 || (d === 0 && tieRank(y) < tieRank(best))) best = y;
  }
  return best;
}

/** Per buurt (row) the pair of years a change compared: y0[i], y1[i], 0 when none. */
export interface RowYears {
  y0: Uint16Array;
  y1: Uint16Array;
}

export function emptyRowYears(n: number): RowYears {
  return { y0: new Uint16Array(n), y1: new Uint16Array(n) };
}

/** The pair of years of row i, or null. */
export function rowPair(ry: RowYears, i: number): [number, number] | null {
  return ry.y0[i] ? [ry.y0[i]!, ry.y1[i]!] : null;
}

/** The pair most rows compared (ties: the later pair), or null when no row compared any. */
export function commonPair(ry: RowYears): [number, number] | null {
  const counts = new Map<number, number>();
  for (let i = 0; i < ry.y0.length; i++) {
    if (!ry.y0[i]) continue;
    const key = ry.y0[i]! * 10000 + ry.y1[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [key, n] of counts)
    if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && key > best)) best = key;
  return best === undefined ? null : [Math.floor(best / 10000), best % 10000];
}
