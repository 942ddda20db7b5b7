/**
 * Why two buurten are alike, per indicator: the two values in own units (with their years), the
 * difference on the standardised scale |z − z'|, and a verdict — close (≤ closeZ), differs
 * (≥ differentZ), between, or missing (not shared, so left out of the distance) — and one sentence
 * "Lijkt op <buurt> in …; verschilt in … (x tegen y)" made from those verdicts only.
 */
import { fixed, pairDigits, type Locale } from '../engine/explain-numbers.js';
import type { SimilarityConfig } from './similarity-config.js';
import type { StandardisedMatrix } from './standardised-matrix.js';

export type Verdict = 'close' | 'between' | 'differs' | 'missing';

export interface IndicatorComparison {
  id: string;
  titleNl: string;
  titleEn: string;
  unit: string;
  value: number | null;
  year: number | null;
  otherValue: number | null;
  otherYear: number | null;
  zDifference: number | null;
  verdict: Verdict;
}

/** Buurt `j` (other) against buurt `i` (the subject), indicator by indicator (columns with weight). */
export function compareIndicators(
  m: StandardisedMatrix,
  i: number,
  j: number,
  config: Pick<SimilarityConfig, 'closeZ' | 'differentZ'>,
): IndicatorComparison[] {
  const out: IndicatorComparison[] = [];
  m.sources.forEach((s, f) => {
    if (m.weights[f] === 0) return;
    const a = m.z[i * m.d + f]!;
    const b = m.z[j * m.d + f]!;
    const value = m.raw[i * m.d + f]!;
    const other = m.raw[j * m.d + f]!;
    // rounded to 4 decimals before the verdict, so the verdict reads right against the number shown
    const diff = Number.isNaN(a) || Number.isNaN(b) ? null : Math.round(Math.abs(a - b) * 1e4) / 1e4;
    out.push({
      id: s.id,
      titleNl: s.titleNl,
      titleEn: s.titleEn,
      unit: s.unit,
      value: Number.isNaN(value) ? null : value,
      year: m.years[i * m.d + f] || null,
      otherValue: Number.isNaN(other) ? null : other,
      otherYear: m.years[j * m.d + f] || null,
      zDifference: diff,
      verdict:
        diff === null
          ? 'missing'
          : diff <= config.closeZ
            ? 'close'
            : diff >= config.differentZ
              ? 'differs'
              : 'between',
    });
  });
  return out;
}

function list(items: string[], l: Locale): string {
  if (items.length <= 1) return items.join('');
  const and = l === 'nl' ? ' en ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

function unitSuffix(unit: string, l: Locale): string {
  if (unit === 'percent') return ' %';
  if (unit === 'per_1000') return l === 'nl' ? ' per 1.000' : ' per 1,000';
  if (unit === 'per_km2') return ' per km²';
  return '';
}

/** Two values of one indicator with the same decimals (as few as show both, more while they differ). */
function pair(a: number, b: number, unit: string, l: Locale): [string, string] {
  const d = unit === 'score' ? Math.max(2, pairDigits(a, b)) : pairDigits(a, b);
  return [`${fixed(a, d, l)}${unitSuffix(unit, l)}`, `${fixed(b, d, l)}${unitSuffix(unit, l)}`];
}

/**
 * "Lijkt op Centrum in bijstand en Leefbaarometer-score; verschilt in aantal inwoners (420 tegen
 * 3.100)" — the other buurt's value first, the subject's second. Only the verdicts' indicators
 * are named; "missing" ones are not compared and not mentioned.
 */
export function similarityText(
  comparisons: readonly IndicatorComparison[],
  subjectName: string,
  l: Locale,
): string {
  const title = (c: IndicatorComparison) => (l === 'nl' ? c.titleNl : c.titleEn).toLowerCase();
  const close = comparisons.filter((c) => c.verdict === 'close').map(title);
  const differs = comparisons
    .filter((c) => c.verdict === 'differs')
    .map((c) => {
      const vs = l === 'nl' ? 'tegen' : 'against';
      const [other, own] = pair(c.otherValue!, c.value!, c.unit, l);
      return `${title(c)} (${other} ${vs} ${own})`;
    });
  const parts: string[] = [];
  if (l === 'nl') {
    parts.push(
      close.length > 0
        ? `Lijkt op ${subjectName} in ${list(close, l)}`
        : `Lijkt op ${subjectName} in geen enkele indicator van dichtbij`,
    );
    if (differs.length > 0) parts.push(`verschilt in ${list(differs, l)}`);
  } else {
    parts.push(
      close.length > 0
        ? `Like ${subjectName} in ${list(close, l)}`
        : `Not close to ${subjectName} in any single indicator`,
    );
    if (differs.length > 0) parts.push(`differs in ${list(differs, l)}`);
  }
  return `${parts.join('; ')}.`;
}
