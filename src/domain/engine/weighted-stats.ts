/**
 * Population-weighted summary statistics over buurt columns. Missing values are NaN in the
 * columns and are skipped. Weights are used when at least WEIGHT_COVERAGE of the present values
 * have a positive weight (a buurt with weight 0 or NaN then drops out); otherwise every present
 * value counts with weight 1, so a store where only a few gemeenten have inhabitants does not
 * turn "national" into "those gemeenten" (documented in docs/method.md).
 */

/** Share of present values that must have a weight for the statistics to be weighted. */
export const WEIGHT_COVERAGE = 0.8;

/** Weighted mean and standard deviation (population form) of the present values. */
export interface WeightedStats {
  mean: number;
  sd: number;
  /** Number of buurten that entered the statistics. */
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
  const weighted = weights !== null && hasUsableWeight(values, weights, include);
  let sw = 0;
  let swx = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x) || (include && !include(i))) continue;
    const w = weighted ? weights![i]! : 1;
    if (!(w > 0)) continue;
    sw += w;
    swx += w * x;
    n++;
  }
  if (n === 0) return { mean: NaN, sd: NaN, n: 0, weight: 0, weighted };
  const mean = swx / sw;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Number.isNaN(x) || (include && !include(i))) continue;
    const w = weighted ? weights![i]! : 1;
    if (!(w > 0)) continue;
    ss += w * (x - mean) * (x - mean);
  }
  return { mean, sd: Math.sqrt(ss / sw), n, weight: sw, weighted };
}

function hasUsableWeight(values: ArrayLike<number>, weights: ArrayLike<number>, include?: (i: number) => boolean): boolean {
  let present = 0;
  let weighted = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!) || (include && !include(i))) continue;
    present++;
    if (weights[i]! > 0) weighted++;
  }
  return weighted > 0 && weighted >= WEIGHT_COVERAGE * present;
}

/**
 * Pearson correlation of the pairs where both x and y are present; null with fewer than 3
 * pairs or when either variable is constant.
 */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>, include?: (i: number) => boolean): number | null {
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
