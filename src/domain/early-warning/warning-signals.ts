/**
 * The numbers the early-warning rules read, per buurt and period, taken from the engine exactly as
 * the maps show them: the veerkracht class (veerkracht-absoluut or -relatief), the buurt's own
 * change of concentration ΔK (ontwikkeling-concentratie) and of nuisance ΔO
 * (ontwikkeling-overlast), and the mean ΔO of the rest of its gemeente: the population-weighted
 * mean over the other buurten of the gemeente that have enough inhabitants and a ΔO on the same
 * nuisance measure — the buurten that have a value on the ontwikkeling-overlast map — rounded to
 * STANDARDISED_DECIMALS like every change the engine compares.
 */
import { STANDARDISED_DECIMALS } from '../engine/classify-veerkracht.js';
import type { Period } from '../engine/engine-config.js';
import { roundTo } from '../engine/explain-numbers.js';
import { VEERKRACHT_CLASS_IDS, type VeerkrachtClassId } from '../engine/veerkracht-classes.js';
import type { PeriodResult, VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { EarlyWarningConfig } from './early-warning-config.js';

export interface PeriodSignal {
  period: Period;
  /** Class in the configured reading. */
  classId: VeerkrachtClassId;
  /** The changes the class was made from (the reading's dK, dO); null when unknown. */
  classDK: number | null;
  classDO: number | null;
  /** The buurt's own changes (absolute reading, as on the ontwikkeling maps); null when unknown or the buurt has too few inhabitants. */
  dK: number | null;
  dO: number | null;
  /** Nuisance measure of dO, null when none. */
  measure: string | null;
  /** Mean ΔO of the rest of the gemeente (same measure, enough inhabitants), null when there is none. */
  restO: number | null;
  /** How many buurten that mean is over. */
  restBuurten: number;
}

export interface BuurtSignals {
  row: number;
  code: string;
  name: string;
  gemeente: string;
  /** Inhabitants at the end of the current period (nearest year), null when unknown. */
  inhabitants: number | null;
  current: PeriodSignal;
  previous: PeriodSignal | null;
}

/**
 * The period before `current`: the equally long period that ends where `current` starts
 * (2016–2020 → 2012–2016). Its numbers are those of the maps of that period; a rule that needs a
 * number the period does not have (no data at its ends) does not fire.
 */
export function previousPeriod(current: Period): Period {
  return { t0: 2 * current.t0 - current.t1, t1: current.t0 };
}

/** The signals of the buurten at `rows` for `current` and (when given) `previous`. */
export function warningSignals(
  engine: VeerkrachtEngine,
  rows: readonly number[],
  current: Period,
  previous: Period | null,
  config: EarlyWarningConfig,
): BuurtSignals[] {
  const cur = periodSignals(engine, engine.period(current), config);
  const prev = previous ? periodSignals(engine, engine.period(previous), config) : null;
  const pop = engine.population.at(current.t1);
  return rows.map((row) => {
    const b = engine.table.buurten[row]!;
    const w = pop[row]!;
    return {
      row,
      code: b.code,
      name: b.name,
      gemeente: b.gemeente,
      inhabitants: Number.isNaN(w) ? null : w,
      current: cur(row),
      previous: prev ? prev(row) : null,
    };
  });
}

function periodSignals(
  engine: VeerkrachtEngine,
  r: PeriodResult,
  config: EarlyWarningConfig,
): (row: number) => PeriodSignal {
  const c = r.classification;
  const version = config.reading === 'relative' ? c.relative : c.absolute;
  const rest = restOfGemeente(engine, r);
  return (row) => {
    const m = r.nuisance.measure[row]!;
    // a buurt with too few (or unknown) inhabitants has no change on the maps: none here either
    const shown = c.residents[row] === 'enough';
    const at = (values: Float64Array) => (shown ? known(values[row]!) : null);
    return {
      period: r.period,
      classId: VEERKRACHT_CLASS_IDS[version.classes[row]!]!,
      classDK: at(version.dK),
      classDO: at(version.dO),
      dK: at(c.absolute.dK),
      dO: at(c.absolute.dO),
      measure: m >= 0 ? r.nuisance.measures[m]!.id : null,
      restO: known(rest.mean[row]!),
      restBuurten: rest.count[row]!,
    };
  };
}

function known(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

/**
 * Per buurt the inhabitant-weighted mean ΔO of the other buurten of its gemeente that have enough
 * inhabitants and a ΔO on the same measure (unweighted when their weights sum to 0). O(n): group
 * totals minus the buurt's own share.
 */
export function restOfGemeente(
  engine: VeerkrachtEngine,
  r: PeriodResult,
): { mean: Float64Array; count: Uint32Array } {
  const c = r.classification;
  const dO = c.absolute.dO;
  const n = engine.table.size;
  const mean = new Float64Array(n).fill(NaN);
  const count = new Uint32Array(n);
  const member = (i: number) => c.residents[i] === 'enough' && !Number.isNaN(dO[i]!);
  for (const rows of engine.table.byGemeente().values()) {
    const groups = new Map<number, { sw: number; swd: number; sd: number; k: number }>();
    for (const i of rows) {
      if (!member(i)) continue;
      const m = r.nuisance.measure[i]!;
      const g = groups.get(m) ?? { sw: 0, swd: 0, sd: 0, k: 0 };
      const w = r.weights[i]!;
      g.sw += w;
      g.swd += w * dO[i]!;
      g.sd += dO[i]!;
      g.k++;
      groups.set(m, g);
    }
    for (const i of rows) {
      const m = r.nuisance.measure[i]!;
      const g = groups.get(m);
      if (!g) continue;
      const self = member(i);
      const k = g.k - (self ? 1 : 0);
      if (k === 0) continue;
      const sw = g.sw - (self ? r.weights[i]! : 0);
      const swd = g.swd - (self ? r.weights[i]! * dO[i]! : 0);
      // rounded like every change the engine compares (classify-veerkracht.ts)
      mean[i] = roundTo(sw > 0 ? swd / sw : (g.sd - (self ? dO[i]! : 0)) / k, STANDARDISED_DECIMALS) + 0;
      count[i] = k;
    }
  }
  return { mean, count };
}
