/**
 * What a map says about itself: the years actually compared per component and nuisance measure
 * (and a fallback measure, named), a heading and a legend title that show them, the honest scope
 * of class breaks ("kwintielen van 75 buurten in 2 gemeenten"). Why a map without values is empty:
 * empty-map-reason.ts.
 */
import type { SourceFamily } from '../indicator-catalogue.js';
import type { Period } from '../engine/engine-config.js';
import { periodLabel } from '../engine/explain-buurt.js';
import { fixed, plain } from '../engine/explain-numbers.js';
import { indicatorFamily } from '../engine/missing-kinds.js';
import { concentrationColumns, nuisanceColumns, type UsedColumn } from '../engine/period-sources.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { ClassMethod } from './breaks.js';
import type { MapSpec } from './map-definitions.js';
import { FAMILY_LABEL } from './empty-map-reason.js';

/** One measure compared over a period for (some of) the area's buurten. */
export interface Comparison {
  /** Component id or nuisance measure id. */
  id: string;
  quantity: 'concentration' | 'nuisance';
  titleNl: string;
  titleEn: string;
  family: SourceFamily;
  years: [number, number];
  /** Buurten of the area whose result used it. */
  buurten: number;
  /** True for a nuisance measure other than the first of the fallback order. */
  fallback: boolean;
}

/** What the class breaks of a level map were computed over. */
export interface LegendScope {
  /** Buurten with a value in the year (nationally: breaks are the same in every gemeente). */
  buurten: number;
  /** Gemeenten (codes) of those buurten. */
  gemeenten: string[];
  /** True when they lie in (nearly) every gemeente of the store: "in Nederland". */
  national: boolean;
}

/** The measures a period map compared for the buurten at `rows`, with their years (one entry per pair of years). */
export function comparisons(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  rows: readonly number[],
  spec: MapSpec,
): Comparison[] {
  const out: Comparison[] = [];
  const wantK = spec.kind !== 'change' || spec.quantity === 'concentration';
  const wantO = spec.kind !== 'change' || spec.quantity === 'nuisance';
  if (wantK) {
    for (const col of groupColumns(concentrationColumns(engine, r, rows))) {
      const c = engine.config.components.find((x) => x.id === col.measure)!;
      out.push({
        id: c.id,
        quantity: 'concentration',
        titleNl: c.titleNl,
        titleEn: c.titleEn,
        family: indicatorFamily(engine.index.segmentIndicator(c, col.years[1])!),
        years: col.years,
        buurten: col.rows,
        fallback: false,
      });
    }
  }
  if (wantO) {
    for (const col of groupColumns(nuisanceColumns(r, rows))) {
      const mi = r.nuisance.measures.findIndex((m) => m.id === col.measure);
      const m = r.nuisance.measures[mi]!;
      out.push({
        id: m.id,
        quantity: 'nuisance',
        titleNl: m.shortNl,
        titleEn: m.shortEn,
        family: indicatorFamily(m.indicator),
        years: col.years,
        buurten: col.rows,
        fallback: mi > 0,
      });
    }
  }
  return out;
}

/** Used columns (two per pair of years) back to one entry per measure and pair. */
function groupColumns(
  cols: readonly UsedColumn[],
): { measure: string; years: [number, number]; rows: number }[] {
  const out: { measure: string; years: [number, number]; rows: number }[] = [];
  for (let k = 0; k + 1 < cols.length; k += 2) {
    const a = cols[k]!;
    const b = cols[k + 1]!;
    out.push({ measure: a.measure, years: [a.year, b.year], rows: a.rows.length });
  }
  return out;
}

/** "RIVM 2016 → 2020 (angst of depressie, moeite met rondkomen)" per family and pair of years. */
function concentrationPhrase(list: readonly Comparison[], l: 'nl' | 'en'): string {
  const groups = new Map<string, Comparison[]>();
  for (const c of list) {
    const key = `${c.family}|${c.years.join('-')}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()]
    .map((g) => {
      const titles = g.map((c) => (l === 'nl' ? c.titleNl : c.titleEn).toLowerCase()).join(', ');
      return `${FAMILY_LABEL[g[0]!.family][l]} ${g[0]!.years[0]} → ${g[0]!.years[1]} (${titles})`;
    })
    .join('; ');
}

function nuisancePhrase(list: readonly Comparison[], total: number, l: 'nl' | 'en'): string {
  return list
    .map((c) => {
      const years = `${c.years[0]} → ${c.years[1]}`;
      const title = l === 'nl' ? c.titleNl : c.titleEn;
      if (!c.fallback) return `${title} ${years}`;
      const n = `${c.buurten} ${c.buurten === 1 ? 'buurt' : 'buurten'}`;
      const count = c.buurten === total ? '' : l === 'nl' ? ` voor ${n}` : ` for ${n}`;
      return l === 'nl' ? `terugvalmaat ${title} ${years}${count}` : `fallback ${title} ${years}${count}`;
    })
    .join('; ');
}

/** "concentratie: …; overlast: …" — the years actually compared, for headings and legends. */
export function comparedText(list: readonly Comparison[], total: number, l: 'nl' | 'en'): string {
  const k = list.filter((c) => c.quantity === 'concentration');
  const o = list.filter((c) => c.quantity === 'nuisance');
  const parts: string[] = [];
  if (k.length) parts.push(`${l === 'nl' ? 'concentratie' : 'concentration'}: ${concentrationPhrase(k, l)}`);
  if (o.length) parts.push(`${l === 'nl' ? 'overlast' : 'nuisance'}: ${nuisancePhrase(o, total, l)}`);
  return parts.join('; ');
}

/** The map's heading: title, period and the years compared (a fallback measure named). */
export function periodHeading(
  spec: MapSpec,
  period: Period,
  list: readonly Comparison[],
  total: number,
): { nl: string; en: string } {
  const p = periodLabel(period);
  const nl = comparedText(list, total, 'nl');
  const en = comparedText(list, total, 'en');
  return {
    nl: `${spec.titleNl}, ${p}${nl ? ` — vergeleken: ${nl}` : ''}`,
    en: `${spec.titleEn}, ${p}${en ? ` — compared: ${en}` : ''}`,
  };
}

/** The heading of a level map: title and year; components taken from other years are named. */
export function levelHeading(
  spec: MapSpec,
  year: number,
  yearsUsed: Record<string, number[]>,
  engine: VeerkrachtEngine,
): { nl: string; en: string } {
  const other = Object.entries(yearsUsed).filter(([, ys]) => ys.some((y) => y !== year));
  if (spec.kind !== 'level' || spec.value.kind !== 'concentration-index' || other.length === 0)
    return { nl: `${spec.titleNl}, ${year}`, en: `${spec.titleEn}, ${year}` };
  const title = (id: string, l: 'nl' | 'en') => {
    const c = engine.config.components.find((x) => x.id === id);
    return (c ? (l === 'nl' ? c.titleNl : c.titleEn) : id).toLowerCase();
  };
  const list = (l: 'nl' | 'en') =>
    other.map(([id, ys]) => `${title(id, l)} ${l === 'nl' ? 'uit' : 'from'} ${ys.join(', ')}`).join('; ');
  return {
    nl: `${spec.titleNl}, ${year} (niet in ${year} gemeten: ${list('nl')})`,
    en: `${spec.titleEn}, ${year} (not measured in ${year}: ${list('en')})`,
  };
}

/** The class method in words: "kwintielen", "vaste grenzen", … */
function methodWords(m: ClassMethod, l: 'nl' | 'en'): string {
  switch (m.method) {
    case 'quantile':
      if (m.k === 5) return l === 'nl' ? 'kwintielen' : 'quintiles';
      if (m.k === 4) return l === 'nl' ? 'kwartielen' : 'quartiles';
      return l === 'nl' ? `${m.k} kwantielklassen` : `${m.k} quantile classes`;
    case 'equal-interval':
      return l === 'nl' ? `${m.k} gelijke intervallen` : `${m.k} equal intervals`;
    case 'ckmeans':
      return l === 'nl' ? `${m.k} natuurlijke klassen (ckmeans)` : `${m.k} natural classes (ckmeans)`;
    case 'fixed':
      return l === 'nl' ? 'vaste grenzen' : 'fixed bounds';
  }
}

/** The gemeenten of the buurten with a value: national when nearly every gemeente of the store is there. */
export function legendScope(engine: VeerkrachtEngine, values: ArrayLike<number>): LegendScope {
  const gemeenten = new Set<string>();
  let buurten = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) continue;
    buurten++;
    gemeenten.add(engine.table.buurten[i]!.gemeente);
  }
  const all = engine.table.byGemeente().size;
  return { buurten, gemeenten: [...gemeenten].sort(), national: gemeenten.size >= 0.9 * all };
}

/**
 * "Klassen: kwintielen van 10.290 buurten in Nederland (2020)" — `names` gives gemeente names
 * (codes otherwise); up to three gemeenten are named, more are counted.
 */
export function scopeText(
  scope: LegendScope,
  method: ClassMethod,
  year: number,
  l: 'nl' | 'en',
  names: (code: string) => string = (c) => c,
): string {
  const words = methodWords(method, l);
  if (method.method === 'fixed') return l === 'nl' ? `Klassen: ${words}` : `Classes: ${words}`;
  const n = plain(scope.buurten, l);
  const where = scope.national
    ? l === 'nl'
      ? 'in Nederland'
      : 'in the Netherlands'
    : scope.gemeenten.length <= 3
      ? `in ${scope.gemeenten.map(names).join(l === 'nl' ? ' en ' : ' and ')}`
      : l === 'nl'
        ? `in ${scope.gemeenten.length} gemeenten`
        : `in ${scope.gemeenten.length} gemeenten`;
  return l === 'nl'
    ? `Klassen: ${words} van ${n} buurten ${where} (${year})`
    : `Classes: ${words} of ${n} buurten ${where} (${year})`;
}

/** The legend title of a change map: the scale and the threshold. */
export function changeLegendTitle(tau: number, l: 'nl' | 'en'): string {
  return l === 'nl'
    ? `Verandering in standaarddeviaties van het basisjaar; binnen ±${plain(tau, 'nl')} = stabiel`
    : `Change in standard deviations of the base year; within ±${plain(tau, 'en')} = stable`;
}

/** "1 SD = 0,087 (Leefbaarometer onv, 2014)" — the base-year scales a period map used. */
export function scaleNotes(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  list: readonly Comparison[],
): { id: string; indicator: string; year: number; sd: number }[] {
  const out: { id: string; indicator: string; year: number; sd: number }[] = [];
  for (const c of list) {
    if (c.quantity === 'concentration') {
      const cc = r.index.components.find((x) => x.id === c.id);
      if (cc?.scale)
        out.push({ id: c.id, indicator: cc.scale.indicator, year: cc.scale.year, sd: cc.scale.sd });
    } else {
      const mi = r.nuisance.measures.findIndex((m) => m.id === c.id);
      const s = r.nuisance.scales[mi];
      if (s) out.push({ id: c.id, indicator: s.indicator, year: s.year, sd: s.sd });
    }
  }
  return out;
}

/** "1 SD = 0,087 Leefbaarometer onv (spreiding 2014)". */
export function scaleNoteText(
  list: readonly Comparison[],
  scales: readonly { id: string; year: number; sd: number }[],
  l: 'nl' | 'en',
): string {
  return scales
    .map((s) => {
      const c = list.find((x) => x.id === s.id);
      const title = c ? (l === 'nl' ? c.titleNl : c.titleEn) : s.id;
      const sd = fixed(s.sd, s.sd >= 10 ? 1 : 3, l);
      return l === 'nl'
        ? `${title}: 1 SD = ${sd} (spreiding ${s.year})`
        : `${title}: 1 SD = ${sd} (spread ${s.year})`;
    })
    .join('; ');
}
