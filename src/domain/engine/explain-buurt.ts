/**
 * A plain-language explanation (nl and en) of why a buurt is in its veerkracht class over a
 * period, generated from its numbers so that it cannot contradict them:
 * - every direction word follows the sign of the numbers it quotes ("steeg van 7,1 % naar 7,8 %");
 *   two different values are printed with enough decimals to differ, equal values are "gelijk";
 * - the direction of each scale is stated ("hogere Leefbaarometer-score = beter");
 * - the verdict on each component of the class ("een toename", "meer overlast") is the comparison
 *   of the printed change with the printed threshold, made exactly as the classification made it;
 * - the years compared and the measure used are named (a fallback measure is called one, with the
 *   reason), and only the editions whose values were used for this buurt are cited.
 * docs/method.md, "Explanation"; test/engine/explanations-real.test.ts checks every classified
 * buurt of the national store against its class and its numbers.
 */
import { findIndicator } from './indicator-registry.js';
import type { ColumnSource } from './buurt-table.js';
import { type Period } from './engine-config.js';
import {
  baseDigits,
  direction,
  fixed,
  lowerFirst,
  pairDigits,
  plain,
  thresholdDigits,
  type Direction,
  type Locale,
} from './explain-numbers.js';
import { lacksComparison } from './classify-veerkracht.js';
import { MISSING_LABELS, missingKind } from './missing-kinds.js';
import { concentrationColumns, nuisanceColumns, sourcesOf } from './period-sources.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from './veerkracht-classes.js';
import type { PeriodResult, VeerkrachtEngine } from './veerkracht-engine.js';
import { rowPair } from './year-rule.js';

export interface Explanation {
  nl: string;
  en: string;
}

interface Text {
  nl: string[];
  en: string[];
}

/** "2016–2020". */
export function periodLabel(p: Period): string {
  return `${p.t0}–${p.t1}`;
}

/** The explanation of one buurt (table row) for one period. */
export function explainBuurt(
  engine: VeerkrachtEngine,
  row: number,
  period: Period,
  gemeenteName: string,
): Explanation {
  const r = engine.period(period);
  const c = r.classification;
  const b = engine.table.buurten[row]!;
  const abs = VEERKRACHT_CLASSES[VEERKRACHT_CLASS_IDS[c.absolute.classes[row]!]!];
  // a buurt without another to compare with has no relative class, and says so (as its map)
  const alone = lacksComparison(c, c.relative, row);
  const relClass = VEERKRACHT_CLASSES[VEERKRACHT_CLASS_IDS[c.relative.classes[row]!]!];
  const rel = alone
    ? { labelNl: MISSING_LABELS['no-comparison'].nl, labelEn: MISSING_LABELS['no-comparison'].en }
    : relClass;
  const p = periodLabel(period);
  const text: Text = {
    nl: [`${b.name} valt over ${p} in de klasse “${abs.labelNl}” (absoluut) en “${rel.labelNl}” (relatief).`],
    en: [`Over ${p}, ${b.name} is in the class “${abs.labelEn}” (absolute) and “${rel.labelEn}” (relative).`],
  };
  if (alone) {
    text.nl.push(
      `Relatief wordt een buurt vergeleken met de rest van ${gemeenteName}; daar is geen andere buurt met veranderingen van dezelfde maten om mee te vergelijken.`,
    );
    text.en.push(
      `The relative reading compares a buurt with the rest of ${gemeenteName}; there is no other buurt there with changes of the same measures to compare with.`,
    );
  }
  const residents = c.residents[row]!;
  if (residents === 'unknown') {
    text.nl.push(
      'Het aantal inwoners van deze buurt is onbekend (geen CBS-inwonertal op deze buurtindeling); daarom wordt ze niet ingedeeld en telt ze nergens als 0 inwoners mee.',
    );
    text.en.push(
      'The number of inhabitants of this buurt is unknown (no CBS population on this division), so it is not classified and never counted as 0 inhabitants.',
    );
  } else if (residents === 'too-few') {
    text.nl.push(
      `De buurt heeft minder dan ${engine.config.minPopulation} inwoners (${plain(r.weights[row]!, 'nl')}); dan zijn de cijfers te onzeker om te duiden.`,
    );
    text.en.push(
      `The buurt has fewer than ${engine.config.minPopulation} inhabitants (${plain(r.weights[row]!, 'en')}); its figures are too uncertain to interpret.`,
    );
    return join(text);
  }
  concentrationText(engine, r, row, text);
  nuisanceText(engine, r, row, period, text);
  relativeText(engine, r, row, gemeenteName, text);
  const editions = editionsUsed(engine, r, row);
  if (editions.length) {
    text.nl.push(`Bronnen: ${editions.join('; ')}.`);
    text.en.push(`Sources: ${editions.join('; ')}.`);
  }
  return join(text);
}

function join(t: Text): Explanation {
  return { nl: t.nl.join(' '), en: t.en.join(' ') };
}

const UNIT_SUFFIX: Record<string, Record<Locale, string>> = {
  percent: { nl: ' %', en: '%' },
};

/** "steeg van 7,1 % naar 7,8 %" / "daalde van …" / "bleef gelijk op 7,1 %". */
export function movement(a: number, b: number, unit: string, locale: Locale): string {
  const suffix = UNIT_SUFFIX[unit]?.[locale] ?? '';
  const d = pairDigits(a, b);
  const A = `${fixed(a, d, locale)}${suffix}`;
  const B = `${fixed(b, d, locale)}${suffix}`;
  const dir = direction(a, b);
  if (locale === 'nl')
    return dir === 'up'
      ? `steeg van ${A} naar ${B}`
      : dir === 'down'
        ? `daalde van ${A} naar ${B}`
        : `bleef gelijk op ${A}`;
  return dir === 'up'
    ? `rose from ${A} to ${B}`
    : dir === 'down'
      ? `fell from ${A} to ${B}`
      : `stayed at ${A}`;
}

function concentrationText(engine: VeerkrachtEngine, r: PeriodResult, row: number, text: Text): void {
  const tau = engine.config.thresholds.concentration;
  const dK = r.classification.absolute.dK[row]!;
  const parts: { nl: string; en: string; size: number }[] = [];
  const notes: { nl: string; en: string }[] = [];
  const gemeente = engine.table.buurten[row]!.gemeente;
  for (const cc of r.index.components) {
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    const years = rowPair(cc.rowYears, row);
    if (!years) {
      if (cc.byGemeente.get(gemeente)?.break)
        notes.push({
          nl: `${c.titleNl} telt niet mee: de definitie veranderde in deze periode.`,
          en: `${c.titleEn} is left out: its definition changed within this period.`,
        });
      continue;
    }
    const [y0, y1] = years;
    const a = engine.index.raw(c, y0)![row]!;
    const bv = engine.index.raw(c, y1)![row]!;
    const def = findIndicator(engine.index.segmentIndicator(c, y1)!);
    const unit = def?.unit ?? 'score';
    const title = (l: Locale) => (l === 'nl' ? (def?.titleNl ?? c.titleNl) : (def?.titleEn ?? c.titleEn));
    parts.push({
      nl: `${title('nl')} ${movement(a, bv, unit, 'nl')} (${y0} → ${y1})`,
      en: `${title('en')} ${movement(a, bv, unit, 'en')} (${y0} → ${y1})`,
      size: Math.abs(cc.scaled![row]!),
    });
  }
  parts.sort((x, y) => y.size - x.size);
  if (Number.isNaN(dK)) {
    text.nl.push(
      `Concentratie kwetsbare bewoners: onbekend — ${parts.length} van de minimaal ${engine.config.minComponents} componenten hebben in deze periode een waarde aan beide kanten.`,
    );
    text.en.push(
      `Concentration of vulnerable residents: unknown — ${parts.length} of at least ${engine.config.minComponents} components have a value at both ends of this period.`,
    );
  } else {
    const mag = fixed(Math.abs(dK), thresholdDigits(dK, tau), 'nl');
    const magEn = fixed(Math.abs(dK), thresholdDigits(dK, tau), 'en');
    const up = dK > tau;
    const word = (l: Locale): string => {
      if (dK === 0) return l === 'nl' ? 'bleef gelijk' : 'stayed the same';
      if (l === 'nl') return dK > 0 ? `steeg met ${mag}` : `daalde met ${mag}`;
      return dK > 0 ? `rose by ${magEn}` : `fell by ${magEn}`;
    };
    text.nl.push(
      `Concentratie kwetsbare bewoners ${word('nl')} (gemiddelde verandering van de componenten, in standaarddeviaties van de buurtverdeling in hun basisjaar; drempel voor een toename: ${plain(tau, 'nl')}): ${up ? 'een toename' : 'geen toename'}.`,
    );
    text.en.push(
      `Concentration of vulnerable residents ${word('en')} (mean change of the components, in standard deviations of the buurt distribution in their base year; threshold for an increase: ${plain(tau, 'en')}): ${up ? 'an increase' : 'no increase'}.`,
    );
  }
  if (parts.length) {
    text.nl.push(`Componenten (hoger = meer kwetsbare bewoners): ${parts.map((x) => x.nl).join('; ')}.`);
    text.en.push(`Components (higher = more vulnerable residents): ${parts.map((x) => x.en).join('; ')}.`);
  }
  for (const n of notes) {
    text.nl.push(n.nl);
    text.en.push(n.en);
  }
}

/** Words for a change of a nuisance measure from a to b: worse, better or equal, given the scale's direction. */
function nuisanceWord(dir: Direction, sign: 1 | -1, l: Locale): string {
  if (dir === 'same') return l === 'nl' ? 'gelijk' : 'unchanged';
  const worse = (dir === 'up') === (sign === 1);
  if (l === 'nl') return worse ? 'slechter' : 'beter';
  return worse ? 'worse' : 'better';
}

function nuisanceText(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  row: number,
  period: Period,
  text: Text,
): void {
  const m = r.nuisance.measure[row]!;
  const primary = r.nuisance.measures[0]!;
  const why = primaryMissing(engine, r, row);
  if (m < 0) {
    text.nl.push(
      `Overlast en onveiligheid: onbekend — geen maat heeft voor deze buurt twee meetjaren in ${periodLabel(period)} (${primary.shortNl}: ${why.nl}).`,
    );
    text.en.push(
      `Nuisance and insecurity: unknown — no measure has two survey years in ${periodLabel(period)} for this buurt (${primary.shortEn}: ${why.en}).`,
    );
    return;
  }
  const measure = r.nuisance.measures[m]!;
  const [y0, y1] = rowPair(r.nuisance.rowYears, row)!;
  const a = engine.table.get(measure.indicator, y0)!.values[row]!;
  const b = engine.table.get(measure.indicator, y1)!.values[row]!;
  const d = pairDigits(a, b);
  const dir = direction(a, b);
  const fallbackNl = m > 0 ? ` Dit is een terugvalmaat: ${primary.shortNl} ${why.nl}.` : '';
  const fallbackEn = m > 0 ? ` This is a fallback measure: ${primary.shortEn} ${why.en}.` : '';
  text.nl.push(
    `Overlast en onveiligheid, gemeten met ${measure.titleNl} (${measure.directionNl}), ging van ${fixed(a, d, 'nl')} (${y0}) naar ${fixed(b, d, 'nl')} (${y1}): ${nuisanceWord(dir, measure.sign, 'nl')}.${fallbackNl}`,
  );
  text.en.push(
    `Nuisance and insecurity, measured by ${measure.titleEn} (${measure.directionEn}), went from ${fixed(a, d, 'en')} (${y0}) to ${fixed(b, d, 'en')} (${y1}): ${nuisanceWord(dir, measure.sign, 'en')}.${fallbackEn}`,
  );
  const tau = engine.config.thresholds.nuisance;
  const dO = r.classification.absolute.dO[row]!;
  const scale = r.nuisance.scales[m]!;
  const sd = (l: Locale) => fixed(scale.sd, Math.max(baseDigits(scale.sd), 3), l);
  const magDigits = thresholdDigits(dO, tau);
  const change = (l: Locale): string => {
    const mag = fixed(Math.abs(dO), magDigits, l);
    if (dO === 0) return l === 'nl' ? 'geen verandering' : 'no change';
    if (l === 'nl') return dO > 0 ? `een verslechtering van ${mag}` : `een verbetering van ${mag}`;
    return dO > 0 ? `a deterioration of ${mag}` : `an improvement of ${mag}`;
  };
  const more = dO > tau;
  text.nl.push(
    `In standaarddeviaties van ${measure.shortNl} in ${scale.year} (${sd('nl')}) is dat ${change('nl')} (drempel voor meer overlast: ${plain(tau, 'nl')}): ${more ? 'meer overlast' : 'geen toename van overlast'}.`,
  );
  text.en.push(
    `In standard deviations of ${measure.shortEn} in ${scale.year} (${sd('en')}) that is ${change('en')} (threshold for more nuisance: ${plain(tau, 'en')}): ${more ? 'more nuisance' : 'no increase in nuisance'}.`,
  );
}

/** Why the primary nuisance measure does not cover the buurt for the period (for fallbacks and unknowns). */
function primaryMissing(engine: VeerkrachtEngine, r: PeriodResult, row: number): { nl: string; en: string } {
  const ys = r.nuisance.byGemeente[0]!.get(engine.table.buurten[row]!.gemeente) ?? null;
  if (!ys)
    return {
      nl: 'heeft geen twee meetjaren in deze periode',
      en: 'has no two survey years in this period',
    };
  const primary = r.nuisance.measures[0]!;
  for (const y of ys) {
    const v = engine.table.get(primary.indicator, y)?.values[row] ?? NaN;
    if (!Number.isNaN(v)) continue;
    const kind = missingKind(engine.table, primary.indicator, y, row, NaN, null);
    const label = MISSING_LABELS[kind];
    return {
      nl: `heeft voor deze buurt geen waarde in ${y} (${lowerFirst(label.nl)})`,
      en: `has no value for this buurt in ${y} (${lowerFirst(label.en)})`,
    };
  }
  return { nl: 'heeft geen waarde', en: 'has no value' };
}

function relativeText(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  row: number,
  gemeenteName: string,
  text: Text,
): void {
  const dK = r.classification.relative.dK[row]!;
  const dO = r.classification.relative.dO[row]!;
  if (Number.isNaN(dK) || Number.isNaN(dO)) return;
  const t = engine.config.thresholds;
  const whole = engine.config.relativeReference === 'gemeente';
  const side = (v: number, tau: number, l: Locale, worse: boolean): string => {
    const mag = fixed(Math.abs(v), thresholdDigits(v, tau), l);
    if (v === 0) return l === 'nl' ? 'gelijk aan' : 'equal to';
    const note = worse
      ? l === 'nl'
        ? v > 0
          ? ' (slechter)'
          : ' (beter)'
        : v > 0
          ? ' (worse)'
          : ' (better)'
      : '';
    if (l === 'nl') return v > 0 ? `${mag} boven${note}` : `${mag} onder${note}`;
    return v > 0 ? `${mag} above${note}` : `${mag} below${note}`;
  };
  text.nl.push(
    `Vergeleken met ${whole ? 'heel' : 'de rest van'} ${gemeenteName} (relatief): de verandering van de concentratie ligt ${side(dK, t.concentration, 'nl', false)} het gemiddelde daar, die van de overlast ${side(dO, t.nuisance, 'nl', true)} het gemiddelde daar (drempels ${plain(t.concentration, 'nl')} en ${plain(t.nuisance, 'nl')}).`,
  );
  text.en.push(
    `Compared with ${whole ? 'all of' : 'the rest of'} ${gemeenteName} (relative): the change in concentration is ${side(dK, t.concentration, 'en', false)} the average there, the change in nuisance ${side(dO, t.nuisance, 'en', true)} the average there (thresholds ${plain(t.concentration, 'en')} and ${plain(t.nuisance, 'en')}).`,
  );
}

/** Editions whose values this buurt's result used (components, nuisance measure, inhabitants). */
function editionsUsed(engine: VeerkrachtEngine, r: PeriodResult, row: number): string[] {
  const editions = new Set<string>();
  const add = (list: readonly ColumnSource[]) => list.forEach((s) => editions.add(s.edition));
  for (const col of [...concentrationColumns(engine, r, [row]), ...nuisanceColumns(r, [row])])
    add(sourcesOf(engine, col));
  const popYear = engine.population.yearsAt(r.period.t1)[row]!;
  if (popYear) add(engine.table.sourcesAt('inhabitants', popYear, [row]));
  return [...editions].sort();
}
