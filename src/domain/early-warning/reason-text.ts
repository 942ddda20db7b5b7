/**
 * The words of an early-warning reason, made from its numbers only: every verb ("steeg",
 * "daalde"), comparison ("onder de drempel", "meer dan") and claim ("twee perioden op rij") is
 * chosen by the numbers it describes, and the numbers are printed precisely enough that the
 * comparison reads the same way as it was made (explain-numbers.ts). Dutch and English.
 */
import { fixed, pairDigits, roundTo, thresholdDigits, type Locale } from '../engine/explain-numbers.js';
import type { NuisanceMeasureId } from '../engine/engine-config.js';
import { NUISANCE_MEASURES } from '../engine/nuisance-change.js';
import { VEERKRACHT_CLASSES } from '../engine/veerkracht-classes.js';
import type {
  ClassWorsened,
  ConcentrationRising,
  NearThreshold,
  NuisanceAgainstGemeente,
  Quantity,
  WarningReason,
} from './warning-rules.js';

/** A change printed with its sign ("+0,21", "−0,05", "0"). */
export function signed(v: number, digits: number, l: Locale): string {
  const s = fixed(v, digits, l);
  return v > 0 && s !== fixed(0, digits, l) ? `+${s}` : s;
}

/**
 * Decimals for a value shown next to the threshold τ: as `thresholdDigits`, and more while a value
 * that differs from τ would print as τ ("net onder de drempel" never next to the threshold itself).
 */
function nearDigits(v: number, tau: number): number {
  let d = thresholdDigits(v, tau);
  while (d < 9 && v !== tau && roundTo(v, d) === roundTo(tau, d)) d++;
  return d;
}

/** Decimals for a pair (previous, current): as `pairDigits`, and more while two different values print alike. */
function apartDigits(a: number, b: number): number {
  let d = pairDigits(a, b);
  while (d < 9 && a !== b && roundTo(a, d) === roundTo(b, d)) d++;
  return d;
}

/** "2016-2020" → "2016–2020". */
function span(period: string): string {
  return period.replace('-', '–');
}

const SUBJECT: Record<Quantity, Record<Locale, string>> = {
  concentration: {
    nl: 'de concentratie kwetsbare bewoners',
    en: 'the concentration of vulnerable residents',
  },
  nuisance: { nl: 'de overlast en onveiligheid', en: 'nuisance and insecurity' },
};

/** "steeg met +0,21 SD" / "daalde met −0,05 SD" / "bleef gelijk" — the verb follows the sign. */
function moved(q: Quantity, v: number, digits: number, l: Locale): string {
  const n = `${signed(v, digits, l)} SD`;
  if (l === 'nl') {
    if (v > 0) return q === 'concentration' ? `steeg met ${n}` : `nam toe met ${n}`;
    if (v < 0) return q === 'concentration' ? `daalde met ${n}` : `nam af met ${n}`;
    return 'bleef gelijk (0 SD)';
  }
  if (v > 0) return `rose by ${n}`;
  if (v < 0) return `fell by ${n}`;
  return 'stayed the same (0 SD)';
}

/** "boven de drempel van 0,25" / "niet boven de drempel van 0,25". */
function againstThreshold(v: number, tau: number, l: Locale): string {
  const t = fixed(tau, thresholdDigits(tau, tau), l);
  if (l === 'nl') return v > tau ? `boven de drempel van ${t}` : `niet boven de drempel van ${t}`;
  return v > tau ? `above the threshold of ${t}` : `not above the threshold of ${t}`;
}

function classLabel(id: ClassWorsened['currentClass'], l: Locale): string {
  const c = VEERKRACHT_CLASSES[id];
  return l === 'nl' ? c.labelNl : c.labelEn;
}

function classWorsenedText(r: ClassWorsened, l: Locale): string {
  const dk = signed(r.dK, nearDigits(r.dK, r.thresholds.concentration), l);
  const dO = signed(r.dO, nearDigits(r.dO, r.thresholds.nuisance), l);
  const k = againstThreshold(r.dK, r.thresholds.concentration, l);
  const o = againstThreshold(r.dO, r.thresholds.nuisance, l);
  if (l === 'nl') {
    const rel = r.reading === 'relative' ? ' (ten opzichte van de rest van de gemeente)' : '';
    return (
      `Klasse verslechterd${rel}: van ‘${classLabel(r.previousClass, l)}’ in ${span(r.previousPeriod)} ` +
      `naar ‘${classLabel(r.currentClass, l)}’ in ${span(r.period)} ` +
      `(concentratie ${dk} SD, ${k}; overlast ${dO} SD, ${o}).`
    );
  }
  const rel = r.reading === 'relative' ? ' (against the rest of the gemeente)' : '';
  return (
    `Class worsened${rel}: from ‘${classLabel(r.previousClass, l)}’ in ${span(r.previousPeriod)} ` +
    `to ‘${classLabel(r.currentClass, l)}’ in ${span(r.period)} ` +
    `(concentration ${dk} SD, ${k}; nuisance ${dO} SD, ${o}).`
  );
}

function nearThresholdText(r: NearThreshold, l: Locale): string {
  const digits = Math.max(nearDigits(r.value, r.threshold), apartDigits(r.previousValue, r.value));
  const tau = fixed(r.threshold, thresholdDigits(r.threshold, r.threshold), l);
  const margin = fixed(r.margin, thresholdDigits(r.margin, r.margin), l);
  const prev = `${signed(r.previousValue, digits, l)} SD`;
  const subject = SUBJECT[r.quantity][l];
  const where =
    r.value < r.threshold
      ? l === 'nl'
        ? `net onder de drempel van ${tau} SD`
        : `just below the threshold of ${tau} SD`
      : l === 'nl'
        ? `precies op de drempel van ${tau} SD`
        : `exactly at the threshold of ${tau} SD`;
  if (l === 'nl')
    return (
      `Dicht bij de drempel: ${subject} ${moved(r.quantity, r.value, digits, l)} in ${span(r.period)}, ` +
      `${where} (marge ${margin}), en meer dan in ${span(r.previousPeriod)} (${prev}).`
    );
  return (
    `Close to the threshold: ${subject} ${moved(r.quantity, r.value, digits, l)} in ${span(r.period)}, ` +
    `${where} (margin ${margin}), and more than in ${span(r.previousPeriod)} (${prev}).`
  );
}

function concentrationRisingText(r: ConcentrationRising, l: Locale): string {
  const digits = Math.max(
    thresholdDigits(r.previousValue, r.minRise),
    thresholdDigits(r.value, r.minRise),
    apartDigits(r.previousValue, r.value),
  );
  const a = `${signed(r.previousValue, digits, l)} SD`;
  const b = `${signed(r.value, digits, l)} SD`;
  const min = r.minRise > 0 ? fixed(r.minRise, thresholdDigits(r.minRise, r.minRise), l) : null;
  if (l === 'nl')
    return (
      `De concentratie kwetsbare bewoners stijgt twee perioden op rij: ${a} in ${span(r.previousPeriod)} ` +
      `en ${b} in ${span(r.period)}${min ? ` (elke keer meer dan ${min} SD)` : ''}.`
    );
  return (
    `The concentration of vulnerable residents rose in two periods in a row: ${a} in ${span(r.previousPeriod)} ` +
    `and ${b} in ${span(r.period)}${min ? ` (each time more than ${min} SD)` : ''}.`
  );
}

function nuisanceAgainstText(r: NuisanceAgainstGemeente, l: Locale): string {
  const digits = Math.max(thresholdDigits(r.value, r.minRise), thresholdDigits(r.restMean, r.minImprovement));
  const m = NUISANCE_MEASURES[r.measure as NuisanceMeasureId];
  const measure = m ? (l === 'nl' ? m.shortNl : m.shortEn) : r.measure;
  const own = `${signed(r.value, digits, l)} SD`;
  const rest = `${signed(r.restMean, digits, l)} SD`;
  if (l === 'nl')
    return (
      `De overlast en onveiligheid nam in ${span(r.period)} toe (${own}, ${measure}), terwijl die in de rest ` +
      `van de gemeente afnam (gemiddeld ${rest} over ${r.restBuurten} ${r.restBuurten === 1 ? 'buurt' : 'buurten'}).`
    );
  return (
    `Nuisance and insecurity rose in ${span(r.period)} (${own}, ${measure}) while they fell in the rest ` +
    `of the gemeente (on average ${rest} over ${r.restBuurten} ${r.restBuurten === 1 ? 'buurt' : 'buurten'}).`
  );
}

/** The reason in plain words, with its numbers. */
export function reasonText(r: WarningReason, l: Locale): string {
  switch (r.rule) {
    case 'class-worsened':
      return classWorsenedText(r, l);
    case 'near-threshold':
      return nearThresholdText(r, l);
    case 'concentration-rising':
      return concentrationRisingText(r, l);
    case 'nuisance-against-gemeente':
      return nuisanceAgainstText(r, l);
  }
}
