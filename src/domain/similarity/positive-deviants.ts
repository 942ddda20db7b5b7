/**
 * Positive deviants: of the buurten most alike at the start of a period (the standardised matrix
 * of the start year), those whose nuisance fell over the period (ΔO < 0, their own change on the
 * base-year scale) or whose veerkracht class improved (a data class of lower severity than in the
 * equally long period before) — places that started alike and did better, to learn from.
 */
import { fixed, type Locale } from '../engine/explain-numbers.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../engine/veerkracht-classes.js';
import { nearestBuurten, type Neighbour } from './buurt-distance.js';
import type { SimilarityConfig } from './similarity-config.js';
import type { StandardisedMatrix } from './standardised-matrix.js';

/** What happened to each buurt over the period. */
export interface Outcomes {
  /** ΔO per row (NaN unknown or too few inhabitants). */
  dO: Float64Array;
  /** Class per row in the previous and in the current period. */
  before: readonly VeerkrachtClassId[];
  now: readonly VeerkrachtClassId[];
}

export interface Deviant extends Neighbour {
  nuisanceFell: boolean;
  classImproved: boolean;
}

/** True when both classes are data classes and the severity went down. */
export function classImproved(before: VeerkrachtClassId, now: VeerkrachtClassId): boolean {
  const a = VEERKRACHT_CLASSES[before].severity;
  const b = VEERKRACHT_CLASSES[now].severity;
  return a !== null && b !== null && b < a;
}

/** The positive deviants among the `deviantPool` buurten nearest to `i` in the start matrix, nearest first. */
export function positiveDeviants(
  start: StandardisedMatrix,
  i: number,
  outcomes: Outcomes,
  config: Pick<SimilarityConfig, 'deviantPool' | 'minShared'>,
  limit: number,
): Deviant[] {
  const out: Deviant[] = [];
  for (const nb of nearestBuurten(start, i, config.deviantPool, config.minShared)) {
    const dO = outcomes.dO[nb.row]!;
    const fell = !Number.isNaN(dO) && dO < 0;
    const improved = classImproved(outcomes.before[nb.row]!, outcomes.now[nb.row]!);
    if (fell || improved) out.push({ ...nb, nuisanceFell: fell, classImproved: improved });
    if (out.length === limit) break;
  }
  return out;
}

/** "Overlast nam af (−0,31 SD in 2016–2020); klasse verbeterde van ‘…’ naar ‘…’." from the numbers. */
export function outcomeText(
  d: { dO: number | null; before: VeerkrachtClassId; now: VeerkrachtClassId },
  periods: { previous: string; current: string },
  l: Locale,
): string {
  const parts: string[] = [];
  const span = (p: string) => p.replace('-', '–');
  if (d.dO !== null && d.dO < 0) {
    let digits = 2;
    while (digits < 9 && fixed(d.dO, digits, l) === fixed(0, digits, l)) digits++;
    const v = `${fixed(d.dO, digits, l)} SD`;
    parts.push(
      l === 'nl'
        ? `overlast en onveiligheid namen af (${v} in ${span(periods.current)})`
        : `nuisance and insecurity fell (${v} in ${span(periods.current)})`,
    );
  }
  if (classImproved(d.before, d.now)) {
    const label = (id: VeerkrachtClassId) =>
      l === 'nl' ? VEERKRACHT_CLASSES[id].labelNl : VEERKRACHT_CLASSES[id].labelEn;
    parts.push(
      l === 'nl'
        ? `klasse verbeterde van ‘${label(d.before)}’ (${span(periods.previous)}) naar ‘${label(d.now)}’ (${span(periods.current)})`
        : `class improved from ‘${label(d.before)}’ (${span(periods.previous)}) to ‘${label(d.now)}’ (${span(periods.current)})`,
    );
  }
  const text = parts.join('; ');
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '';
}
