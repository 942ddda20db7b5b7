/**
 * Builds one map for a set of buurten (a gemeente or region): per buurt value, class and
 * label, the legend with counts (special entries for missing, suppressed and too few
 * residents), and the metadata (years and sources used, nuisance measure, sensitivity).
 * Class breaks of level maps are national (the same colours mean the same everywhere).
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { VALUE_FLAGS } from '../../core/records.js';
import { flagNames } from '../engine/buurt-table.js';
import { formatPeriod, type Period } from '../engine/engine-config.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from '../engine/veerkracht-classes.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { classIndex, computeBreaks, type Breaks } from './breaks.js';
import { CATEGORY_COLOURS, schemeColours } from './colour-schemes.js';
import { changeLabels, rangeLabels } from './legend-labels.js';
import type { MapSpec } from './map-definitions.js';
import { collectSources, isTooFew, levelValues, levelYears, type SourceRefOut } from './map-values.js';

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
}

export interface MapParams {
  year?: number;
  period?: Period;
}

const SPECIAL = {
  missing: { label: 'Geen gegevens', labelEn: 'No data' },
  suppressed: { label: 'Geheim (onderdrukt)', labelEn: 'Confidential (suppressed)' },
  'too-few-residents': { label: 'Te weinig inwoners', labelEn: 'Too few residents' },
} as const;
type SpecialId = keyof typeof SPECIAL;

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
  const legend = dataLegend(labelsNl, labelsEn, colours, breaks);
  const features = rows.map((row) => {
    const v = lv.values[row]!;
    const flags = lv.flags[row]!;
    const ci = classIndex(v, breaks);
    const special: SpecialId | null =
      ci !== null ? null : specialOf(flags, population[row]!, lv.minPopulation);
    return feature(engine, population, row, v, ci, special, legend, flagNames(flags));
  });
  return {
    spec,
    features,
    legend: withSpecials(legend, features),
    period: null,
    year,
    classMethod: method.method,
    unit: spec.unit,
    sources: lv.sources,
    measureUsed: spec.value.kind === 'indicator' && spec.value.indicator === 'lbm_onv' ? 'lbm_onv' : null,
    yearsUsed: lv.yearsUsed,
    sensitivity: null,
  };
}

function buildPeriodMap(
  engine: VeerkrachtEngine,
  spec: Exclude<MapSpec, { kind: 'level' }>,
  rows: readonly number[],
  period: Period,
): BuiltMap {
  const r = engine.period(period);
  const measureFlags = (row: number): string[] => {
    const m = r.nuisance.measure[row]!;
    return m >= 0 ? [`measure:${r.nuisance.measures[m]!.id}`] : [];
  };
  const tooFew = (row: number): boolean => r.weights[row]! < engine.config.minPopulation;
  let legend: BuiltLegendEntry[];
  let features: BuiltFeature[];
  if (spec.kind === 'change') {
    const tau =
      spec.quantity === 'concentration'
        ? engine.config.thresholds.concentration
        : engine.config.thresholds.nuisance;
    const thresholds = [-4 * tau, -2 * tau, -tau, tau, 2 * tau, 4 * tau];
    const breaks: Breaks = { thresholds, min: NaN, max: NaN };
    const values =
      spec.quantity === 'concentration' ? r.classification.absolute.dK : r.classification.absolute.dO;
    legend = dataLegend(
      changeLabels(thresholds, 'nl'),
      changeLabels(thresholds, 'en'),
      schemeColours('puor', 7),
      breaks,
    );
    features = rows.map((row) => {
      const v = values[row]!;
      const ci = tooFew(row) ? null : classIndex(v, breaks);
      const special: SpecialId | null = ci !== null ? null : tooFew(row) ? 'too-few-residents' : 'missing';
      return feature(
        engine,
        r.weights,
        row,
        ci === null ? NaN : v,
        ci,
        special,
        legend,
        spec.quantity === 'nuisance' ? measureFlags(row) : [],
      );
    });
  } else {
    const version = spec.version === 'absolute' ? r.classification.absolute : r.classification.relative;
    legend = VEERKRACHT_CLASS_IDS.map((id) => ({
      classId: id,
      label: VEERKRACHT_CLASSES[id].labelNl,
      labelEn: VEERKRACHT_CLASSES[id].labelEn,
      color: CATEGORY_COLOURS[id],
      count: 0,
      min: null,
      max: null,
    }));
    features = rows.map((row) =>
      feature(engine, r.weights, row, NaN, version.classes[row]!, null, legend, measureFlags(row)),
    );
  }
  const sensitivity = spec.kind === 'classification' ? areaSensitivity(r, spec.version, rows) : null;
  return {
    spec,
    features,
    legend: spec.kind === 'change' ? withSpecials(legend, features) : countOnly(legend, features),
    period: formatPeriod(period),
    year: null,
    classMethod: spec.kind === 'change' ? 'fixed' : null,
    unit: spec.kind === 'change' ? 'sd' : 'class',
    ...periodSources(engine, r, rows, spec),
    sensitivity,
  };
}

/** Sources, years used and the dominant nuisance measure of a period map. */
function periodSources(engine: VeerkrachtEngine, r: PeriodResult, rows: readonly number[], spec: MapSpec) {
  const pairs: [string, number][] = [];
  const yearsUsed: Record<string, number[]> = {};
  const wantK = spec.kind !== 'change' || spec.quantity === 'concentration';
  const wantO = spec.kind !== 'change' || spec.quantity === 'nuisance';
  if (wantK) {
    for (const cc of r.index.components) {
      if (!cc.years || !cc.dz) continue;
      const c = engine.config.components.find((x) => x.id === cc.id)!;
      for (const y of cc.years) pairs.push([engine.index.segmentIndicator(c, y)!, y]);
      yearsUsed[cc.id] = [...cc.years];
    }
  }
  const counts = new Map<number, number>();
  for (const row of rows) {
    const m = r.nuisance.measure[row]!;
    if (m >= 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  if (wantO) {
    for (const m of counts.keys()) {
      const ys = r.nuisance.years[m];
      if (!ys) continue;
      const id = r.nuisance.measures[m]!.id;
      for (const y of ys) pairs.push([r.nuisance.measures[m]!.indicator, y]);
      yearsUsed[id] = [...ys];
    }
  }
  const dominant = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return {
    sources: collectSources(engine, pairs),
    yearsUsed,
    measureUsed: wantO && dominant ? r.nuisance.measures[dominant[0]]!.id : null,
  };
}

/** Buurten of the area that change class when both thresholds move −50 % / +50 %. */
function areaSensitivity(r: PeriodResult, version: 'absolute' | 'relative', rows: readonly number[]) {
  const v = version === 'absolute' ? r.classification.absolute : r.classification.relative;
  let minus50 = 0;
  let plus50 = 0;
  for (const row of rows) {
    if (v.lower[row] !== v.classes[row]) minus50++;
    if (v.upper[row] !== v.classes[row]) plus50++;
  }
  return { minus50, plus50 };
}

function specialOf(flags: number, population: number, minimum: number | null): SpecialId {
  if (isTooFew(flags, population, minimum)) return 'too-few-residents';
  if (flags & VALUE_FLAGS.suppressed) return 'suppressed';
  return 'missing';
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
  row: number,
  value: number,
  ci: number | null,
  special: SpecialId | null,
  legend: readonly BuiltLegendEntry[],
  flags: string[],
): BuiltFeature {
  const b = engine.table.buurten[row]!;
  const entry = ci !== null ? legend[ci] : undefined;
  const pop = population[row];
  return {
    row,
    code: b.code,
    name: b.name,
    gemeente: b.gemeente,
    value: Number.isNaN(value) ? null : value,
    classIndex: entry ? ci : null,
    classId: entry ? entry.classId : (special ?? 'missing'),
    label: entry ? entry.label : SPECIAL[special ?? 'missing'].label,
    labelEn: entry ? entry.labelEn : SPECIAL[special ?? 'missing'].labelEn,
    flags,
    inhabitants: pop === undefined || Number.isNaN(pop) ? null : pop,
  };
}

function withSpecials(legend: BuiltLegendEntry[], features: readonly BuiltFeature[]): BuiltLegendEntry[] {
  const specials: BuiltLegendEntry[] = (Object.keys(SPECIAL) as SpecialId[]).map((id) => ({
    classId: id,
    label: SPECIAL[id].label,
    labelEn: SPECIAL[id].labelEn,
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
