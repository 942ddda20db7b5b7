/**
 * Concentratie kwetsbare bewoners (K). Each component c is standardised within its year y
 * against the population-weighted national buurt distribution: z_c,y = (x − μ_c,y) / σ_c,y.
 * The level K_t is the weighted mean of the components' z-scores (each from its nearest year,
 * year-rule.ts), the change ΔK over [t0, t1] the weighted mean of the components' z-changes
 * z_c,y1 − z_c,y0. Both need at least `minComponents` components. A component whose
 * definition changes inside the period (segments) is a break: its change is taken within the
 * newest definition when that covers two years of the period, else it is left out (unless
 * bridgeBreaks). Because z-scores are relative to the country, ΔK measures how a buurt moved
 * relative to all buurten, not the national trend (docs/method.md, "Index").
 */
import type { BuurtTable } from './buurt-table.js';
import type { ComponentConfig, EngineConfig } from './engine-config.js';
import type { PopulationIndex } from './population.js';
import { weightedStats, type WeightedStats } from './weighted-stats.js';
import { levelYear, periodYears } from './year-rule.js';

export interface ComponentZ {
  year: number;
  indicator: string;
  z: Float64Array;
  stats: WeightedStats;
}

export interface IndexLevel {
  year: number;
  values: Float64Array;
  /** Components that entered each buurt's value. */
  counts: Uint8Array;
  /** Year used per component id, null when the component has no year near enough. */
  yearsUsed: Record<string, number | null>;
}

export interface ComponentChange {
  id: string;
  years: [number, number] | null;
  /** True when the years straddle a definition change that was bridged, or the component was left out for it. */
  break: boolean;
  dz: Float64Array | null;
}

export interface IndexChange {
  values: Float64Array;
  counts: Uint8Array;
  components: ComponentChange[];
}

export class ConcentrationIndex {
  private readonly zCache = new Map<string, ComponentZ | null>();

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

  /** z-scores of a component in a year, or null without data or without spread. */
  z(c: ComponentConfig, year: number): ComponentZ | null {
    const key = `${c.id}|${year}`;
    let hit = this.zCache.get(key);
    if (hit === undefined) {
      hit = this.computeZ(c, year);
      this.zCache.set(key, hit);
    }
    return hit;
  }

  private computeZ(c: ComponentConfig, year: number): ComponentZ | null {
    const indicator = this.segmentIndicator(c, year);
    const values = indicator ? this.table.get(indicator, year)?.values : undefined;
    if (!indicator || !values) return null;
    const stats = weightedStats(values, this.population.at(year));
    if (stats.n < 2 || !(stats.sd > 0)) return null;
    const z = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) z[i] = (values[i]! - stats.mean) / stats.sd;
    return { year, indicator, z, stats };
  }

  /** K in year t. */
  level(t: number): IndexLevel {
    const n = this.table.size;
    const sum = new Float64Array(n);
    const wsum = new Float64Array(n);
    const counts = new Uint8Array(n);
    const yearsUsed: Record<string, number | null> = {};
    for (const c of this.config.components) {
      const y = levelYear(this.componentYears(c), t, this.config.levelYearTolerance);
      const z = y === null ? null : this.z(c, y);
      yearsUsed[c.id] = z ? y : null;
      if (z) accumulate(z.z, c.weight, sum, wsum, counts);
    }
    return { year: t, values: combine(sum, wsum, counts, this.config.minComponents), counts, yearsUsed };
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
      if (cc.dz) accumulate(cc.dz, c.weight, sum, wsum, counts);
    }
    return { values: combine(sum, wsum, counts, this.config.minComponents), counts, components };
  }

  private componentChange(c: ComponentConfig, t0: number, t1: number): ComponentChange {
    const tol = this.config.periodYearTolerance;
    let years = periodYears(this.componentYears(c), t0, t1, tol);
    if (years && this.segmentIndicator(c, years[0]) !== this.segmentIndicator(c, years[1])) {
      const newest = this.segmentIndicator(c, years[1]);
      const newestYears = this.componentYears(c).filter((y) => this.segmentIndicator(c, y) === newest);
      const within = periodYears(newestYears, t0, t1, tol);
      if (within) years = within;
      else if (!this.config.bridgeBreaks) return { id: c.id, years, break: true, dz: null };
    }
    if (!years) return { id: c.id, years: null, break: false, dz: null };
    const bridged = this.segmentIndicator(c, years[0]) !== this.segmentIndicator(c, years[1]);
    const a = this.z(c, years[0]);
    const b = this.z(c, years[1]);
    if (!a || !b) return { id: c.id, years, break: bridged, dz: null };
    const dz = new Float64Array(a.z.length);
    for (let i = 0; i < dz.length; i++) dz[i] = b.z[i]! - a.z[i]!;
    return { id: c.id, years, break: bridged, dz };
  }
}

function accumulate(
  z: Float64Array,
  weight: number,
  sum: Float64Array,
  wsum: Float64Array,
  counts: Uint8Array,
): void {
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
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
