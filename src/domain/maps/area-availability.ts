/**
 * Which years or periods of a map have data for one area (a gemeente or region): per year
 * (level maps) or period (change and classification maps) with national data, how many of the
 * area's buurten get a value. "A value" is what the map itself shows: a data class of the
 * legend, never a special entry (no data, suppressed, too few residents, insufficient data).
 * Built on `buildMap`, so it always agrees with the map the area gets.
 */
import { parsePeriod } from '../engine/engine-config.js';
import type { IndicatorSpan } from '../engine/missing-kinds.js';
import { VEERKRACHT_CLASSES, type VeerkrachtClassId } from '../engine/veerkracht-classes.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { buildMap, mapAvailability, type BuiltFeature } from './build-map.js';
import type { MapSpec } from './map-definitions.js';
import type { EmptyCode, FetchableSource } from './empty-map-reason.js';
import type { Comparison } from './map-meta.js';

export interface AreaCount {
  /** A year ("2020") for level maps, a period ("2016-2020") otherwise. */
  key: string;
  /** Buurten of the area with a value. */
  withValue: number;
  /** Period maps: the first and last year compared for most of the area's buurten (mainComparedYears). */
  span?: [number, number];
  /** Period maps: the years compared per measure, as text; equal for periods that compare the same. */
  signature?: string;
  /** No buurt with a value: the map's own reason (`emptyReason.code`). */
  emptyCode?: EmptyCode;
  /** No buurt with a value: the sources the map says to load (`emptyReason.missingSources`). */
  emptySources?: readonly FetchableSource[];
}

export interface AreaMapAvailability {
  /** Buurten in the area. */
  buurten: number;
  /** Every year or period with national data, oldest first, with the area's count. */
  counts: AreaCount[];
}

/** True when the map shows a value (a data class) for this buurt. */
export function hasMapValue(spec: MapSpec, feature: BuiltFeature): boolean {
  if (spec.kind === 'classification') {
    const info = VEERKRACHT_CLASSES[feature.classId as VeerkrachtClassId] as
      (typeof VEERKRACHT_CLASSES)[VeerkrachtClassId] | undefined;
    return info !== undefined && info.severity !== null;
  }
  return feature.classIndex !== null;
}

/** Per year or period with national data: how many of the buurten at `rows` the map gives a value. */
export function areaMapAvailability(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
): AreaMapAvailability {
  const national = mapAvailability(engine, spec);
  const count = (features: readonly BuiltFeature[]): number =>
    features.reduce((n, f) => n + (hasMapValue(spec, f) ? 1 : 0), 0);
  const counts: AreaCount[] = [];
  if (rows.length > 0) {
    const emptyCode = (built: ReturnType<typeof buildMap>) =>
      built.emptyReason
        ? { emptyCode: built.emptyReason.code, emptySources: built.emptyReason.missingSources }
        : {};
    for (const year of national.years ?? []) {
      const built = buildMap(engine, spec, rows, { year });
      counts.push({ key: String(year), withValue: count(built.features), ...emptyCode(built) });
    }
    for (const period of national.periods ?? []) {
      const built = buildMap(engine, spec, rows, { period: parsePeriod(period) });
      const withValue = count(built.features);
      const years = mainComparedYears(built.comparisons, built.yearsUsed);
      counts.push({
        key: period,
        withValue,
        ...emptyCode(built),
        ...(withValue > 0 && years.length > 0
          ? {
              span: [Math.min(...years), Math.max(...years)] as [number, number],
              signature: JSON.stringify(
                Object.entries(built.yearsUsed).sort(([a], [b]) => a.localeCompare(b)),
              ),
            }
          : {}),
      });
    }
  }
  return { buurten: rows.length, counts };
}

/**
 * The years a period map compares for most of its buurten: of each quantity (concentration,
 * nuisance) the comparisons used for at least half as many buurten as its most used one. A
 * fallback measure compared for a few buurten only (police 2021 → 2025 where the Leefbaarometer
 * compares 2018 → 2020 for the rest) does not make a period look newer than its map is; the map's
 * own text still names it. Without comparisons (level maps), every year used.
 */
export function mainComparedYears(
  comparisons: readonly Pick<Comparison, 'quantity' | 'years' | 'buurten'>[],
  yearsUsed: Readonly<Record<string, readonly number[]>>,
): number[] {
  if (comparisons.length === 0) return Object.values(yearsUsed).flat();
  const most = new Map<Comparison['quantity'], number>();
  for (const c of comparisons) most.set(c.quantity, Math.max(most.get(c.quantity) ?? 0, c.buurten));
  return comparisons.filter((c) => c.buurten * 2 >= most.get(c.quantity)!).flatMap((c) => c.years);
}

/**
 * The group of missingIndicators that stands for the population of the veerkracht classes (the
 * inhabitants of any year): what loads it follows the rule of "Inwonertal onbekend"
 * (populationSourceOf), not that of the inhabitants as a layer of one year.
 */
export const POPULATION: readonly IndicatorSpan[] = Object.freeze([{ indicator: 'inhabitants' }]);

/**
 * The indicators whose absence leaves the map without data for the rows, in groups of
 * alternatives (any one of a group would do), each within the years it stands for: of a level
 * map its indicator, or its component's segments (one per range of years); of the index, per
 * component without any value the segments, when fewer than `minComponents` have one; of the
 * nuisance change, all measures when none has a value; of the veerkracht classes also the
 * inhabitants (the population), when no buurt has them in any year. Empty when the map's inputs
 * are there (an empty map then lacks comparable years or values).
 */
export function missingIndicators(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
): (readonly IndicatorSpan[])[] {
  const has = (indicator: string): boolean => indicatorHasValues(engine, indicator, rows);
  const components = (): IndicatorSpan[][] => {
    const without = engine.config.components.filter((c) => !c.segments.some((s) => has(s.indicator)));
    return engine.config.components.length - without.length >= engine.config.minComponents
      ? []
      : without.map((c) => c.segments);
  };
  const measures = (): IndicatorSpan[][] =>
    engine.config.nuisanceMeasures.some(has)
      ? []
      : [engine.config.nuisanceMeasures.map((indicator) => ({ indicator }))];
  switch (spec.kind) {
    case 'level': {
      if (spec.value.kind === 'concentration-index') return components();
      const id = spec.value.kind === 'indicator' ? spec.value.indicator : spec.value.component;
      const spans: IndicatorSpan[] =
        spec.value.kind === 'indicator'
          ? [{ indicator: id }]
          : engine.config.components.filter((c) => c.id === id).flatMap((c) => c.segments);
      return spans.some((s) => has(s.indicator)) ? [] : [spans];
    }
    case 'change':
      return spec.quantity === 'concentration' ? components() : measures();
    case 'classification':
      return [...components(), ...measures(), ...(has('inhabitants') ? [] : [POPULATION])];
    default:
      return [];
  }
}

/** True when any buurt at `rows` has a value of `indicator` in any year. */
export function indicatorHasValues(
  engine: VeerkrachtEngine,
  indicator: string,
  rows: readonly number[],
): boolean {
  for (const year of engine.table.years(indicator)) {
    const column = engine.table.get(indicator, year);
    if (!column) continue;
    for (const row of rows) if (Number.isFinite(column.values[row]!)) return true;
  }
  return false;
}

/**
 * For an area without a value in any year or period: those whose map says what its entry in the
 * map list says (`sources`, what no loaded file covers the area for in any year): with sources to
 * load, those advising to load one of them; without, those saying why without advice (the files
 * are loaded, and the map says what they lack). The ones to open the map on; empty when none does.
 */
export function agreeingKeys(counts: readonly AreaCount[], sources: readonly string[]): string[] {
  return counts
    .filter((c) =>
      sources.length > 0
        ? c.emptyCode === 'source-not-loaded' && (c.emptySources ?? []).some((s) => sources.includes(s))
        : c.emptyCode !== undefined && c.emptyCode !== 'source-not-loaded',
    )
    .map((c) => c.key);
}

/**
 * The years or periods to offer for an area: those giving a value for at least half of its
 * buurten; when none does, those giving any value (the caller says the coverage is partial).
 * Periods that compare exactly the same years are offered once, under the label that says the
 * years compared best (e.g. 2016-2020 rather than 2016-2025 when the data end in 2020).
 */
export function offeredKeys(availability: AreaMapAvailability): { keys: string[]; halfCovered: boolean } {
  const half = availability.counts.filter((c) => c.withValue > 0 && c.withValue * 2 >= availability.buurten);
  const any = availability.counts.filter((c) => c.withValue > 0);
  const chosen = half.length > 0 ? half : any;
  const best = new Map<string, AreaCount>();
  for (const c of chosen) {
    if (!c.signature || !c.span) continue;
    const held = best.get(c.signature);
    if (!held || labelFit(c) < labelFit(held)) best.set(c.signature, c);
  }
  const keys = chosen.filter((c) => !c.signature || best.get(c.signature) === c).map((c) => c.key);
  return { keys, halfCovered: half.length > 0 };
}

/** How far a period's label is from the years it compares (0 = exactly those years). */
function labelFit(c: AreaCount): number {
  const { t0, t1 } = periodOf(c.key);
  const [s0, s1] = c.span!;
  return Math.abs(t1 - s1) * 100 + Math.abs(t0 - s0);
}

const periodOf = (p: string): { t0: number; t1: number } => {
  const [t0, t1] = p.split('-').map(Number);
  return { t0: t0!, t1: t1! };
};

/**
 * The newest period: the latest end year — the last year actually compared when `spans` gives
 * it, else the label's; among those, the label ending closest to it, then the length closest to
 * `preferredLength` (the configured default period's), then the longer one. Only periods whose
 * years compared lie at least `preferredLength` apart compete while there is one: a change over
 * two years of a fallback measure (police 2023 → 2025) is not newer than the Leefbaarometer's
 * 2020 → 2024 in any sense a reader wants first. Null for an empty list.
 */
export function newestPeriod(
  periods: readonly string[],
  preferredLength: number,
  spans: ReadonlyMap<string, readonly [number, number]> = new Map(),
): string | null {
  const compared = (p: string): number => {
    const span = spans.get(p);
    const { t0, t1 } = periodOf(p);
    return span ? span[1] - span[0] : t1 - t0;
  };
  const long = periods.filter((p) => compared(p) >= preferredLength);
  return newestOf(long.length > 0 ? long : periods, preferredLength, spans);
}

function newestOf(
  periods: readonly string[],
  preferredLength: number,
  spans: ReadonlyMap<string, readonly [number, number]>,
): string | null {
  const rank = (p: string) => {
    const { t0, t1 } = periodOf(p);
    const end = spans.get(p)?.[1] ?? t1;
    return { end, fit: Math.abs(t1 - end), distance: Math.abs(t1 - t0 - preferredLength), length: t1 - t0 };
  };
  let best: string | null = null;
  for (const p of periods) {
    if (best === null) {
      best = p;
      continue;
    }
    const a = rank(p);
    const b = rank(best);
    if (
      a.end > b.end ||
      (a.end === b.end &&
        (a.fit < b.fit ||
          (a.fit === b.fit &&
            (a.distance < b.distance || (a.distance === b.distance && a.length > b.length)))))
    )
      best = p;
  }
  return best;
}

/**
 * The previous comparable period of `current` among `periods`: one that ends no later than
 * `current` starts, so the two share at most that boundary year (2016–2020 → 2012–2016) — of the
 * same length when there is one (the latest such), else the latest ending (closest length). Null
 * when there is none: a period that overlaps more (2014–2025 against 2012–2023) compares mostly
 * the same years, so a class that "changed" between them says little.
 */
export function previousPeriod(periods: readonly string[], current: string): string | null {
  const c = periodOf(current);
  const length = c.t1 - c.t0;
  const before = periods
    .filter((p) => p !== current)
    .map((p) => ({ p, ...periodOf(p) }))
    .filter((o) => o.t1 <= c.t0);
  const latest = (list: typeof before) =>
    [...list].sort(
      (a, b) => b.t1 - a.t1 || Math.abs(a.t1 - a.t0 - length) - Math.abs(b.t1 - b.t0 - length) || b.t0 - a.t0,
    )[0]?.p ?? null;
  return latest(before.filter((o) => o.t1 - o.t0 === length)) ?? latest(before);
}

/**
 * The years two periods share ("2016-2020" and "2012-2018": 2016 to 2018), null when they share
 * none beyond a boundary year (one ending where the other starts compares no change twice).
 */
export function periodOverlap(a: string, b: string): { t0: number; t1: number } | null {
  const x = periodOf(a);
  const y = periodOf(b);
  const t0 = Math.max(x.t0, y.t0);
  const t1 = Math.min(x.t1, y.t1);
  return t1 > t0 ? { t0, t1 } : null;
}

/** The year before `current` among `years` (the latest earlier one), null when there is none. */
export function previousYear(years: readonly number[], current: number): number | null {
  const earlier = years.filter((y) => y < current);
  return earlier.length > 0 ? Math.max(...earlier) : null;
}
