/**
 * The distance between two buurten on the standardised matrix: over the indicators both have,
 *   D(i, j) = √( Σ_f w_f (z_if − z_jf)² / Σ_f w_f )
 * — the root of the weighted mean squared z-difference, renormalised over the shared indicators
 * so that a pair sharing fewer indicators is not closer for it. Fewer than `minShared` shared
 * indicators (or no shared weight): no distance (NaN). Symmetric, D(i, i) = 0, and a linear scan
 * finds the nearest buurten of one buurt (no index: 14,000 rows × ~10 columns is a few ms).
 */
import type { StandardisedMatrix } from './standardised-matrix.js';

export interface Neighbour {
  row: number;
  distance: number;
  shared: number;
}

/** D(i, j) and the number of shared indicators; distance NaN when fewer than `minShared` are shared. */
export function buurtDistance(
  m: StandardisedMatrix,
  i: number,
  j: number,
  minShared: number,
): { distance: number; shared: number } {
  const { z, d, weights } = m;
  let s = 0;
  let sw = 0;
  let shared = 0;
  for (let f = 0; f < d; f++) {
    const w = weights[f]!;
    if (w === 0) continue;
    const a = z[i * d + f]!;
    const b = z[j * d + f]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const diff = a - b;
    s += w * diff * diff;
    sw += w;
    shared++;
  }
  if (shared < minShared || sw === 0) return { distance: NaN, shared };
  return { distance: Math.sqrt(s / sw), shared };
}

/** Indicators (with weight) a buurt has. */
export function presentCount(m: StandardisedMatrix, i: number): number {
  let k = 0;
  for (let f = 0; f < m.d; f++) if (m.weights[f]! > 0 && !Number.isNaN(m.z[i * m.d + f]!)) k++;
  return k;
}

/**
 * The `limit` buurten nearest to buurt `i` (itself excluded), nearest first, ties by row (the
 * table is sorted by code, so by code). Buurten sharing fewer than `minShared` indicators are skipped.
 */
export function nearestBuurten(
  m: StandardisedMatrix,
  i: number,
  limit: number,
  minShared: number,
): Neighbour[] {
  const { z, d, weights, n } = m;
  // the subject's present columns once, so the inner loop reads only those
  const cols: number[] = [];
  for (let f = 0; f < d; f++) if (weights[f]! > 0 && !Number.isNaN(z[i * d + f]!)) cols.push(f);
  if (cols.length < minShared || limit <= 0) return [];
  const own = Float64Array.from(cols, (f) => z[i * d + f]!);
  const w = Float64Array.from(cols, (f) => weights[f]!);
  const top: Neighbour[] = [];
  let worst = Infinity;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const base = j * d;
    let s = 0;
    let sw = 0;
    let shared = 0;
    for (let k = 0; k < cols.length; k++) {
      const b = z[base + cols[k]!]!;
      if (b !== b) continue; // NaN
      const diff = own[k]! - b;
      s += w[k]! * diff * diff;
      sw += w[k]!;
      shared++;
    }
    if (shared < minShared || sw === 0) continue;
    const distance = Math.sqrt(s / sw);
    if (top.length === limit && distance >= worst) continue;
    insert(top, { row: j, distance, shared }, limit);
    worst = top.length === limit ? top[top.length - 1]!.distance : Infinity;
  }
  return top;
}

/** Inserts into a list sorted by (distance, row), keeping at most `limit`. */
function insert(top: Neighbour[], x: Neighbour, limit: number): void {
  let k = top.length;
  while (
    k > 0 &&
    (top[k - 1]!.distance > x.distance || (top[k - 1]!.distance === x.distance && top[k - 1]!.row > x.row))
  )
    k--;
  top.splice(k, 0, x);
  if (top.length > limit) top.pop();
}
