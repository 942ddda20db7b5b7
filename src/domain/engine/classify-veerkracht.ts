/**
 * The veerkracht classification of every buurt over one period, in three versions. ΔK and ΔO are
 * the buurt's own changes on the fixed base-year scales (concentration-index.ts,
 * nuisance-change.ts): positive means the concentration rose / nuisance got worse.
 * - absoluut: dK = ΔK and dO = ΔO — did the concentration rise, did nuisance rise;
 * - relatief: dK = ΔK − μ_rest(ΔK), dO = ΔO − μ_rest,m(ΔO), μ_rest the population-weighted mean
 *   change of the rest of the buurt's gemeente (the buurt itself excluded; `relativeReference:
 *   gemeente` includes it), for ΔO over the buurten with the same nuisance measure m;
 * - landelijk: the same against the national mean change (the pre-2025 "absoluut", kept as a
 *   clearly named third reading: "more than the country").
 * Every reference mean is the same statistic (`weightedStatsOfRows`: population weights under one
 * coverage rule) of its set of buurten. A buurt with unknown population is not classified
 * (onvoldoende gegevens), never counted as 0 residents. dK and dO are rounded to
 * STANDARDISED_DECIMALS before they meet the thresholds. Plus the sensitivity: how many buurten
 * change class when both thresholds move −50 % / +50 %.
 */
import type { BuurtTable } from './buurt-table.js';
import type { EngineConfig } from './engine-config.js';
import {
  classifyChange,
  classIndexOf,
  VEERKRACHT_CLASS_IDS,
  type Residents,
  type Thresholds,
} from './veerkracht-classes.js';
import { WEIGHT_COVERAGE, weightedStats, weightedStatsOfRows, type WeightedStats } from './weighted-stats.js';

export interface ClassificationInput {
  table: BuurtTable;
  /** ΔK per buurt on the base-year scale (NaN unknown). */
  deltaK: Float64Array;
  /** ΔO per buurt on its measure's base-year scale (NaN unknown). */
  deltaO: Float64Array;
  /** Nuisance measure per buurt (−1 none). */
  measure: Int8Array;
  measureCount: number;
  /** Population weights (inhabitants at t1, nearest year; NaN unknown). */
  weights: Float64Array;
  config: EngineConfig;
}

export interface ClassifiedVersion {
  /** Class per buurt, index into VEERKRACHT_CLASS_IDS. */
  classes: Uint8Array;
  /** The change against the version's reference, on the base-year scale (NaN unknown). */
  dK: Float64Array;
  dO: Float64Array;
  /** The reference subtracted per buurt (0 for the absolute version; NaN when there is none). */
  refK: Float64Array;
  refO: Float64Array;
  /** National count of buurten that change class with thresholds × 0.5 / × 1.5. */
  sensitivity: { minus50: number; plus50: number };
  /** Classes with thresholds × 0.5 and × 1.5 (for the sensitivity of any set of buurten). */
  lower: Uint8Array;
  upper: Uint8Array;
}

/** Why a buurt has no class (bits of `Classification.reasons`). */
export const NO_CLASS_REASONS = {
  populationUnknown: 1,
  concentrationUnknown: 2,
  nuisanceUnknown: 4,
} as const;

export interface Classification {
  absolute: ClassifiedVersion;
  relative: ClassifiedVersion;
  national: ClassifiedVersion;
  /** National population-weighted mean and SD of ΔK, and of ΔO per measure. */
  statsK: WeightedStats;
  statsO: WeightedStats[];
  thresholds: Thresholds;
  /** Per buurt, NO_CLASS_REASONS bits (0 = everything known). */
  reasons: Uint8Array;
  /** Per buurt, whether its population is enough, too small or unknown. */
  residents: readonly Residents[];
}

/** Classifies every buurt of the table for one period. */
export function classifyVeerkracht(input: ClassificationInput): Classification {
  const { deltaK, deltaO, measure, weights, config, table } = input;
  const n = table.size;
  const statsK = weightedStats(deltaK, weights);
  const statsO = Array.from({ length: input.measureCount }, (_, m) =>
    weightedStats(deltaO, weights, (i) => measure[i] === m),
  );
  const residents: Residents[] = [];
  const reasons = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    residents.push(Number.isNaN(w) ? 'unknown' : w < config.minPopulation ? 'too-few' : 'enough');
    reasons[i] =
      (Number.isNaN(w) ? NO_CLASS_REASONS.populationUnknown : 0) |
      (Number.isNaN(deltaK[i]!) ? NO_CLASS_REASONS.concentrationUnknown : 0) |
      (Number.isNaN(deltaO[i]!) ? NO_CLASS_REASONS.nuisanceUnknown : 0);
  }
  const zero = new Float64Array(n);
  const nationalK = new Float64Array(n).fill(statsK.n > 0 ? statsK.mean : NaN);
  const nationalO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = measure[i]!;
    nationalO[i] = m < 0 || statsO[m]!.n === 0 ? NaN : statsO[m]!.mean;
  }
  const relK = gemeenteReference(table, deltaK, weights, null, config.relativeReference);
  const relO = gemeenteReference(table, deltaO, weights, measure, config.relativeReference);
  const t = config.thresholds;
  return {
    absolute: version(deltaK, deltaO, zero, zero, residents, t),
    relative: version(deltaK, deltaO, relK, relO, residents, t),
    national: version(deltaK, deltaO, nationalK, nationalO, residents, t),
    statsK,
    statsO,
    thresholds: { ...t },
    reasons,
    residents,
  };
}

function version(
  deltaK: Float64Array,
  deltaO: Float64Array,
  refK: Float64Array,
  refO: Float64Array,
  residents: readonly Residents[],
  t: Thresholds,
): ClassifiedVersion {
  const n = deltaK.length;
  const dK = new Float64Array(n);
  const dO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dK[i] = deviation(deltaK[i]!, refK[i]!);
    dO[i] = deviation(deltaO[i]!, refO[i]!);
  }
  const classes = classesFor(dK, dO, residents, t);
  const lower = classesFor(dK, dO, residents, {
    concentration: t.concentration * 0.5,
    nuisance: t.nuisance * 0.5,
  });
  const upper = classesFor(dK, dO, residents, {
    concentration: t.concentration * 1.5,
    nuisance: t.nuisance * 1.5,
  });
  let minus50 = 0;
  let plus50 = 0;
  for (let i = 0; i < n; i++) {
    if (lower[i] !== classes[i]) minus50++;
    if (upper[i] !== classes[i]) plus50++;
  }
  return { classes, dK, dO, refK, refO, sensitivity: { minus50, plus50 }, lower, upper };
}

function classesFor(
  dK: Float64Array,
  dO: Float64Array,
  residents: readonly Residents[],
  t: Thresholds,
): Uint8Array {
  const out = new Uint8Array(dK.length);
  for (let i = 0; i < out.length; i++)
    out[i] = classIndexOf(classifyChange(dK[i]!, dO[i]!, residents[i]!, t));
  return out;
}

/**
 * Decimals a change keeps before it meets the thresholds. Far below any meaningful difference
 * (the thresholds are multiples of 0.01), but it makes a change that lies exactly at a threshold,
 * or a reference that equals another one, classify the same whatever the floating-point
 * summation order.
 */
export const STANDARDISED_DECIMALS = 9;
const SCALE = 10 ** STANDARDISED_DECIMALS;

/** value − reference, rounded to STANDARDISED_DECIMALS; exactly 0 when equal; NaN when either is unknown. */
function deviation(value: number, reference: number): number {
  if (Number.isNaN(value) || Number.isNaN(reference)) return NaN;
  const d = value - reference;
  if (d === 0) return 0;
  return Math.round(d * SCALE) / SCALE + 0;
}

/**
 * Per buurt the reference mean of `values` over the other buurten of its gemeente (or all of
 * them) that have the same nuisance measure (`measure`, null = all comparable): the same
 * statistic as the national mean (`weightedStatsOfRows`), so population weights under the same
 * coverage rule. NaN when the set is empty (a buurt alone in its gemeente).
 */
function gemeenteReference(
  table: BuurtTable,
  values: Float64Array,
  weights: Float64Array,
  measure: Int8Array | null,
  mode: EngineConfig['relativeReference'],
): Float64Array {
  const out = new Float64Array(table.size).fill(NaN);
  for (const rows of table.byGemeente().values()) {
    // comparable groups within the gemeente: buurten with a value, per nuisance measure
    const groups = new Map<number, number[]>();
    for (const i of rows) {
      if (Number.isNaN(values[i]!)) continue;
      const key = measure ? measure[i]! : 0;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
    for (const group of groups.values()) {
      if (mode === 'gemeente') {
        const s = weightedStatsOfRows(values, weights, group);
        if (s.n > 0) for (const i of group) out[i] = s.mean;
      } else restMeans(values, weights, group, out);
    }
  }
  return out;
}

/**
 * For each buurt of `group` (all with a value) the mean of the rest of the group, by the rule of
 * `weightedStatsOfRows` (weighted when ≥ WEIGHT_COVERAGE of the rest have a known weight and some
 * weight is positive), from the group's totals minus the buurt's own share: O(n) instead of a
 * statistic per buurt. Sums are taken as offsets from the group's first value.
 */
function restMeans(
  values: Float64Array,
  weights: Float64Array,
  group: readonly number[],
  out: Float64Array,
): void {
  const origin = values[group[0]!]!;
  let known = 0;
  let positive = 0;
  let sw = 0;
  let swd = 0;
  let sd = 0;
  for (const j of group) {
    const w = weights[j]!;
    const d = values[j]! - origin;
    sd += d;
    if (w >= 0) known++;
    if (w > 0) {
      positive++;
      sw += w;
      swd += w * d;
    }
  }
  for (const i of group) {
    const present = group.length - 1;
    if (present === 0) continue;
    const w = weights[i]!;
    const d = values[i]! - origin;
    const restKnown = known - (w >= 0 ? 1 : 0);
    const restPositive = positive - (w > 0 ? 1 : 0);
    if (restPositive > 0 && restKnown >= WEIGHT_COVERAGE * present) {
      const restW = sw - (w > 0 ? w : 0);
      if (restW > 0) out[i] = origin + (swd - (w > 0 ? w * d : 0)) / restW;
    } else out[i] = origin + (sd - d) / present;
  }
}

export { VEERKRACHT_CLASS_IDS };

/**
 * True when the buurt at `row` has its own changes and population (classified or not by the
 * absolute reading) but `version` — the relative or national reading — left it unclassified: it
 * has no other buurt (of its gemeente, with the same nuisance measure) to be compared with. The
 * maps say "Geen buurt om mee te vergelijken" (kind no-comparison), the profile and its
 * explanation the same.
 */
export function lacksComparison(c: Classification, version: ClassifiedVersion, row: number): boolean {
  return VEERKRACHT_CLASS_IDS[version.classes[row]!] === 'onvoldoende-gegevens' && c.reasons[row] === 0;
}
