/**
 * Key figures of an area (gemeente or region) for one period, for the comparison of areas:
 * buurten and inhabitants per veerkracht class (absolute and relative), corporatiebuurten,
 * the population-weighted mean index in the period's last year with index values for the area
 * (with that year), and the correlation over
 * buurten between corporation share and nuisance level. No data is null, never 0: inhabitants
 * sum only known populations (null when none is known), corporatiebuurten is null without any
 * corporation share, and no figure is ever −0.
 */
import { type Period } from './engine-config.js';
import { NUISANCE_MEASURES, nuisanceLevel } from './nuisance-change.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from './veerkracht-classes.js';
import type { VeerkrachtEngine } from './veerkracht-engine.js';
import { levelYear } from './year-rule.js';
import { pearson, weightedStats } from './weighted-stats.js';

export interface PerClassFigure {
  classId: string;
  label: string;
  labelEn: string;
  buurten: number;
  /** Inhabitants of the class's buurten with a known population; null when none is known. */
  inhabitants: number | null;
}

export interface AreaFigures {
  buurten: number;
  /** Inhabitants of the buurten with a known population; null when none is known. */
  inhabitants: number | null;
  /** Buurten without a known population. */
  buurtenWithoutPopulation: number;
  perClass: PerClassFigure[];
  perClassRelative: PerClassFigure[];
  /** Null when no buurt of the area has a corporation share. */
  corporatiebuurten: number | null;
  /** The year of the corporation shares counted (null with corporatiebuurten). */
  corporatiebuurtenYear: number | null;
  /**
   * Mean concentration index in `meanIndexYear`, the last year of the period in which buurten of
   * the area have an index (null when none has); weighted by inhabitants when enough are known.
   */
  meanIndex: number | null;
  meanIndexYear: number | null;
  /** Whether that mean is weighted by inhabitants (too few known populations: unweighted); null without it. */
  meanIndexWeighted: boolean | null;
  correlationCorporationNuisance: number | null;
  /** The nuisance-change measure used by most of the area's buurten (null when none has one). */
  measureUsed: string | null;
}

/** Corporation share above which a buurt is a corporatiebuurt (two thirds). */
export const CORPORATIEBUURT_THRESHOLD = 200 / 3;

/** Figures for the buurten at `rows` over `period`. */
export function areaFigures(engine: VeerkrachtEngine, rows: readonly number[], period: Period): AreaFigures {
  const r = engine.period(period);
  const pop = r.weights;
  const inhabitants = knownSum(rows, pop);
  const buurtenWithoutPopulation = rows.filter((i) => Number.isNaN(pop[i]!)).length;
  const corpYear = levelYear(engine.table.years('corporation_share'), period.t1, 10);
  const corp = corpYear === null ? undefined : engine.table.get('corporation_share', corpYear)?.values;
  const withCorp = corp ? rows.filter((i) => !Number.isNaN(corp[i]!)) : [];
  const corporatiebuurten =
    corp && withCorp.length ? withCorp.filter((i) => corp[i]! > CORPORATIEBUURT_THRESHOLD).length : null;
  const mean = lastMeanIndex(engine, rows, pop, period);
  const [correlation] = corp ? correlate(engine, rows, corp, period) : [null];
  const measureUsed = dominantMeasure(
    r.nuisance.measure,
    r.nuisance.measures.map((m) => m.id),
    rows,
  );
  return {
    buurten: rows.length,
    inhabitants,
    buurtenWithoutPopulation,
    perClass: perClass(r.classification.absolute.classes, rows, pop),
    perClassRelative: perClass(r.classification.relative.classes, rows, pop),
    corporatiebuurten,
    corporatiebuurtenYear: corporatiebuurten === null ? null : corpYear,
    meanIndex: mean ? noNegativeZero(mean.value) : null,
    meanIndexYear: mean?.year ?? null,
    meanIndexWeighted: mean?.weighted ?? null,
    correlationCorporationNuisance: correlation === null ? null : noNegativeZero(correlation),
    measureUsed,
  };
}

/**
 * The mean index of `rows` (weighted by inhabitants where enough are known: weightedStats) in the
 * last year of `period` in which any of them has one; undefined when none has in any year of the period. At the
 * period's end alone, an area whose index sources end earlier (RIVM every four years) would read
 * "no data" beside a concentration map that has it.
 */
function lastMeanIndex(
  engine: VeerkrachtEngine,
  rows: readonly number[],
  pop: Float64Array,
  period: Period,
): { value: number; year: number; weighted: boolean } | undefined {
  const include = new Set(rows);
  for (let year = period.t1; year >= period.t0; year--) {
    const mean = weightedStats(engine.level(year).values, pop, (i) => include.has(i));
    if (mean.n > 0) return { value: mean.mean, year, weighted: mean.weighted };
  }
  return undefined;
}

/** Σ of the known values at `rows`; null when none is known (unknown is never 0). */
function knownSum(rows: readonly number[], values: Float64Array): number | null {
  let sum = 0;
  let known = 0;
  for (const i of rows) {
    if (Number.isNaN(values[i]!)) continue;
    sum += values[i]!;
    known++;
  }
  return known ? sum : null;
}

/** −0 → 0 (a figure is never printed or serialised as "−0"). */
function noNegativeZero(v: number): number {
  return v === 0 ? 0 : v;
}

function dominantMeasure(measure: Int8Array, ids: readonly string[], rows: readonly number[]): string | null {
  const counts = new Map<number, number>();
  for (const i of rows) if (measure[i]! >= 0) counts.set(measure[i]!, (counts.get(measure[i]!) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top ? ids[top[0]]! : null;
}

function perClass(classes: Uint8Array, rows: readonly number[], pop: Float64Array): PerClassFigure[] {
  return VEERKRACHT_CLASS_IDS.map((id, ci) => {
    const members = rows.filter((i) => classes[i] === ci);
    return {
      classId: id,
      label: VEERKRACHT_CLASSES[id].labelNl,
      labelEn: VEERKRACHT_CLASSES[id].labelEn,
      buurten: members.length,
      // a class without buurten has 0 inhabitants (a count); with buurten of unknown population only: null
      inhabitants: members.length === 0 ? 0 : knownSum(members, pop),
    };
  });
}

/** Pearson r between corporation share and the nuisance level (first measure of the fallback order with ≥ 3 pairs). */
function correlate(
  engine: VeerkrachtEngine,
  rows: readonly number[],
  corp: Float64Array,
  period: Period,
): [number | null, string | null] {
  const xs = Float64Array.from(rows, (i) => corp[i]!);
  for (const id of engine.config.nuisanceMeasures) {
    const m = NUISANCE_MEASURES[id];
    const y = levelYear(engine.table.years(m.indicator), period.t1, 10);
    const level = y === null ? undefined : nuisanceLevel(engine.table, m, y);
    if (!level) continue;
    const ys = Float64Array.from(rows, (i) => level[i]!);
    const r = pearson(xs, ys);
    if (r !== null) return [r, id];
  }
  return [null, null];
}
