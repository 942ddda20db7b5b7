/**
 * Population-weighted summary statistics over buurt columns. Missing values are NaN in the
 * columns and are skipped; a weight that is NaN or ≤ 0 skips the buurt too. When no buurt has a
 * usable weight, every present value counts with weight 1 (documented in docs/method.md).
 */

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
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!) || (include && !include(i))) continue;
    if (weights[i]! > 0) return true;
  }
  return false;
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
