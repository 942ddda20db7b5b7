/**
 * Change of nuisance and insecurity over [t0, t1], positive = more nuisance. The primary measure
 * is the Leefbaarometer dimension `onv` (higher = better, so the change in own units is
 * −(onv_y1 − onv_y0)); where a buurt has no onv at both ends, the next measure of the configured
 * fallback order is used: RIVM severe noise nuisance from neighbours, then registered crime per
 * 1,000 (police, then the KWB crime columns of editions up to 2018). A buurt's two ends always
 * come from one measure. The change ΔO is that own-units change divided by the measure's fixed
 * base-year spread (base-scale.ts), so it keeps its sign — ΔO > 0 means the buurt's own score got
 * worse — and measures with different units share one threshold.
 */
import { baseScale, type BaseScale } from './base-scale.js';
import type { BuurtTable } from './buurt-table.js';
import type { EngineConfig, NuisanceMeasureId } from './engine-config.js';
import type { PopulationIndex } from './population.js';
import { tableMemo } from './table-memo.js';
import { emptyRowYears, periodYears, type RowYears } from './year-rule.js';

export interface NuisanceMeasure {
  id: NuisanceMeasureId;
  indicator: string;
  /** −1 when higher values are better (onv), +1 when higher values mean more nuisance. */
  sign: 1 | -1;
  titleNl: string;
  titleEn: string;
  /** The direction of the scale, stated wherever the measure's values are quoted. */
  directionNl: string;
  directionEn: string;
  /** Short name for titles and legends ("Leefbaarometer onv"). */
  shortNl: string;
  shortEn: string;
}

export const NUISANCE_MEASURES: Record<NuisanceMeasureId, NuisanceMeasure> = {
  lbm_onv: {
    id: 'lbm_onv',
    indicator: 'lbm_onv',
    sign: -1,
    titleNl: 'Leefbaarometer overlast en onveiligheid (onv)',
    titleEn: 'Leefbaarometer nuisance and insecurity (onv)',
    directionNl: 'hogere Leefbaarometer-score = beter',
    directionEn: 'higher Leefbaarometer score = better',
    shortNl: 'Leefbaarometer onv',
    shortEn: 'Leefbaarometer onv',
  },
  rivm_noise_neighbours: {
    id: 'rivm_noise_neighbours',
    indicator: 'rivm_noise_neighbours',
    sign: 1,
    titleNl: 'ernstige geluidhinder door buren (RIVM)',
    titleEn: 'severe noise nuisance from neighbours (RIVM)',
    directionNl: 'hoger percentage = meer hinder',
    directionEn: 'higher percentage = more nuisance',
    shortNl: 'RIVM geluidhinder door buren',
    shortEn: 'RIVM noise from neighbours',
  },
  police_crime_rate: {
    id: 'police_crime_rate',
    indicator: 'police_crime_rate',
    sign: 1,
    titleNl: 'geregistreerde misdrijven per 1.000 inwoners (politie)',
    titleEn: 'registered crimes per 1,000 inhabitants (police)',
    directionNl: 'hoger = meer misdrijven',
    directionEn: 'higher = more crime',
    shortNl: 'politie: geregistreerde misdrijven',
    shortEn: 'police: registered crime',
  },
  kwb_crime_per_1000: {
    id: 'kwb_crime_per_1000',
    indicator: 'kwb_crime_per_1000',
    sign: 1,
    titleNl: 'misdrijven per 1.000 inwoners (KWB)',
    titleEn: 'crimes per 1,000 inhabitants (KWB)',
    directionNl: 'hoger = meer misdrijven',
    directionEn: 'higher = more crime',
    shortNl: 'KWB: misdrijven',
    shortEn: 'KWB: crime',
  },
};

export interface NuisanceChange {
  /** ΔO per buurt on its measure's base-year scale (positive = more nuisance), NaN when no measure covers the period. */
  values: Float64Array;
  /** The same change in the measure's own units (positive = more nuisance). */
  raw: Float64Array;
  /** Index into `measures` of the measure used per buurt, −1 for none. */
  measure: Int8Array;
  measures: readonly NuisanceMeasure[];
  /** Per measure the years the whole country would compare (its years anywhere), null when it cannot cover the period. */
  years: (readonly [number, number] | null)[];
  /** Per measure, per gemeente the years chosen from the years its buurten have the measure (null: fewer than two). */
  byGemeente: Map<string, [number, number] | null>[];
  /** Per buurt the years its change compared (of the measure it uses; 0 when none). */
  rowYears: RowYears;
  /** The base-year scale per measure, null when the measure has no data. */
  scales: (BaseScale | null)[];
}

/** ΔO over [t0, t1] with the fallback order of the configuration. */
export function nuisanceChange(
  table: BuurtTable,
  population: PopulationIndex,
  t0: number,
  t1: number,
  config: EngineConfig,
): NuisanceChange {
  const measures = config.nuisanceMeasures.map((id) => NUISANCE_MEASURES[id]);
  const values = new Float64Array(table.size).fill(NaN);
  const raw = new Float64Array(table.size).fill(NaN);
  const measure = new Int8Array(table.size).fill(-1);
  const years: (readonly [number, number] | null)[] = [];
  const scales: (BaseScale | null)[] = [];
  const byGemeente: Map<string, [number, number] | null>[] = [];
  const rowYears = emptyRowYears(table.size);
  const tol = config.periodYearTolerance;
  measures.forEach((m, mi) => {
    const scale = measureScale(table, population, m);
    scales.push(scale);
    years.push(periodYears(table.years(m.indicator), t0, t1, tol));
    const chosen = new Map<string, [number, number] | null>();
    byGemeente.push(chosen);
    for (const [g, rows] of table.byGemeente()) {
      const ys = periodYears(gemeenteMeasureYears(table, m.indicator).get(g) ?? [], t0, t1, tol);
      chosen.set(g, ys);
      const a = ys ? table.get(m.indicator, ys[0]) : undefined;
      const b = ys ? table.get(m.indicator, ys[1]) : undefined;
      if (!a || !b || !scale) continue;
      for (const i of rows) {
        if (measure[i] !== -1) continue;
        const d = m.sign * (b.values[i]! - a.values[i]!);
        if (Number.isNaN(d)) continue;
        raw[i] = d;
        values[i] = d / scale.sd;
        measure[i] = mi;
        rowYears.y0[i] = ys![0];
        rowYears.y1[i] = ys![1];
      }
    }
  });
  return { values, raw, measure, measures, years, byGemeente, rowYears, scales };
}

const gemeenteYearMemo = tableMemo<Map<string, number[]>>();

/** Per gemeente, the years in which some of its buurten have a value of `indicator` (cached per table). */
export function gemeenteMeasureYears(table: BuurtTable, indicator: string): Map<string, number[]> {
  return gemeenteYearMemo(table, indicator, () => {
    const byGemeente = new Map<string, number[]>();
    for (const [g, rows] of table.byGemeente()) {
      const own = table.years(indicator).filter((y) => {
        const col = table.get(indicator, y)!;
        return rows.some((i) => !Number.isNaN(col.values[i]!));
      });
      byGemeente.set(g, own);
    }
    return byGemeente;
  });
}

/** The base-year scale of a nuisance measure (the spread of its levels in its first year). */
export function measureScale(
  table: BuurtTable,
  population: PopulationIndex,
  m: NuisanceMeasure,
): BaseScale | null {
  return baseScale(table, population, m.indicator, table.years(m.indicator));
}

/** The nuisance level of a measure in a year with the sign applied (higher = more nuisance). */
export function nuisanceLevel(table: BuurtTable, m: NuisanceMeasure, year: number): Float64Array | undefined {
  const col = table.get(m.indicator, year);
  if (!col) return undefined;
  return m.sign === 1 ? col.values : col.values.map((v) => -v);
}
