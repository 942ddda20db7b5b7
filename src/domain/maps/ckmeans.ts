/**
 * Ckmeans: optimal 1-D k-means clustering by dynamic programming (Wang & Song, "Ckmeans.1d.dp:
 * Optimal k-means Clustering in One Dimension by Dynamic Programming", The R Journal 3/2, 2011),
 * with the divide-and-conquer fill of the matrix, O(k·n·log n). The layout follows the
 * implementation in simple-statistics (ISC), rewritten for typed arrays.
 * It is the "natural breaks" method of the maps: it minimises the within-class sum of squares.
 */

/** Sum of squared deviations of sorted[j..i] from their mean, from prefix sums. */
function ssq(j: number, i: number, sums: Float64Array, sumsOfSquares: Float64Array): number {
  let s: number;
  if (j > 0) {
    const mean = (sums[i]! - sums[j - 1]!) / (i - j + 1);
    s = sumsOfSquares[i]! - sumsOfSquares[j - 1]! - (i - j + 1) * mean * mean;
  } else {
    s = sumsOfSquares[i]! - (sums[i]! * sums[i]!) / (i + 1);
  }
  return s < 0 ? 0 : s;
}

interface Fill {
  matrix: Float64Array[];
  back: Int32Array[];
  sums: Float64Array;
  sumsOfSquares: Float64Array;
  n: number;
}

function fillColumn(iMin: number, iMax: number, cluster: number, f: Fill): void {
  if (iMin > iMax) return;
  const { matrix, back, sums, sumsOfSquares } = f;
  const row = matrix[cluster]!;
  const prev = matrix[cluster - 1]!;
  const brow = back[cluster]!;
  const i = Math.floor((iMin + iMax) / 2);
  row[i] = prev[i - 1]!;
  brow[i] = i;
  let jlow = cluster;
  if (iMin > cluster) jlow = Math.max(jlow, brow[iMin - 1]!);
  jlow = Math.max(jlow, back[cluster - 1]![i]!);
  let jhigh = i - 1;
  if (iMax < f.n - 1) jhigh = Math.min(jhigh, brow[iMax + 1]!);
  for (let j = jhigh; j >= jlow; --j) {
    const sji = ssq(j, i, sums, sumsOfSquares);
    if (sji + prev[jlow - 1]! >= row[i]!) break;
    const ssqjlow = ssq(jlow, i, sums, sumsOfSquares) + prev[jlow - 1]!;
    if (ssqjlow < row[i]!) {
      row[i] = ssqjlow;
      brow[i] = jlow;
    }
    jlow++;
    const ssqj = sji + prev[j - 1]!;
    if (ssqj < row[i]!) {
      row[i] = ssqj;
      brow[i] = j;
    }
  }
  fillColumn(iMin, i - 1, cluster, f);
  fillColumn(i + 1, iMax, cluster, f);
}

/**
 * Clusters ascending-sorted values into at most k classes (fewer when there are fewer distinct
 * values). Returns the start index in `sorted` of each class, ascending; the first is 0.
 */
export function ckmeansStarts(sorted: ArrayLike<number>, k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const clusters = Math.max(1, Math.min(k, distinct));
  if (clusters === 1) return [0];
  const shift = sorted[Math.floor(n / 2)]!;
  const sums = new Float64Array(n);
  const sumsOfSquares = new Float64Array(n);
  const matrix = Array.from({ length: clusters }, () => new Float64Array(n));
  const back = Array.from({ length: clusters }, () => new Int32Array(n));
  for (let i = 0; i < n; i++) {
    const v = sorted[i]! - shift;
    sums[i] = i === 0 ? v : sums[i - 1]! + v;
    sumsOfSquares[i] = i === 0 ? v * v : sumsOfSquares[i - 1]! + v * v;
    matrix[0]![i] = ssq(0, i, sums, sumsOfSquares);
  }
  const fill: Fill = { matrix, back, sums, sumsOfSquares, n };
  for (let cluster = 1; cluster < clusters; cluster++) {
    const iMin = cluster < clusters - 1 ? cluster : n - 1;
    fillColumn(iMin, n - 1, cluster, fill);
  }
  const starts: number[] = new Array<number>(clusters);
  let right = n - 1;
  for (let cluster = clusters - 1; cluster >= 0; cluster--) {
    const left = back[cluster]![right]!;
    starts[cluster] = left;
    if (cluster > 0) right = left - 1;
  }
  return starts;
}
