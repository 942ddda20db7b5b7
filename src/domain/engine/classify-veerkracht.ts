/**
 * The veerkracht classification of every buurt over one period, in two versions:
 * - absoluut: dK = (ΔK − μK) / σK and dO = (ΔO − μO,m) / σO,m, with μ the population-weighted
 *   national mean change and σ the national SD of the change (per nuisance measure m);
 * - relatief: the same, but with μ the population-weighted mean change of the rest of the
 *   buurt's gemeente (or the whole gemeente, by configuration); σ stays national so one
 *   threshold means the same everywhere.
 * Plus the sensitivity: how many buurten change class when both thresholds move −50 % / +50 %.
 */
import type { BuurtTable } from './buurt-table.js';
import type { EngineConfig } from './engine-config.js';
import { classifyChange, classIndexOf, VEERKRACHT_CLASS_IDS, type Thresholds } from './veerkracht-classes.js';
import { weightedStats, type WeightedStats } from './weighted-stats.js';

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
  const statsO = Array.from({ length: input.measureCount }, (_, m) => weightedStats(deltaO, weights, (i) => measure[i] === m));
  const n = table.size;
  const tooFew = new Uint8Array(n);
  for (let i = 0; i < n; i++) tooFew[i] = weights[i]! < config.minPopulation ? 1 : 0;

  const absK = new Float64Array(n);
  const absO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    absK[i] = (deltaK[i]! - statsK.mean) / statsK.sd;
    const m = measure[i]!;
    absO[i] = m < 0 ? NaN : (deltaO[i]! - statsO[m]!.mean) / statsO[m]!.sd;
  }
  const refK = gemeenteReference(table, deltaK, weights, () => true, config.relativeReference);
  const refO = gemeenteReference(table, deltaO, weights, (i, j) => measure[i] === measure[j], config.relativeReference);
  const relK = new Float64Array(n);
  const relO = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    relK[i] = (deltaK[i]! - refK[i]!) / statsK.sd;
    const m = measure[i]!;
    relO[i] = m < 0 ? NaN : (deltaO[i]! - refO[i]!) / statsO[m]!.sd;
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
  const lower = classesFor(dK, dO, tooFew, { concentration: t.concentration * 0.5, nuisance: t.nuisance * 0.5 });
  const upper = classesFor(dK, dO, tooFew, { concentration: t.concentration * 1.5, nuisance: t.nuisance * 1.5 });
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
  for (let i = 0; i < out.length; i++) out[i] = classIndexOf(classifyChange(dK[i]!, dO[i]!, tooFew[i] === 1, t));
  return out;
}

/**
 * Per buurt the population-weighted mean of `values` over the other buurten of its gemeente
 * (or all of them) that are comparable (`same`), NaN when there are none. Buurten without a
 * weight count with weight 1 when no buurt of the gemeente has one.
 */
function gemeenteReference(
  table: BuurtTable,
  values: Float64Array,
  weights: Float64Array,
  same: (i: number, j: number) => boolean,
  mode: EngineConfig['relativeReference'],
): Float64Array {
  const out = new Float64Array(table.size).fill(NaN);
  for (const rows of table.byGemeente().values()) {
    const weighted = rows.some((r) => weights[r]! > 0 && !Number.isNaN(values[r]!));
    for (const i of rows) {
      if (Number.isNaN(values[i]!)) continue;
      let sw = 0;
      let swx = 0;
      for (const j of rows) {
        if ((mode === 'rest-of-gemeente' && j === i) || Number.isNaN(values[j]!) || !same(i, j)) continue;
        const w = weighted ? weights[j]! : 1;
        if (!(w > 0)) continue;
        sw += w;
        swx += w * values[j]!;
      }
      if (sw > 0) out[i] = swx / sw;
    }
  }
  return out;
}

export { VEERKRACHT_CLASS_IDS };
