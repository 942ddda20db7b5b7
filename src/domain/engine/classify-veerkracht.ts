/**
 * The veerkracht classification of every buurt over one period, in two versions:
 * - absoluut: dK = (ΔK − μK) / σK and dO = (ΔO − μO,m) / σO,m, with μ the population-weighted
 *   national mean change and σ the national SD of the change (per nuisance measure m);
 * - relatief: the same, but with μ the population-weighted mean change of the rest of the
 *   buurt's gemeente (or the whole gemeente, by configuration); σ stays national so one
 *   threshold means the same everywhere.
 * Every reference mean — national, gemeente, rest of the gemeente — is the same statistic
 * (`weightedStatsOfRows`: population weights under the one coverage rule) of its set of buurten,
 * so a gemeente whose mean change equals the national one gets the same classes in both
 * versions. A standardised change is 0 when the buurt's change equals its reference (also when
 * the national distribution has no spread), unknown when fewer than two buurten make up the
 * national distribution, and rounded to STANDARDISED_DECIMALS before it meets the thresholds.
 * Plus the sensitivity: how many buurten change class when both thresholds move −50 % / +50 %.
 */
import type { BuurtTable } from './buurt-table.js';
import type { EngineConfig } from './engine-config.js';
import { classifyChange, classIndexOf, VEERKRACHT_CLASS_IDS, type Thresholds } from './veerkracht-classes.js';
import { weightedStats, weightedStatsOfRows, type WeightedStats } from './weighted-stats.js';

export interface ClassificationInput {
  table: BuurtTable;
  deltaK: Float64Array;
  deltaO: Float64Array;
  /** Nuisance measure per buurt (−1 none). */
  measure: Int8Array;
  measureCount: number;
  /** Population weights (inhabitants at t1). */
  weights: Float64Array;
  config: EngineConfig;
}

export interface ClassifiedVersion {
  /** Class per buurt, index into VEERKRACHT_CLASS_IDS. */
  classes: Uint8Array;
  /** Standardised change against the version's reference (NaN unknown). */
  dK: Float64Array;
  dO: Float64Array;
  /** National count of buurten that change class with thresholds × 0.5 / × 1.5. */
  sensitivity: { minus50: number; plus50: number };
  /** Classes with thresholds × 0.5 and × 1.5 (for the sensitivity of any set of buurten). */
  lower: Uint8Array;
  upper: Uint8Array;
}

export interface Classification {
  absolute: ClassifiedVersion;
  relative: ClassifiedVersion;
  statsK: WeightedStats;
  statsO: WeightedStats[];
  thresholds: Thresholds;
}

/** Classifies every buurt of the table for one period. */
export function classifyVeerkracht(input: ClassificationInput): Classification {
  const { deltaK, deltaO, measure, weights, config, table } = input;
  const statsK = weightedStats(deltaK, weights);
  const statsO = Array.from({ length: input.measureCount }, (_, m) =>
    weightedStats(deltaO, weights, (i) => measure[i] === m),
  );
  const n = table.size;
  const tooFew = new Uint8Array(n);
  for (let i = 0; i < n; i++) tooFew[i] = weights[i]! < config.minPopulation ? 1 : 0;

  const absK = new Float64Array(n);
  const absO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    absK[i] = standardise(deltaK[i]! - statsK.mean, statsK);
    const m = measure[i]!;
    absO[i] = m < 0 ? NaN : standardise(deltaO[i]! - statsO[m]!.mean, statsO[m]!);
  }
  const refK = gemeenteReference(table, deltaK, weights, null, config.relativeReference);
  const refO = gemeenteReference(table, deltaO, weights, measure, config.relativeReference);
  const relK = new Float64Array(n);
  const relO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    relK[i] = standardise(deltaK[i]! - refK[i]!, statsK);
    const m = measure[i]!;
    relO[i] = m < 0 ? NaN : standardise(deltaO[i]! - refO[i]!, statsO[m]!);
  }
  const t = config.thresholds;
  return {
    absolute: version(absK, absO, tooFew, t),
    relative: version(relK, relO, tooFew, t),
    statsK,
    statsO,
    thresholds: { ...t },
  };
}

function version(dK: Float64Array, dO: Float64Array, tooFew: Uint8Array, t: Thresholds): ClassifiedVersion {
  const classes = classesFor(dK, dO, tooFew, t);
  const lower = classesFor(dK, dO, tooFew, {
    concentration: t.concentration * 0.5,
    nuisance: t.nuisance * 0.5,
  });
  const upper = classesFor(dK, dO, tooFew, {
    concentration: t.concentration * 1.5,
    nuisance: t.nuisance * 1.5,
  });
  let minus50 = 0;
  let plus50 = 0;
  for (let i = 0; i < classes.length; i++) {
    if (lower[i] !== classes[i]) minus50++;
    if (upper[i] !== classes[i]) plus50++;
  }
  return { classes, dK, dO, sensitivity: { minus50, plus50 }, lower, upper };
}

function classesFor(dK: Float64Array, dO: Float64Array, tooFew: Uint8Array, t: Thresholds): Uint8Array {
  const out = new Uint8Array(dK.length);
  for (let i = 0; i < out.length; i++)
    out[i] = classIndexOf(classifyChange(dK[i]!, dO[i]!, tooFew[i] === 1, t));
  return out;
}

/**
 * Decimals a standardised change keeps. Far below any meaningful difference (the thresholds are
 * multiples of 0.01 SD), but it makes a change that lies exactly at a threshold, or a reference
 * that equals another one, classify the same whatever the floating-point summation order.
 */
export const STANDARDISED_DECIMALS = 9;
const SCALE = 10 ** STANDARDISED_DECIMALS;

/**
 * A deviation from a reference in SDs of the national distribution `stats`: unknown when fewer
 * than two buurten make up that distribution (a buurt cannot be compared with itself), 0 when
 * the buurt equals its reference (also when the distribution has no spread at all), else
 * deviation / σ, rounded to STANDARDISED_DECIMALS.
 */
function standardise(deviation: number, stats: WeightedStats): number {
  if (Number.isNaN(deviation) || stats.n < 2) return NaN;
  if (deviation === 0) return 0;
  if (!(stats.sd > 0)) return NaN;
  return Math.round((deviation / stats.sd) * SCALE) / SCALE;
}

/**
 * Per buurt the reference mean of `values` over the other buurten of its gemeente (or all of
 * them) that have the same nuisance measure (`measure`, null = all comparable): the same
 * statistic as the national mean (`weightedStatsOfRows`), so population weights under the same
 * coverage rule. NaN when the set is empty.
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
        const mean = weightedStatsOfRows(values, weights, group).mean;
        for (const i of group) out[i] = mean;
        continue;
      }
      for (const i of group)
        out[i] = weightedStatsOfRows(
          values,
          weights,
          group.filter((j) => j !== i),
        ).mean;
    }
  }
  return out;
}

export { VEERKRACHT_CLASS_IDS };
