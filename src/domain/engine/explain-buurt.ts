/**
 * A plain-language explanation (nl and en) of why a buurt is in its veerkracht class over a
 * period, generated from its numbers: which components moved and by how much, which nuisance
 * measure and years were used, against which reference, and from which editions.
 */
import { formatLegendNumber } from '../maps/legend-labels.js';
import { formatPeriod, type Period } from './engine-config.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from './veerkracht-classes.js';
import type { VeerkrachtEngine } from './veerkracht-engine.js';

export interface Explanation {
  nl: string;
  en: string;
}

interface Moved {
  titleNl: string;
  titleEn: string;
  from: number;
  to: number;
  years: readonly [number, number];
  dz: number;
}

const n = (v: number, l: 'nl' | 'en'): string => formatLegendNumber(v, l);

/** The explanation of one buurt (table row) for one period. */
export function explainBuurt(
  engine: VeerkrachtEngine,
  row: number,
  period: Period,
  gemeenteName: string,
): Explanation {
  const r = engine.period(period);
  const b = engine.table.buurten[row]!;
  const abs = VEERKRACHT_CLASSES[VEERKRACHT_CLASS_IDS[r.classification.absolute.classes[row]!]!];
  const rel = VEERKRACHT_CLASSES[VEERKRACHT_CLASS_IDS[r.classification.relative.classes[row]!]!];
  const p = formatPeriod(period);
  const nl: string[] = [
    `${b.name} valt over ${p} in de klasse “${abs.labelNl}” (absoluut) en “${rel.labelNl}” (relatief).`,
  ];
  const en: string[] = [
    `Over ${p}, ${b.name} is in the class “${abs.labelEn}” (absolute) and “${rel.labelEn}” (relative).`,
  ];
  if (abs.id === 'te-weinig-inwoners') {
    nl.push(
      `De buurt heeft minder dan ${engine.config.minPopulation} inwoners; dan zijn de cijfers te onzeker om te duiden.`,
    );
    en.push(
      `The buurt has fewer than ${engine.config.minPopulation} inhabitants; its figures are too uncertain to interpret.`,
    );
    return { nl: nl.join(' '), en: en.join(' ') };
  }
  const t = engine.config.thresholds;
  const dK = r.classification.absolute.dK[row]!;
  const moved = movedComponents(engine, row, period);
  if (Number.isNaN(dK)) {
    nl.push(
      `Voor de concentratie kwetsbare bewoners zijn te weinig componenten bekend (minimaal ${engine.config.minComponents}).`,
    );
    en.push(
      `Too few components of the concentration of vulnerable residents are known (at least ${engine.config.minComponents}).`,
    );
  } else {
    const up = dK > t.concentration;
    nl.push(
      `De concentratie kwetsbare bewoners veranderde ${n(dK, 'nl')} standaarddeviatie ten opzichte van de landelijke ontwikkeling (drempel ${n(t.concentration, 'nl')}): ${up ? 'een toename' : 'geen toename'}.`,
    );
    en.push(
      `The concentration of vulnerable residents changed by ${n(dK, 'en')} standard deviations against the national change (threshold ${n(t.concentration, 'en')}): ${up ? 'an increase' : 'no increase'}.`,
    );
    if (moved.length) {
      nl.push(
        `Het meest bewogen: ${moved.map((m) => `${m.titleNl.toLowerCase()} van ${n(m.from, 'nl')} (${m.years[0]}) naar ${n(m.to, 'nl')} (${m.years[1]})`).join('; ')}.`,
      );
      en.push(
        `Moved most: ${moved.map((m) => `${m.titleEn.toLowerCase()} from ${n(m.from, 'en')} (${m.years[0]}) to ${n(m.to, 'en')} (${m.years[1]})`).join('; ')}.`,
      );
    }
  }
  const [nNl, nEn] = nuisanceSentences(engine, row, period);
  nl.push(nNl);
  en.push(nEn);
  const dKr = r.classification.relative.dK[row]!;
  const dOr = r.classification.relative.dO[row]!;
  if (!Number.isNaN(dKr) && !Number.isNaN(dOr)) {
    nl.push(
      `Vergeleken met de rest van ${gemeenteName}: concentratie ${n(dKr, 'nl')} en overlast ${n(dOr, 'nl')} standaarddeviatie.`,
    );
    en.push(
      `Compared with the rest of ${gemeenteName}: concentration ${n(dKr, 'en')} and nuisance ${n(dOr, 'en')} standard deviations.`,
    );
  }
  const editions = editionsUsed(engine, row, period);
  if (editions.length) {
    nl.push(`Bronnen: ${editions.join('; ')}.`);
    en.push(`Sources: ${editions.join('; ')}.`);
  }
  return { nl: nl.join(' '), en: en.join(' ') };
}

function movedComponents(engine: VeerkrachtEngine, row: number, period: Period): Moved[] {
  const r = engine.period(period);
  const out: Moved[] = [];
  for (const cc of r.index.components) {
    if (!cc.dz || !cc.years || Number.isNaN(cc.dz[row]!)) continue;
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    const from = engine.index.raw(c, cc.years[0])?.[row];
    const to = engine.index.raw(c, cc.years[1])?.[row];
    if (from === undefined || to === undefined) continue;
    out.push({ titleNl: c.titleNl, titleEn: c.titleEn, from, to, years: cc.years, dz: cc.dz[row]! });
  }
  return out.sort((a, b) => Math.abs(b.dz) - Math.abs(a.dz)).slice(0, 3);
}

function nuisanceSentences(engine: VeerkrachtEngine, row: number, period: Period): [string, string] {
  const r = engine.period(period);
  const m = r.nuisance.measure[row]!;
  if (m < 0) {
    return [
      'Voor overlast en onveiligheid is in deze periode geen maat met twee meetjaren beschikbaar.',
      'No nuisance measure has two survey years in this period for this buurt.',
    ];
  }
  const measure = r.nuisance.measures[m]!;
  const [y0, y1] = r.nuisance.years[m]!;
  const a = engine.table.get(measure.indicator, y0)!.values[row]!;
  const b = engine.table.get(measure.indicator, y1)!.values[row]!;
  const dO = r.classification.absolute.dO[row]!;
  const tau = engine.config.thresholds.nuisance;
  const up = dO > tau;
  const fallbackNl = m > 0 ? ' (terugvalmaat: de Leefbaarometer had geen waarden)' : '';
  const fallbackEn = m > 0 ? ' (fallback: the Leefbaarometer had no values)' : '';
  return [
    `Overlast en onveiligheid, gemeten met ${measure.titleNl}${fallbackNl}, ging van ${n(a, 'nl')} (${y0}) naar ${n(b, 'nl')} (${y1}); dat is ${n(dO, 'nl')} standaarddeviatie ten opzichte van de landelijke ontwikkeling (drempel ${n(tau, 'nl')}): ${up ? 'meer overlast' : 'geen toename van overlast'}.`,
    `Nuisance and insecurity, measured by ${measure.titleEn}${fallbackEn}, went from ${n(a, 'en')} (${y0}) to ${n(b, 'en')} (${y1}); that is ${n(dO, 'en')} standard deviations against the national change (threshold ${n(tau, 'en')}): ${up ? 'more nuisance' : 'no increase in nuisance'}.`,
  ];
}

function editionsUsed(engine: VeerkrachtEngine, row: number, period: Period): string[] {
  const r = engine.period(period);
  const editions = new Set<string>();
  for (const cc of r.index.components) {
    if (!cc.dz || !cc.years || Number.isNaN(cc.dz[row]!)) continue;
    const c = engine.config.components.find((x) => x.id === cc.id)!;
    for (const y of cc.years)
      for (const s of engine.table.sources(engine.index.segmentIndicator(c, y)!, y)) editions.add(s.edition);
  }
  const m = r.nuisance.measure[row]!;
  if (m >= 0) {
    for (const y of r.nuisance.years[m]!)
      for (const s of engine.table.sources(r.nuisance.measures[m]!.indicator, y)) editions.add(s.edition);
  }
  return [...editions].sort();
}
