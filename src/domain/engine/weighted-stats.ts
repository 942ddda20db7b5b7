/**
 * Population-weighted summary statistics over buurt columns. Missing values are NaN in the
 * columns and are skipped. A buurt's weight is *known* when it is a number ≥ 0: a buurt with no
 * inhabitants has the known weight 0 and drops out of a weighted statistic. Weights are used when
 * at least WEIGHT_COVERAGE of the present values have a known weight (and some weight is
 * positive); a buurt whose population is unknown (NaN) then drops out. Otherwise every present
 * value counts with weight 1, so a store where only a few gemeenten have inhabitants does not
 * turn "national" into "those gemeenten" (documented in docs/method.md). The same rule applies to
 * every set of buurten (the country, a gemeente, the rest of a gemeente), so a reference means
 * the same thing whatever set it is taken over.
 */

/** Share of present values that must have a known weight for the statistics to be weighted. */
export const WEIGHT_COVERAGE = 0.8;

/** Weighted mean and standard deviation (population form) of the present values. */
export interface WeightedStats {
  mean: number;
  sd: number;
  /** Number of buurten that entered the statistics (with a positive weight). */
  n: number;
  /** Sum of the weights used (n when unweighted). */
  weight: number;
  weighted: boolean;
}

/**
 * Weighted mean and SD of `values` (NaN = missing) with `weights`. `include(i)` restricts the
 * buurten considered. Returns n = 0 and NaN mean/sd when nothing is present.
 */
export function weightedStats(
  values: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  include?: (i: number) => boolean,
): WeightedStats {
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) if (!include || include(i)) rows.push(i);
  return weightedStatsOfRows(values, weights, rows);
}

/**
 * `weightedStats` over the buurten at `rows` (each at most once). The mean is computed as an
 * offset from the first value, so values that are all equal give exactly that value as the mean
 * and an SD of exactly 0 (no rounding noise that a later division would blow up).
 */
export function weightedStatsOfRows(
  values: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  rows: readonly number[],
): WeightedStats {
  const weighted = weights !== null && usesWeights(values, weights, rows);
  let sw = 0;
  let swd = 0;
  let n = 0;
  let origin = NaN;
  for (const i of rows) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    const w = weighted ? weights![i]! : 1;
    if (!(w > 0)) continue;
    if (n === 0) origin = x;
    sw += w;
    swd += w * (x - origin);
    n++;
  }
  if (n === 0) return { mean: NaN, sd: NaN, n: 0, weight: 0, weighted };
  const shift = swd / sw;
  const mean = origin + shift;
  let ss = 0;
  for (const i of rows) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    const w = weighted ? weights![i]! : 1;
    if (!(w > 0)) continue;
    const d = x - origin - shift;
    ss += w * d * d;
  }
  return { mean, sd: Math.sqrt(ss / sw), n, weight: sw, weighted };
}

/** The coverage rule: weighted when ≥ WEIGHT_COVERAGE of the present values have a known weight and some weight is positive. */
function usesWeights(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  rows: readonly number[],
): boolean {
  let present = 0;
  let known = 0;
  let positive = 0;
  for (const i of rows) {
    if (Number.isNaN(values[i]!)) continue;
    present++;
    const w = weights[i]!;
    if (w >= 0) known++;
    if (w > 0) positive++;
  }
  return positive > 0 && known >= WEIGHT_COVERAGE * present;
}

/**
 * Pearson correlation of the pairs where both x and y are present; null with fewer than 3
 * pairs or when either variable is constant.
 */
export function pearson(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  include?: (i: number) => boolean,
): number | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (Number.isNaN(x) || Number.isNaN(y) || (include && !include(i))) continue;
    n++;
    sx += x;
    sy += y;
  }
  if (n < 3) return null;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (Number.isNaN(x) || Number.isNaN(y) || (include && !include(i))) continue;
    cxy += (x - mx) * (y - my);
    cxx += (x - mx) * (x - mx);
    cyy += (y - my) * (y - my);
  }
  if (cxx === 0 || cyy === 0) return null;
  return cxy / Math.sqrt(cxx * cyy);
}
