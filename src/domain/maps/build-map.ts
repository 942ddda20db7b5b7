/**
 * Builds one map for a set of buurten (a gemeente or region): per buurt value, class and
 * label, the legend with counts (an entry per kind of missing: suppressed, no score, not
 * published, source not loaded, buurt not in the source, too few residents, population unknown),
 * and the metadata: the years actually compared per measure (a fallback measure named in the
 * heading), the sources of the values used for these buurten only, the scope of the class
 * breaks, the nuisance measure, the sensitivity, and why a map without values is empty. Class breaks of level maps
 * are computed over every buurt with a value (the same colours mean the same everywhere); the
 * legend says over how many and where.
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { flagNames } from '../engine/buurt-table.js';
import { formatPeriod, type Period } from '../engine/engine-config.js';
import type { MissingKind } from '../engine/missing-kinds.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { classIndex, computeBreaks, type Breaks } from './breaks.js';
import { buildPeriodMap } from './build-period-map.js';
import { schemeColours } from './colour-schemes.js';
import { rangeLabels } from './legend-labels.js';
import type { MapSpec } from './map-definitions.js';
import { dataLegend, feature, withSpecials, type BuiltMap, type MapParams } from './map-features.js';
import { areaSuccessors, emptyReason, uncarriedOfArea } from './empty-map-reason.js';
import { legendScope, levelHeading, type LegendScope } from './map-meta.js';
import { collectSources, levelValues, levelYears } from './map-values.js';
import { populationUnknownCause, type MissingCause } from './missing-cause.js';

export type { BuiltFeature, BuiltLegendEntry, BuiltMap, MapParams } from './map-features.js';

const breaksCache = new WeakMap<VeerkrachtEngine, Map<string, Breaks>>();

/** Builds the map `spec` for the buurten at `rows` of the engine's table. */
export function buildMap(
  engine: VeerkrachtEngine,
  spec: MapSpec,
  rows: readonly number[],
  params: MapParams,
): BuiltMap {
  switch (spec.kind) {
    case 'level':
      return buildLevelMap(engine, spec, rows, params);
    case 'change':
    case 'classification':
      return buildPeriodMap(engine, spec, rows, resolvePeriod(engine, spec, params));
    default:
      return assertNever(spec, 'map kind');
  }
}

/** The years (level maps) or periods (other maps) a map has data for. */
export function mapAvailability(
  engine: VeerkrachtEngine,
  spec: MapSpec,
): { years?: number[]; periods?: string[] } {
  if (spec.kind === 'level') return { years: levelYears(engine, spec.value) };
  const periods = spec.kind === 'change' ? engine.changePeriods(spec.quantity) : engine.periods();
  return { periods: periods.map(formatPeriod) };
}

function resolvePeriod(engine: VeerkrachtEngine, spec: MapSpec, params: MapParams): Period {
  const p = params.period ?? engine.defaultPeriod();
  if (!p)
    throw new AppError(
      'NO_DATA',
      `map '${spec.id}' has no period with data: the store lacks index components or a nuisance measure at two years`,
    );
  return p;
}

function buildLevelMap(
  engine: VeerkrachtEngine,
  spec: Extract<MapSpec, { kind: 'level' }>,
  rows: readonly number[],
  params: MapParams,
): BuiltMap {
  const years = levelYears(engine, spec.value);
  const year = params.year ?? years[years.length - 1];
  if (year === undefined || !years.includes(year)) {
    throw new AppError(
      'NO_DATA',
      `map '${spec.id}' has no data for ${year ?? 'any year'}${years.length ? `; years with data: ${years.join(', ')}` : ''}`,
    );
  }
  const lv = levelValues(engine, spec.value, year);
  const method = engine.config.classMethods[spec.id] ?? spec.classMethod;
  const breaks = cachedBreaks(engine, `${spec.id}|${year}`, () => computeBreaks(lv.values, method));
  const k = breaks.thresholds.length + 1;
  const colours = schemeColours(spec.scheme, k);
  if (spec.reverse) colours.reverse();
  const custom = spec.labelsNl && spec.labelsNl.length === k;
  const labelsNl = custom ? [...spec.labelsNl!] : rangeLabels(breaks, 'nl');
  const labelsEn = custom && spec.labelsEn ? [...spec.labelsEn] : rangeLabels(breaks, 'en');
  const population = engine.population.at(year);
  const popYears = engine.population.yearsAt(year);
  const legend = dataLegend(labelsNl, labelsEn, colours, breaks);
  const causes: MissingCause[] = [];
  const features = rows.map((row) => {
    const v = lv.values[row]!;
    const ci = classIndex(v, breaks);
    let missing: MissingKind | null = null;
    if (ci === null) {
      const cause = lv.missing(row, population[row]!);
      missing = cause.kind;
      // the population is KWB's, whatever the map's own source: KWB of the map's year to load, or
      // nothing, by the rule of every map (populationUnknownCause)
      causes.push(
        missing === 'population-unknown' ? populationUnknownCause(engine.table, row, [year, year]) : cause,
      );
    }
    const flags = [...flagNames(lv.flags[row]!), ...lv.extraFlags(row)];
    return feature(engine, population, popYears, row, v, ci, missing, legend, flags);
  });
  const scope = method.method === 'fixed' ? null : cachedScope(engine, `${spec.id}|${year}`, lv.values);
  // only what the area's buurten have: a component without any value here is not "used" here
  const present = lv.pairs.filter((p) => {
    const col = engine.table.get(p.indicator, p.year);
    return col !== undefined && rows.some((i) => !Number.isNaN(col.values[i]!));
  });
  const yearsUsed: Record<string, number[]> = {};
  for (const p of present) yearsUsed[p.key] = [p.year];
  const heading = levelHeading(spec, year, yearsUsed, engine);
  const hasValue = features.some((f) => f.classIndex !== null);
  return {
    spec,
    features,
    legend: withSpecials(legend, features),
    period: null,
    year,
    classMethod: method.method,
    unit: spec.unit,
    sources: collectSources(
      engine,
      present.map((p) => [p.indicator, p.year] as const),
      rows,
    ),
    measureUsed: spec.value.kind === 'indicator' && spec.value.indicator === 'lbm_onv' ? 'lbm_onv' : null,
    yearsUsed,
    sensitivity: null,
    headingNl: heading.nl,
    headingEn: heading.en,
    legendTitleNl: `${spec.titleNl}, ${year}`,
    legendTitleEn: `${spec.titleEn}, ${year}`,
    scope,
    classMethodSpec: method,
    comparisons: [],
    scales: [],
    emptyReason:
      hasValue || rows.length === 0
        ? null
        : emptyReason(
            causes,
            String(year),
            false,
            uncarriedOfArea(engine, null, [year], rows),
            areaSuccessors(new Set(rows.map((row) => engine.table.buurten[row]!.gemeente))),
          ),
  };
}

function cachedBreaks(engine: VeerkrachtEngine, key: string, compute: () => Breaks): Breaks {
  let m = breaksCache.get(engine);
  if (!m) {
    m = new Map();
    breaksCache.set(engine, m);
  }
  let b = m.get(key);
  if (!b) {
    b = compute();
    m.set(key, b);
  }
  return b;
}

const scopeCache = new WeakMap<VeerkrachtEngine, Map<string, LegendScope>>();

function cachedScope(engine: VeerkrachtEngine, key: string, values: ArrayLike<number>): LegendScope {
  let m = scopeCache.get(engine);
  if (!m) scopeCache.set(engine, (m = new Map()));
  let s = m.get(key);
  if (!s) m.set(key, (s = legendScope(engine, values)));
  return s;
}
