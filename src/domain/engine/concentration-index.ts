/**
 * Concentratie kwetsbare bewoners (K), on a fixed scale so that it can rise and fall in absolute
 * terms. Each component c (in the segment of its definition that holds for the year) is put on
 * the scale of its base year b — the first year with data (base-scale.ts):
 *   u_c,y = (x_c,y − μ_c,b) / σ_c,b
 * with μ and σ the population-weighted national mean and SD in b. Because μ_c,b and σ_c,b are the
 * same numbers for every year, u moves only when the component's own value moves: a buurt whose
 * share of residents at high risk of anxiety or depression rose from 7.1 % to 7.8 % has Δu =
 * 0.7 / σ_b > 0, whatever happened elsewhere.
 *   level K_t = Σ_c w_c u_c,y(t) / Σ_c w_c   (y(t) the component's year nearest to t, flagged when ≠ t)
 *   change ΔK = Σ_c w_c (u_c,y1 − u_c,y0) / Σ_c w_c = Σ_c w_c (x_c,y1 − x_c,y0) / σ_c,b / Σ_c w_c
 * Both need at least `minComponents` components. The years of a change are chosen per gemeente
 * (year-rule.ts) from the years in which its buurten have the component. A component whose
 * definition changes inside the period (segments) is a break: its change is taken within the newest definition when that
 * covers two years of the period, else it is left out (unless bridgeBreaks, which then compares
 * the two ends each on its own segment's scale). docs/method.md, "Concentratie kwetsbare bewoners".
 */
import { baseScale, type BaseScale } from './base-scale.js';
import type { BuurtTable } from './buurt-table.js';
import type { ComponentConfig, EngineConfig } from './engine-config.js';
import type { PopulationIndex } from './population.js';
import { commonPair, emptyRowYears, levelYear, periodYears, type RowYears } from './year-rule.js';

/** A component in one year on its base-year scale. */
export interface ComponentScaled {
  year: number;
  indicator: string;
  /** (x − μ_b) / σ_b per buurt, NaN where x is missing. */
  u: Float64Array;
  scale: BaseScale;
}

export interface IndexLevel {
  year: number;
  values: Float64Array;
  /** Components that entered each buurt's value. */
  counts: Uint8Array;
  /** Per buurt, bit c set when component c (config order) entered from a year other than `year`. */
  otherYear: Uint16Array;
  /** Year used per component id, null when the component has no year near enough. */
  yearsUsed: Record<string, number | null>;
}

export interface GemeenteYears {
  years: [number, number] | null;
  /** The years straddle a definition change (left out, or bridged with bridgeBreaks). */
  break: boolean;
}

export interface ComponentChange {
  id: string;
  /** The years most buurten compared (per buurt: `rowYears`; per gemeente: `byGemeente`); null when none. */
  years: [number, number] | null;
  /** True when, in some gemeente, the years straddle a definition change that was bridged, or the component was left out for it. */
  break: boolean;
  /** Per buurt the years compared (0 where the buurt has no change). */
  rowYears: RowYears;
  /** Per gemeente the years chosen (from the years its buurten have the component). */
  byGemeente: Map<string, GemeenteYears>;
  /** Change per buurt on the base-year scale (u_y1 − u_y0), NaN where an end is missing; null when the component has no change. */
  scaled: Float64Array | null;
  /** Change per buurt in the component's own units (x_y1 − x_y0); null when bridged across a break or no change. */
  raw: Float64Array | null;
  /** The scale of the end year's definition. */
  scale: BaseScale | null;
}

export interface IndexChange {
  values: Float64Array;
  counts: Uint8Array;
  components: ComponentChange[];
}

export class ConcentrationIndex {
  private readonly scaledCache = new Map<string, ComponentScaled | null>();
  private readonly scaleCache = new Map<string, BaseScale | null>();
  private readonly gemeenteYearCache = new Map<string, Map<string, number[]>>();

  constructor(
    private readonly table: BuurtTable,
    private readonly population: PopulationIndex,
    private readonly config: EngineConfig,
  ) {}

  get components(): readonly ComponentConfig[] {
    return this.config.components;
  }

  /** The indicator a component uses in a year (its segment), or undefined outside every segment. */
  segmentIndicator(c: ComponentConfig, year: number): string | undefined {
    return c.segments.find((s) => (s.fromYear ?? -Infinity) <= year && year <= (s.toYear ?? Infinity))
      ?.indicator;
  }

  /** Years in which the component has data under its segment of that year. */
  componentYears(c: ComponentConfig): number[] {
    const years = new Set<number>();
    for (const s of c.segments) {
      for (const y of this.table.years(s.indicator)) {
        if ((s.fromYear ?? -Infinity) <= y && y <= (s.toYear ?? Infinity)) years.add(y);
      }
    }
    return [...years].sort((a, b) => a - b);
  }

  /** Raw values of a component in a year (the segment's indicator), or undefined. */
  raw(c: ComponentConfig, year: number): Float64Array | undefined {
    const ind = this.segmentIndicator(c, year);
    return ind ? this.table.get(ind, year)?.values : undefined;
  }

  /** The base-year scale of the component's definition (segment) that holds in `year`, or null. */
  scale(c: ComponentConfig, year: number): BaseScale | null {
    const indicator = this.segmentIndicator(c, year);
    if (!indicator) return null;
    const key = `${c.id}|${indicator}`;
    let hit = this.scaleCache.get(key);
    if (hit === undefined) {
      const years = this.componentYears(c).filter((y) => this.segmentIndicator(c, y) === indicator);
      hit = baseScale(this.table, this.population, indicator, years);
      this.scaleCache.set(key, hit);
    }
    return hit;
  }

  /** A component in a year on its base-year scale, or null without data or without a scale. */
  scaled(c: ComponentConfig, year: number): ComponentScaled | null {
    const key = `${c.id}|${year}`;
    let hit = this.scaledCache.get(key);
    if (hit === undefined) {
      hit = this.computeScaled(c, year);
      this.scaledCache.set(key, hit);
    }
    return hit;
  }

  private computeScaled(c: ComponentConfig, year: number): ComponentScaled | null {
    const indicator = this.segmentIndicator(c, year);
    const values = indicator ? this.table.get(indicator, year)?.values : undefined;
    const scale = this.scale(c, year);
    if (!indicator || !values || !scale) return null;
    const u = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) u[i] = (values[i]! - scale.mean) / scale.sd;
    return { year, indicator, u, scale };
  }

  /** K in year t. */
  level(t: number): IndexLevel {
    const n = this.table.size;
    const sum = new Float64Array(n);
    const wsum = new Float64Array(n);
    const counts = new Uint8Array(n);
    const otherYear = new Uint16Array(n);
    const yearsUsed: Record<string, number | null> = {};
    this.config.components.forEach((c, ci) => {
      const y = levelYear(this.componentYears(c), t, this.config.levelYearTolerance);
      const s = y === null ? null : this.scaled(c, y);
      yearsUsed[c.id] = s ? y : null;
      if (!s) return;
      accumulate(s.u, c.weight, sum, wsum, counts);
      if (s.year !== t)
        for (let i = 0; i < n; i++) if (!Number.isNaN(s.u[i]!)) otherYear[i] = otherYear[i]! | (1 << ci);
    });
    return {
      year: t,
      values: combine(sum, wsum, counts, this.config.minComponents),
      counts,
      otherYear,
      yearsUsed,
    };
  }

  /** ΔK over [t0, t1]. */
  change(t0: number, t1: number): IndexChange {
    const n = this.table.size;
    const sum = new Float64Array(n);
    const wsum = new Float64Array(n);
    const counts = new Uint8Array(n);
    const components: ComponentChange[] = [];
    for (const c of this.config.components) {
      const cc = this.componentChange(c, t0, t1);
      components.push(cc);
      if (cc.scaled) accumulate(cc.scaled, c.weight, sum, wsum, counts);
    }
    return { values: combine(sum, wsum, counts, this.config.minComponents), counts, components };
  }

  /** Per gemeente, the years in which some of its buurten have the component (under its segment), ascending. */
  gemeenteYears(c: ComponentConfig): Map<string, number[]> {
    let hit = this.gemeenteYearCache.get(c.id);
    if (!hit) {
      hit = new Map();
      const years = this.componentYears(c);
      for (const [g, rows] of this.table.byGemeente()) {
        const own: number[] = [];
        for (const y of years) {
          const col = this.table.get(this.segmentIndicator(c, y)!, y);
          if (col && rows.some((i) => !Number.isNaN(col.values[i]!))) own.push(y);
        }
        hit.set(g, own);
      }
      this.gemeenteYearCache.set(c.id, hit);
    }
    return hit;
  }

  /**
   * The years a component uses for a change over [t0, t1] among `available` (default: the years
   * it has anywhere), after the break rule, and whether it is a break.
   */
  changeYears(
    c: ComponentConfig,
    t0: number,
    t1: number,
    available: readonly number[] = this.componentYears(c),
  ): GemeenteYears {
    const tol = this.config.periodYearTolerance;
    const years = periodYears(available, t0, t1, tol);
    if (years && this.segmentIndicator(c, years[0]) !== this.segmentIndicator(c, years[1])) {
      const newest = this.segmentIndicator(c, years[1]);
      const newestYears = available.filter((y) => this.segmentIndicator(c, y) === newest);
      const within = periodYears(newestYears, t0, t1, tol);
      if (within) return { years: within, break: false };
      return { years, break: true };
    }
    return { years, break: false };
  }

  private componentChange(c: ComponentConfig, t0: number, t1: number): ComponentChange {
    const n = this.table.size;
    const scaled = new Float64Array(n).fill(NaN);
    const raw = new Float64Array(n).fill(NaN);
    const rowYears = emptyRowYears(n);
    const byGemeente = new Map<string, GemeenteYears>();
    const gemeenteYears = this.gemeenteYears(c);
    let anyChange = false;
    let anyRaw = false;
    let anyBreak = false;
    for (const [g, rows] of this.table.byGemeente()) {
      const choice = this.changeYears(c, t0, t1, gemeenteYears.get(g) ?? []);
      byGemeente.set(g, choice);
      anyBreak ||= choice.break;
      const years = choice.years;
      if (!years || (choice.break && !this.config.bridgeBreaks)) continue;
      const a = this.scaled(c, years[0]);
      const b = this.scaled(c, years[1]);
      if (!a || !b) continue;
      const xa = this.raw(c, years[0])!;
      const xb = this.raw(c, years[1])!;
      for (const i of rows) {
        const d = b.u[i]! - a.u[i]!;
        if (Number.isNaN(d)) continue;
        scaled[i] = d;
        rowYears.y0[i] = years[0];
        rowYears.y1[i] = years[1];
        anyChange = true;
        if (!choice.break) {
          raw[i] = xb[i]! - xa[i]!;
          anyRaw = true;
        }
      }
    }
    const years = commonPair(rowYears) ?? this.changeYears(c, t0, t1).years;
    return {
      id: c.id,
      years,
      break: anyBreak,
      rowYears,
      byGemeente,
      scaled: anyChange ? scaled : null,
      raw: anyRaw ? raw : null,
      scale: years ? this.scale(c, years[1]) : null,
    };
  }
}

function accumulate(
  u: Float64Array,
  weight: number,
  sum: Float64Array,
  wsum: Float64Array,
  counts: Uint8Array,
): void {
  for (let i = 0; i < u.length; i++) {
    const v = u[i]!;
    if (Number.isNaN(v)) continue;
    sum[i] = sum[i]! + weight * v;
    wsum[i] = wsum[i]! + weight;
    counts[i] = counts[i]! + 1;
  }
}

function combine(
  sum: Float64Array,
  wsum: Float64Array,
  counts: Uint8Array,
  minComponents: number,
): Float64Array {
  const out = new Float64Array(sum.length);
  for (let i = 0; i < out.length; i++) out[i] = counts[i]! >= minComponents ? sum[i]! / wsum[i]! : NaN;
  return out;
}
