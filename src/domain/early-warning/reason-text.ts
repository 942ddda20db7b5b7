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

/** "steeg met +0,21 SD" / "daalde met −0,05 SD" / "bleef gelijk" — the verb follows the sign of `v`, printed as `printed`. */
function moved(q: Quantity, v: number, printed: string, l: Locale): string {
  const n = `${printed} SD`;
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

/**
 * The numbers of each reason as its text prints them — changes signed, in as many decimals as the
 * comparison needs — so that figures shown beside the text (the web page's chips) never read
 * differently from its words.
 */
export function classWorsenedFigures(
  r: Pick<ClassWorsened, 'dK' | 'dO' | 'thresholds'>,
  l: Locale,
): { dK: string; dO: string; concentrationThreshold: string; nuisanceThreshold: string } {
  const plain = (tau: number) => fixed(tau, thresholdDigits(tau, tau), l);
  return {
    dK: signed(r.dK, nearDigits(r.dK, r.thresholds.concentration), l),
    dO: signed(r.dO, nearDigits(r.dO, r.thresholds.nuisance), l),
    concentrationThreshold: plain(r.thresholds.concentration),
    nuisanceThreshold: plain(r.thresholds.nuisance),
  };
}

function classWorsenedText(r: ClassWorsened, l: Locale): string {
  const { dK: dk, dO } = classWorsenedFigures(r, l);
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

export function nearThresholdFigures(
  r: Pick<NearThreshold, 'value' | 'previousValue' | 'threshold' | 'margin'>,
  l: Locale,
): { previousValue: string; value: string; threshold: string; margin: string } {
  const digits = Math.max(nearDigits(r.value, r.threshold), apartDigits(r.previousValue, r.value));
  return {
    previousValue: signed(r.previousValue, digits, l),
    value: signed(r.value, digits, l),
    threshold: fixed(r.threshold, thresholdDigits(r.threshold, r.threshold), l),
    margin: fixed(r.margin, thresholdDigits(r.margin, r.margin), l),
  };
}

function nearThresholdText(r: NearThreshold, l: Locale): string {
  const figures = nearThresholdFigures(r, l);
  const { threshold: tau, margin } = figures;
  const prev = `${figures.previousValue} SD`;
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
      `Dicht bij de drempel: ${subject} ${moved(r.quantity, r.value, figures.value, l)} in ${span(r.period)}, ` +
      `${where} (marge ${margin}), en meer dan in ${span(r.previousPeriod)} (${prev}).`
    );
  return (
    `Close to the threshold: ${subject} ${moved(r.quantity, r.value, figures.value, l)} in ${span(r.period)}, ` +
    `${where} (margin ${margin}), and more than in ${span(r.previousPeriod)} (${prev}).`
  );
}

export function concentrationRisingFigures(
  r: Pick<ConcentrationRising, 'previousValue' | 'value' | 'minRise'>,
  l: Locale,
): { previousValue: string; value: string; minRise: string | null } {
  const digits = Math.max(
    thresholdDigits(r.previousValue, r.minRise),
    thresholdDigits(r.value, r.minRise),
    apartDigits(r.previousValue, r.value),
  );
  return {
    previousValue: signed(r.previousValue, digits, l),
    value: signed(r.value, digits, l),
    minRise: r.minRise > 0 ? fixed(r.minRise, thresholdDigits(r.minRise, r.minRise), l) : null,
  };
}

function concentrationRisingText(r: ConcentrationRising, l: Locale): string {
  const figures = concentrationRisingFigures(r, l);
  const a = `${figures.previousValue} SD`;
  const b = `${figures.value} SD`;
  const min = figures.minRise;
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

export function nuisanceAgainstFigures(
  r: Pick<NuisanceAgainstGemeente, 'value' | 'restMean' | 'minRise' | 'minImprovement'>,
  l: Locale,
): { value: string; restMean: string } {
  const digits = Math.max(thresholdDigits(r.value, r.minRise), thresholdDigits(r.restMean, r.minImprovement));
  return { value: signed(r.value, digits, l), restMean: signed(r.restMean, digits, l) };
}

function nuisanceAgainstText(r: NuisanceAgainstGemeente, l: Locale): string {
  const figures = nuisanceAgainstFigures(r, l);
  const m = NUISANCE_MEASURES[r.measure as NuisanceMeasureId];
  const measure = m ? (l === 'nl' ? m.shortNl : m.shortEn) : r.measure;
  const own = `${figures.value} SD`;
  const rest = `${figures.restMean} SD`;
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
