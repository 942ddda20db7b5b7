/**
 * Class breaks for continuous maps. Every method yields ascending `Breaks` (thresholds between
 * classes), and one `classIndex(value, breaks)` maps a value to its class, after Plot's
 * quantile → threshold scale. Missing values never enter a class: the map gives them their own
 * legend entry.
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { ckmeansStarts } from './ckmeans.js';

/** How a continuous map is divided into classes. */
export type ClassMethod =
  | { method: 'quantile'; k: number }
  | { method: 'equal-interval'; k: number }
  | { method: 'ckmeans'; k: number }
  | { method: 'fixed'; thresholds: readonly number[] };

export type ClassMethodName = ClassMethod['method'];

/** Ascending thresholds; class i holds values v with thresholds[i-1] ≤ v < thresholds[i]. */
export interface Breaks {
  thresholds: number[];
  /** Smallest and largest value classified (NaN when there were none). */
  min: number;
  max: number;
}

/** Breaks for the present (non-NaN) values by the given method. */
export function computeBreaks(values: ArrayLike<number>, method: ClassMethod): Breaks {
  const sorted = presentSorted(values);
  const min = sorted.length ? sorted[0]! : NaN;
  const max = sorted.length ? sorted[sorted.length - 1]! : NaN;
  switch (method.method) {
    case 'quantile':
      return { thresholds: dedupe(quantileThresholds(sorted, checkK(method.k))), min, max };
    case 'equal-interval':
      return { thresholds: dedupe(equalIntervalThresholds(min, max, checkK(method.k))), min, max };
    case 'ckmeans':
      return {
        thresholds: dedupe(
          ckmeansStarts(sorted, checkK(method.k))
            .slice(1)
            .map((s) => sorted[s]!),
        ),
        min,
        max,
      };
    case 'fixed':
      return { thresholds: checkAscending(method.thresholds), min, max };
    default:
      return assertNever(method, 'class method');
  }
}

/** The class of a value: the number of thresholds ≤ value; null for NaN. */
export function classIndex(value: number, breaks: Breaks): number | null {
  if (Number.isNaN(value)) return null;
  const t = breaks.thresholds;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= t[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of classes the breaks define. */
export function classCount(breaks: Breaks): number {
  return breaks.thresholds.length + 1;
}

function presentSorted(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out[j++] = values[i]!;
  return out.sort();
}

/** Threshold j is the value at rank ⌊j·n/k⌋, so classes hold ⌊n/k⌋ or ⌈n/k⌉ values when there are no ties. */
function quantileThresholds(sorted: Float64Array, k: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const out: number[] = [];
  for (let j = 1; j < k; j++) out.push(sorted[Math.floor((j * n) / k)]!);
  return out;
}

function equalIntervalThresholds(min: number, max: number, k: number): number[] {
  if (Number.isNaN(min) || min === max) return [];
  const out: number[] = [];
  for (let j = 1; j < k; j++) out.push(min + ((max - min) * j) / k);
  return out;
}

function dedupe(thresholds: number[]): number[] {
  return thresholds.filter((t, i) => i === 0 || t > thresholds[i - 1]!);
}

function checkK(k: number): number {
  if (!Number.isInteger(k) || k < 2 || k > 12)
    throw new AppError('CONFIG_INVALID', `a map needs 2 to 12 classes, got ${k}`);
  return k;
}

function checkAscending(thresholds: readonly number[]): number[] {
  for (let i = 1; i < thresholds.length; i++) {
    if (!(thresholds[i]! > thresholds[i - 1]!)) {
      throw new AppError(
        'CONFIG_INVALID',
        `fixed class thresholds must be strictly ascending, got ${thresholds.join(', ')}`,
      );
    }
  }
  return [...thresholds];
}
