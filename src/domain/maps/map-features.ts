/**
 * What a built map is made of — features, legend entries, the map with its metadata — and the
 * helpers both kinds of map use to make them: a feature with its class or its kind of missing, the
 * data legend of classes, and the special entries (one per kind of missing that occurs).
 */
import type { ClassMethod, Breaks } from './breaks.js';
import { CATEGORY_COLOURS } from './colour-schemes.js';
import type { Period } from '../engine/engine-config.js';
import { MISSING_KINDS, MISSING_LABELS, type MissingKind } from '../engine/missing-kinds.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { MapSpec } from './map-definitions.js';
import type { EmptyMapReason } from './empty-map-reason.js';
import type { Comparison, LegendScope } from './map-meta.js';
import type { SourceRefOut } from './map-values.js';

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
export function dataLegend(
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

export function feature(
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
export function withSpecials(
  legend: BuiltLegendEntry[],
  features: readonly BuiltFeature[],
): BuiltLegendEntry[] {
  const present = new Set(features.map((f) => f.classId));
  const specials: BuiltLegendEntry[] = MISSING_KINDS.filter((id) => present.has(id)).map((id) => ({
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
