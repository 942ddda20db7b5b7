/**
 * A change or classification map over a period for a set of buurten: the buurt's own change (ΔK,
 * ΔO) in fixed classes around the threshold, or its veerkracht class in one of the three readings;
 * each buurt without a value with its kind of missing; the measures and years compared, the
 * sources of these buurten, the sensitivity, and why an empty map is empty.
 */
import { formatPeriod, type Period } from '../engine/engine-config.js';
import { lacksComparison } from '../engine/classify-veerkracht.js';
import { MISSING_LABELS, type MissingKind } from '../engine/missing-kinds.js';
import { gemeenteMeasureYears } from '../engine/nuisance-change.js';
import { concentrationColumns, nuisanceColumns } from '../engine/period-sources.js';
import { VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from '../engine/veerkracht-classes.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { classIndex, type Breaks } from './breaks.js';
import { CATEGORY_COLOURS, schemeColours } from './colour-schemes.js';
import { changeLabels } from './legend-labels.js';
import type { MapSpec } from './map-definitions.js';
import {
  dataLegend,
  feature,
  withSpecials,
  type BuiltFeature,
  type BuiltLegendEntry,
  type BuiltMap,
} from './map-features.js';
import { areaSuccessors, emptyReason, uncarriedOfArea } from './empty-map-reason.js';
import { changeLegendTitle, comparedText, comparisons, periodHeading, scaleNotes } from './map-meta.js';
import { collectSources } from './map-values.js';
import type { MissingCause } from './missing-cause.js';
import { classificationMissing, concentrationMissing, nuisanceMissing } from './period-missing.js';

/** Builds the change or classification map `spec` for the buurten at `rows` over `period`. */
export function buildPeriodMap(
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
          spec.version !== 'absolute' && lacksComparison(c, c[spec.version], row)
            ? aloneCause()
            : classificationMissing(engine, r, row);
        causes.push(cause);
        // below a measure's minimum population is the same legend entry as below the class's
        const classId = cause.kind === 'too-few-residents' ? 'te-weinig-inwoners' : cause.kind;
        return {
          ...base,
          classId,
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
    emptyReason:
      hasValue || rows.length === 0
        ? null
        : emptyReason(
            causes,
            label,
            noComparableYears,
            uncarriedOfArea(engine, null, reachYears(engine, period), rows),
            areaSuccessors(new Set(rows.map((row) => engine.table.buurten[row]!.gemeente))),
          ),
  };
}

/** The years a period map can compare: the period's, widened by the year tolerance of a period. */
function reachYears(engine: VeerkrachtEngine, period: Period): number[] {
  const tolerance = engine.config.periodYearTolerance;
  const years: number[] = [];
  for (let y = period.t0 - tolerance; y <= period.t1 + tolerance; y++) years.push(y);
  return years;
}

/** A buurt alone in its gemeente (or its measure) has nothing to be compared with (relative and national versions). */
function aloneCause(): MissingCause {
  return { kind: 'no-comparison', family: null };
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
