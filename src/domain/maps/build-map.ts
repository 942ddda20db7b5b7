/**
 * Builds one map for a set of buurten (a gemeente or region): per buurt value, class and
 * label, the legend with counts (an entry per kind of missing: suppressed, no score, not
 * published, source not loaded, too few residents, population unknown), and the metadata: the
 * years actually compared per measure (a fallback measure named in the heading), the sources
 * of the values used for these buurten only, the scope of the class breaks, the nuisance
 * measure, the sensitivity, and why a map without values is empty. Class breaks of level maps
 * are computed over every buurt with a value (the same colours mean the same everywhere); the
 * legend says over how many and where.
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { flagNames } from '../engine/buurt-table.js';
import { formatPeriod, type Period } from '../engine/engine-config.js';
import { indicatorFamily, MISSING_KINDS, MISSING_LABELS, type MissingKind } from '../engine/missing-kinds.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from '../engine/veerkracht-classes.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { classIndex, computeBreaks, type Breaks, type ClassMethod } from './breaks.js';
import { CATEGORY_COLOURS, schemeColours } from './colour-schemes.js';
import { changeLabels, rangeLabels } from './legend-labels.js';
import type { MapSpec } from './map-definitions.js';
import {
  changeLegendTitle,
  comparedText,
  comparisons,
  emptyReason,
  legendScope,
  levelHeading,
  periodHeading,
  scaleNotes,
  type Comparison,
  type EmptyMapReason,
  type LegendScope,
} from './map-meta.js';
import { collectSources, levelValues, levelYears, type SourceRefOut } from './map-values.js';
import { gemeenteMeasureYears } from '../engine/nuisance-change.js';
import { concentrationColumns, nuisanceColumns } from '../engine/period-sources.js';
import {
  classificationMissing,
  concentrationMissing,
  nuisanceMissing,
  type MissingCause,
} from './period-missing.js';

export interface BuiltFeature {
  row: number;
  code: string;
  name: string;
  gemeente: string;
  value: number | null;
  classIndex: number | null;
  classId: string;
  label: string;
  labelEn: string;
  flags: string[];
  inhabitants: number | null;
  /** The year of the inhabitants (the nearest year with a count), null when unknown. */
  inhabitantsYear: number | null;
  /** Why the buurt has no value (or, on a classification map, no class); null when it has one. */
  missing: MissingKind | null;
}

export interface BuiltLegendEntry {
  classId: string;
  label: string;
  labelEn: string;
  color: string;
  count: number;
  min: number | null;
  max: number | null;
}

export interface BuiltMap {
  spec: MapSpec;
  features: BuiltFeature[];
  legend: BuiltLegendEntry[];
  period: string | null;
  year: number | null;
  classMethod: string | null;
  unit: string;
  sources: SourceRefOut[];
  measureUsed: string | null;
  yearsUsed: Record<string, number[]>;
  sensitivity: { minus50: number; plus50: number } | null;
  /** Title with the year or period and the years actually compared (a fallback measure named). */
  headingNl: string;
  headingEn: string;
  /** What the legend's classes are: the scope of the breaks, or the scale of a change. */
  legendTitleNl: string;
  legendTitleEn: string;
  /** Level maps with computed breaks: over which buurten (null for fixed classes and period maps). */
  scope: LegendScope | null;
  classMethodSpec: ClassMethod | null;
  /** Period maps: each measure compared for these buurten with its years. */
  comparisons: Comparison[];
  /** Period maps: the fixed base-year spread per component and measure compared. */
  scales: { id: string; indicator: string; year: number; sd: number }[];
  /** Why no buurt of the area has a value; null when some has. */
  emptyReason: EmptyMapReason | null;
}

export interface MapParams {
  year?: number;
  period?: Period;
}

/** Legend entries without a colour of the scale: one per kind of missing. */
type SpecialId = MissingKind;

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
  return { periods: engine.periods().map(formatPeriod) };
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
  const family = familyOfLevel(engine, spec, year);
  const features = rows.map((row) => {
    const v = lv.values[row]!;
    const ci = classIndex(v, breaks);
    let missing: MissingKind | null = null;
    if (ci === null) {
      missing = lv.missing(row, population[row]!);
      causes.push({ kind: missing, family });
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
    emptyReason: hasValue || rows.length === 0 ? null : emptyReason(causes, String(year), false),
  };
}

/** The source family of a level map's values (for what to load when it is empty). */
function familyOfLevel(engine: VeerkrachtEngine, spec: Extract<MapSpec, { kind: 'level' }>, year: number) {
  switch (spec.value.kind) {
    case 'indicator':
      return indicatorFamily(spec.value.indicator);
    case 'component': {
      const id = spec.value.component;
      const c = engine.config.components.find((x) => x.id === id);
      const ind = c ? engine.index.segmentIndicator(c, year) : undefined;
      return ind ? indicatorFamily(ind) : null;
    }
    case 'concentration-index': {
      // the components the index has in this year: the national ones (RIVM) first
      const families = levelValues(engine, spec.value, year).pairs.map((p) => indicatorFamily(p.indicator));
      return families.find((f) => f === 'rivm') ?? families[0] ?? null;
    }
    default:
      return assertNever(spec.value, 'map value source');
  }
}

function buildPeriodMap(
  engine: VeerkrachtEngine,
  spec: Exclude<MapSpec, { kind: 'level' }>,
  rows: readonly number[],
  period: Period,
): BuiltMap {
  const r = engine.period(period);
  const c = r.classification;
  const measureFlags = (row: number): string[] => {
    const m = r.nuisance.measure[row]!;
    return m >= 0 ? [`measure:${r.nuisance.measures[m]!.id}`] : [];
  };
  const popYears = engine.population.yearsAt(period.t1);
  let legend: BuiltLegendEntry[];
  let features: BuiltFeature[];
  const causes: MissingCause[] = [];
  if (spec.kind === 'change') {
    const tau =
      spec.quantity === 'concentration'
        ? engine.config.thresholds.concentration
        : engine.config.thresholds.nuisance;
    const thresholds = [-4 * tau, -2 * tau, -tau, tau, 2 * tau, 4 * tau];
    const breaks: Breaks = { thresholds, min: NaN, max: NaN };
    const values = spec.quantity === 'concentration' ? c.absolute.dK : c.absolute.dO;
    legend = dataLegend(
      changeLabels(thresholds, 'nl'),
      changeLabels(thresholds, 'en'),
      schemeColours('puor', 7),
      breaks,
    );
    features = rows.map((row) => {
      const tooFew = c.residents[row] === 'too-few';
      const v = values[row]!;
      const ci = tooFew ? null : classIndex(v, breaks);
      let missing: MissingKind | null = null;
      if (ci === null) {
        const cause: MissingCause = tooFew
          ? { kind: 'too-few-residents', family: null }
          : spec.quantity === 'concentration'
            ? concentrationMissing(engine, r, row)
            : nuisanceMissing(engine, r, row);
        causes.push(cause);
        missing = cause.kind;
      }
      return feature(
        engine,
        r.weights,
        popYears,
        row,
        ci === null ? NaN : v,
        ci,
        missing,
        legend,
        spec.quantity === 'nuisance' ? measureFlags(row) : [],
      );
    });
  } else {
    const version =
      spec.version === 'absolute' ? c.absolute : spec.version === 'relative' ? c.relative : c.national;
    // the four classes and "te weinig inwoners", then one entry per kind of missing of the
    // buurten without a class (population unknown, source not loaded, no score, …)
    legend = (
      [
        'veerkracht-onder-druk',
        'veerkrachtig',
        'meer-overlast',
        'stabiel-of-verbeterd',
        'te-weinig-inwoners',
      ] as const
    ).map((id) => ({
      classId: id,
      label: VEERKRACHT_CLASSES[id].labelNl,
      labelEn: VEERKRACHT_CLASSES[id].labelEn,
      color: CATEGORY_COLOURS[id],
      count: 0,
      min: null,
      max: null,
    }));
    features = rows.map((row) => {
      const id = VEERKRACHT_CLASS_IDS[version.classes[row]!]!;
      const base = feature(engine, r.weights, popYears, row, NaN, null, null, legend, measureFlags(row));
      if (id === 'te-weinig-inwoners') {
        causes.push({ kind: 'too-few-residents', family: null });
        return {
          ...base,
          classId: id,
          label: VEERKRACHT_CLASSES[id].labelNl,
          labelEn: VEERKRACHT_CLASSES[id].labelEn,
          missing: 'too-few-residents',
        };
      }
      if (id === 'onvoldoende-gegevens') {
        const cause =
          spec.version !== 'absolute' && c.reasons[row] === 0
            ? aloneCause()
            : classificationMissing(engine, r, row);
        causes.push(cause);
        return {
          ...base,
          classId: cause.kind,
          label: MISSING_LABELS[cause.kind].nl,
          labelEn: MISSING_LABELS[cause.kind].en,
          missing: cause.kind,
        };
      }
      const ci = legend.findIndex((l) => l.classId === id);
      return { ...base, classIndex: ci, classId: id, label: legend[ci]!.label, labelEn: legend[ci]!.labelEn };
    });
  }
  const sensitivity = spec.kind === 'classification' ? areaSensitivity(r, spec.version, rows) : null;
  const list = comparisons(engine, r, rows, spec);
  const heading = periodHeading(spec, period, list, rows.length);
  const compared = { nl: comparedText(list, rows.length, 'nl'), en: comparedText(list, rows.length, 'en') };
  const tau =
    spec.kind === 'change'
      ? spec.quantity === 'concentration'
        ? engine.config.thresholds.concentration
        : engine.config.thresholds.nuisance
      : 0;
  const hasValue = features.some((f) => f.classIndex !== null);
  const noComparableYears = noYears(engine, r, rows, spec);
  const label = `${period.t0}–${period.t1}`;
  return {
    spec,
    features,
    legend: withSpecials(legend, features),
    period: formatPeriod(period),
    year: null,
    classMethod: spec.kind === 'change' ? 'fixed' : null,
    unit: spec.kind === 'change' ? 'sd' : 'class',
    ...periodSources(engine, r, rows, spec),
    sensitivity,
    headingNl: heading.nl,
    headingEn: heading.en,
    legendTitleNl:
      spec.kind === 'change'
        ? `${changeLegendTitle(tau, 'nl')} (${label}${compared.nl ? `; ${compared.nl}` : ''})`
        : `${label}${compared.nl ? ` — ${compared.nl}` : ''}`,
    legendTitleEn:
      spec.kind === 'change'
        ? `${changeLegendTitle(tau, 'en')} (${label}${compared.en ? `; ${compared.en}` : ''})`
        : `${label}${compared.en ? ` — ${compared.en}` : ''}`,
    scope: null,
    classMethodSpec: null,
    comparisons: list,
    scales: scaleNotes(engine, r, list),
    emptyReason: hasValue || rows.length === 0 ? null : emptyReason(causes, label, noComparableYears),
  };
}

/** A buurt alone in its gemeente (or its measure) has nothing to be compared with (relative and national versions). */
function aloneCause(): MissingCause {
  return { kind: 'missing', family: null, alone: true };
}

/**
 * True when the area has data of the quantities the map needs, but not at two years of the
 * period (so another period would show something); false when a source is simply not there.
 */
function noYears(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  rows: readonly number[],
  spec: Exclude<MapSpec, { kind: 'level' }>,
): boolean {
  const gemeenten = [...new Set(rows.map((i) => engine.table.buurten[i]!.gemeente))];
  const min = engine.config.minComponents;
  const present = engine.config.components.filter((c) =>
    gemeenten.some((g) => (engine.index.gemeenteYears(c).get(g) ?? []).length > 0),
  ).length;
  const paired = r.index.components.filter((cc) => gemeenten.some((g) => cc.byGemeente.get(g)?.years)).length;
  const k = present >= min && paired < min;
  const oPresent = r.nuisance.measures.some((m) =>
    gemeenten.some((g) => (gemeenteMeasureYears(engine.table, m.indicator).get(g) ?? []).length > 0),
  );
  const oPaired = r.nuisance.byGemeente.some((byG) => gemeenten.some((g) => byG.get(g)));
  const o = oPresent && !oPaired;
  if (spec.kind === 'change') return spec.quantity === 'concentration' ? k : o;
  return k || o;
}

/** Sources, years used (the pair most of the area's buurten compared) and the dominant nuisance measure, for the area's buurten only. */
function periodSources(engine: VeerkrachtEngine, r: PeriodResult, rows: readonly number[], spec: MapSpec) {
  const wantK = spec.kind !== 'change' || spec.quantity === 'concentration';
  const wantO = spec.kind !== 'change' || spec.quantity === 'nuisance';
  const columns = [
    ...(wantK ? concentrationColumns(engine, r, rows) : []),
    ...(wantO ? nuisanceColumns(r, rows) : []),
  ];
  const yearsUsed: Record<string, number[]> = {};
  const biggest = new Map<string, number>();
  for (let k = 0; k + 1 < columns.length; k += 2) {
    const a = columns[k]!;
    if ((biggest.get(a.measure) ?? 0) >= a.rows.length) continue;
    biggest.set(a.measure, a.rows.length);
    yearsUsed[a.measure] = [a.year, columns[k + 1]!.year];
  }
  const counts = new Map<number, number>();
  for (const row of rows) {
    const m = r.nuisance.measure[row]!;
    if (m >= 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const dominant = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    sources: collectSources(
      engine,
      columns.map((c) => [c.indicator, c.year, c.rows] as const),
      rows,
    ),
    yearsUsed,
    measureUsed: wantO && dominant ? r.nuisance.measures[dominant[0]]!.id : null,
  };
}

/** Buurten of the area that change class when both thresholds move −50 % / +50 %. */
function areaSensitivity(
  r: PeriodResult,
  version: 'absolute' | 'relative' | 'national',
  rows: readonly number[],
) {
  const c = r.classification;
  const v = version === 'absolute' ? c.absolute : version === 'relative' ? c.relative : c.national;
  let minus50 = 0;
  let plus50 = 0;
  for (const row of rows) {
    if (v.lower[row] !== v.classes[row]) minus50++;
    if (v.upper[row] !== v.classes[row]) plus50++;
  }
  return { minus50, plus50 };
}

function dataLegend(
  labelsNl: string[],
  labelsEn: string[],
  colours: string[],
  breaks: Breaks,
): BuiltLegendEntry[] {
  const bounds = [breaks.min, ...breaks.thresholds, breaks.max];
  return labelsNl.map((label, i) => ({
    classId: `c${i}`,
    label,
    labelEn: labelsEn[i] ?? label,
    color: colours[i]!,
    count: 0,
    min: Number.isNaN(bounds[i]!) ? null : bounds[i]!,
    max: Number.isNaN(bounds[i + 1]!) ? null : bounds[i + 1]!,
  }));
}

function feature(
  engine: VeerkrachtEngine,
  population: Float64Array,
  popYears: Uint16Array,
  row: number,
  value: number,
  ci: number | null,
  missing: MissingKind | null,
  legend: readonly BuiltLegendEntry[],
  flags: string[],
): BuiltFeature {
  const b = engine.table.buurten[row]!;
  const entry = ci !== null ? legend[ci] : undefined;
  const pop = population[row];
  const special = missing ?? 'missing';
  return {
    row,
    code: b.code,
    name: b.name,
    gemeente: b.gemeente,
    value: Number.isNaN(value) ? null : value,
    classIndex: entry ? ci : null,
    classId: entry ? entry.classId : special,
    label: entry ? entry.label : MISSING_LABELS[special].nl,
    labelEn: entry ? entry.labelEn : MISSING_LABELS[special].en,
    flags,
    inhabitants: pop === undefined || Number.isNaN(pop) ? null : pop,
    inhabitantsYear: popYears[row] ? popYears[row]! : null,
    missing,
  };
}

/** The data classes, then an entry per kind of missing that occurs (never a colour of the scale). */
function withSpecials(legend: BuiltLegendEntry[], features: readonly BuiltFeature[]): BuiltLegendEntry[] {
  const present = new Set(features.map((f) => f.classId));
  const specials: BuiltLegendEntry[] = MISSING_KINDS.filter((id: SpecialId) => present.has(id)).map((id) => ({
    classId: id,
    label: MISSING_LABELS[id].nl,
    labelEn: MISSING_LABELS[id].en,
    color: CATEGORY_COLOURS[id],
    count: 0,
    min: null,
    max: null,
  }));
  return countOnly([...legend, ...specials], features);
}

function countOnly(legend: BuiltLegendEntry[], features: readonly BuiltFeature[]): BuiltLegendEntry[] {
  const counts = new Map<string, number>();
  for (const f of features) counts.set(f.classId, (counts.get(f.classId) ?? 0) + 1);
  return legend.map((e) => ({ ...e, count: counts.get(e.classId) ?? 0 }));
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
