/**
 * Change of nuisance and insecurity (ΔO, positive = more nuisance) over [t0, t1]. The primary
 * measure is the Leefbaarometer dimension `onv` (higher = better, so ΔO = −(onv_y1 − onv_y0));
 * where a buurt has no onv at both ends, the next measure of the configured fallback order is
 * used: RIVM severe noise nuisance from neighbours, then registered crime per 1,000 (police,
 * then the KWB crime columns of editions up to 2018). Each measure keeps its own units; the
 * classification standardises each against its own national distribution of change.
 */
import type { BuurtTable } from './buurt-table.js';
import type { EngineConfig, NuisanceMeasureId } from './engine-config.js';
import { periodYears } from './year-rule.js';

export interface NuisanceMeasure {
  id: NuisanceMeasureId;
  indicator: string;
  /** −1 when higher values are better (onv), +1 when higher values mean more nuisance. */
  sign: 1 | -1;
  titleNl: string;
  titleEn: string;
}

export const NUISANCE_MEASURES: Record<NuisanceMeasureId, NuisanceMeasure> = {
  lbm_onv: {
    id: 'lbm_onv',
    indicator: 'lbm_onv',
    sign: -1,
    titleNl: 'Leefbaarometer overlast en onveiligheid (onv)',
    titleEn: 'Leefbaarometer nuisance and insecurity (onv)',
  },
  rivm_noise_neighbours: {
    id: 'rivm_noise_neighbours',
    indicator: 'rivm_noise_neighbours',
    sign: 1,
    titleNl: 'ernstige geluidhinder door buren (RIVM)',
    titleEn: 'severe noise nuisance from neighbours (RIVM)',
  },
  police_crime_rate: {
    id: 'police_crime_rate',
    indicator: 'police_crime_rate',
    sign: 1,
    titleNl: 'geregistreerde misdrijven per 1.000 inwoners (politie)',
    titleEn: 'registered crimes per 1,000 inhabitants (police)',
  },
  kwb_crime_per_1000: {
    id: 'kwb_crime_per_1000',
    indicator: 'kwb_crime_per_1000',
    sign: 1,
    titleNl: 'misdrijven per 1.000 inwoners (KWB)',
    titleEn: 'crimes per 1,000 inhabitants (KWB)',
  },
};

export interface NuisanceChange {
  /** ΔO per buurt in the units of its measure, NaN when no measure covers the period. */
  values: Float64Array;
  /** Index into `measures` of the measure used per buurt, −1 for none. */
  measure: Int8Array;
  measures: readonly NuisanceMeasure[];
  /** Years used per measure, null when the measure cannot cover the period. */
  years: (readonly [number, number] | null)[];
  /** ΔO per measure for every buurt that has it (for the national reference of that measure). */
  perMeasure: (Float64Array | null)[];
}

/** ΔO over [t0, t1] with the fallback order of the configuration. */
export function nuisanceChange(
  table: BuurtTable,
  t0: number,
  t1: number,
  config: EngineConfig,
): NuisanceChange {
  const measures = config.nuisanceMeasures.map((id) => NUISANCE_MEASURES[id]);
  const values = new Float64Array(table.size).fill(NaN);
  const measure = new Int8Array(table.size).fill(-1);
  const years: (readonly [number, number] | null)[] = [];
  const perMeasure: (Float64Array | null)[] = [];
  measures.forEach((m, mi) => {
    const ys = periodYears(table.years(m.indicator), t0, t1, config.periodYearTolerance);
    years.push(ys);
    const a = ys ? table.get(m.indicator, ys[0]) : undefined;
    const b = ys ? table.get(m.indicator, ys[1]) : undefined;
    if (!a || !b) {
      perMeasure.push(null);
      return;
    }
    const d = new Float64Array(table.size);
    for (let i = 0; i < d.length; i++) {
      d[i] = m.sign * (b.values[i]! - a.values[i]!);
      if (measure[i] === -1 && !Number.isNaN(d[i]!)) {
        values[i] = d[i]!;
        measure[i] = mi;
      }
    }
    perMeasure.push(d);
  });
  return { values, measure, measures, years, perMeasure };
}

/** The nuisance level of a measure in a year with the sign applied (higher = more nuisance). */
export function nuisanceLevel(table: BuurtTable, m: NuisanceMeasure, year: number): Float64Array | undefined {
  const col = table.get(m.indicator, year);
  if (!col) return undefined;
  return m.sign === 1 ? col.values : col.values.map((v) => -v);
}
