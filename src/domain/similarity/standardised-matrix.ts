/**
 * The standardised indicator matrix of "buurten zoals deze": one row per buurt, one column per
 * indicator, z = (x − μ) / σ with μ and σ the plain mean and SD over all buurten that have a value
 * (counts and densities first log-transformed, ln(1 + x), so that a few very large buurten do not
 * squeeze the rest together). A buurt's value is the one of its own year nearest to the target year
 * (earlier on ties) within the indicator's tolerance; missing stays NaN and is left out of every
 * distance (buurt-distance.ts). Built once per data version and target year; Float64Array, row-major.
 */
import type { SimilarityGroup } from './similarity-sources.js';

/** Where one column of the matrix comes from. */
export interface MatrixSource {
  id: string;
  titleNl: string;
  titleEn: string;
  unit: string;
  group: SimilarityGroup;
  /** ln(1 + x) before standardising. */
  log: boolean;
  /** Weight in the distance. */
  weight: number;
  /** How far (years) a buurt's value may lie from the target year. */
  tolerance: number;
  /** Years with a column, ascending. */
  years: readonly number[];
  column(year: number): ArrayLike<number> | undefined;
}

export interface ColumnStats {
  buurten: number;
  mean: number;
  sd: number;
}

export interface StandardisedMatrix {
  year: number;
  /** Buurten (rows) and indicators (columns). */
  n: number;
  d: number;
  sources: readonly MatrixSource[];
  weights: Float64Array;
  /** z-scores, n × d row-major, NaN where missing. */
  z: Float64Array;
  /** The values in own units (before the transform), NaN where missing. */
  raw: Float64Array;
  /** The year of each value, 0 where missing. */
  years: Uint16Array;
  /** Per column: buurten with a value, mean and SD after the transform (SD 0: column left out). */
  stats: ColumnStats[];
}

/** The matrix of `n` buurten for the target `year`. */
export function standardisedMatrix(
  n: number,
  sources: readonly MatrixSource[],
  year: number,
): StandardisedMatrix {
  const d = sources.length;
  const z = new Float64Array(n * d).fill(NaN);
  const raw = new Float64Array(n * d).fill(NaN);
  const years = new Uint16Array(n * d);
  const stats: ColumnStats[] = [];
  sources.forEach((s, f) => {
    fillColumn(s, year, n, d, f, raw, years);
    stats.push(standardise(s, n, d, f, raw, z));
  });
  const weights = Float64Array.from(sources, (s, f) => (stats[f]!.sd > 0 ? s.weight : 0));
  return { year, n, d, sources, weights, z, raw, years, stats };
}

/** Per buurt the value of the nearest year (within tolerance, earlier on ties) in which it has one. */
function fillColumn(
  s: MatrixSource,
  year: number,
  n: number,
  d: number,
  f: number,
  raw: Float64Array,
  years: Uint16Array,
): void {
  // years in the order they are tried: nearest first, earlier on ties (the level rule of year-rule.ts)
  const order = [...s.years]
    .filter((y) => Math.abs(y - year) <= s.tolerance)
    .sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b);
  if (order.length === 0) return;
  const columns = order.map((y) => [y, s.column(y)] as const);
  for (let i = 0; i < n; i++) {
    for (const [y, col] of columns) {
      const v = col?.[i];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (s.log && v < 0) continue;
      raw[i * d + f] = v;
      years[i * d + f] = y;
      break;
    }
  }
}

function standardise(
  s: MatrixSource,
  n: number,
  d: number,
  f: number,
  raw: Float64Array,
  z: Float64Array,
): ColumnStats {
  let k = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i * d + f]!;
    if (Number.isNaN(v)) continue;
    sum += s.log ? Math.log1p(v) : v;
    k++;
  }
  if (k < 2) return { buurten: k, mean: k ? sum / k : NaN, sd: 0 };
  const mean = sum / k;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = raw[i * d + f]!;
    if (Number.isNaN(v)) continue;
    const t = (s.log ? Math.log1p(v) : v) - mean;
    ss += t * t;
  }
  const sd = Math.sqrt(ss / k);
  if (!(sd > 0)) return { buurten: k, mean, sd: 0 };
  for (let i = 0; i < n; i++) {
    const v = raw[i * d + f]!;
    if (!Number.isNaN(v)) z[i * d + f] = ((s.log ? Math.log1p(v) : v) - mean) / sd;
  }
  return { buurten: k, mean, sd };
}
