/**
 * The engine facade: builds the buurt table from stored values, computes the derived
 * indicators once, and computes (and caches) index levels per year and changes and
 * classifications per period. Pure: it receives data, never reads the store.
 */
import { BuurtTable, type BuurtInfo, type EngineBulkInput, type EngineValueInput } from './buurt-table.js';
import { classifyVeerkracht, type Classification } from './classify-veerkracht.js';
import { ConcentrationIndex, type IndexChange, type IndexLevel } from './concentration-index.js';
import { deriveIndicators } from './derive-indicators.js';
import {
  parseEngineConfig,
  type EngineConfig,
  type EngineConfigInput,
  type Period,
} from './engine-config.js';
import { nuisanceChange, type NuisanceChange } from './nuisance-change.js';
import { PopulationIndex } from './population.js';
import { periodYears } from './year-rule.js';

export interface PeriodResult {
  period: Period;
  index: IndexChange;
  nuisance: NuisanceChange;
  classification: Classification;
  /** Population weights used (inhabitants at t1, nearest year). */
  weights: Float64Array;
}

export class VeerkrachtEngine {
  readonly table: BuurtTable;
  readonly config: EngineConfig;
  readonly population: PopulationIndex;
  readonly index: ConcentrationIndex;
  private readonly levels = new Map<number, IndexLevel>();
  private readonly periodCache = new Map<string, PeriodResult>();

  constructor(table: BuurtTable, config: EngineConfig) {
    this.table = table;
    this.config = config;
    this.population = new PopulationIndex(table);
    deriveIndicators(table, this.population);
    this.index = new ConcentrationIndex(table, this.population, config);
  }

  /** K per buurt in year t (cached). */
  level(t: number): IndexLevel {
    let l = this.levels.get(t);
    if (!l) {
      l = this.index.level(t);
      this.levels.set(t, l);
    }
    return l;
  }

  /** Changes and both classifications over a period (cached). */
  period(p: Period): PeriodResult {
    const key = `${p.t0}-${p.t1}`;
    let r = this.periodCache.get(key);
    if (!r) {
      r = this.computePeriod(p);
      this.periodCache.set(key, r);
    }
    return r;
  }

  private computePeriod(p: Period): PeriodResult {
    const index = this.index.change(p.t0, p.t1);
    const nuisance = nuisanceChange(this.table, this.population, p.t0, p.t1, this.config);
    const weights = this.population.at(p.t1);
    const classification = classifyVeerkracht({
      table: this.table,
      deltaK: index.values,
      deltaO: nuisance.values,
      measure: nuisance.measure,
      measureCount: nuisance.measures.length,
      weights,
      config: this.config,
    });
    return { period: p, index, nuisance, classification, weights };
  }

  /** Years in which the index can have a value (some component has data near the year). */
  indexYears(): number[] {
    const years = new Set<number>();
    for (const c of this.config.components) for (const y of this.index.componentYears(c)) years.add(y);
    return [...years]
      .sort((a, b) => a - b)
      .filter((y) => this.level(y).counts.some((n) => n >= this.config.minComponents));
  }

  /**
   * Periods a classification can be made for: pairs of data years where at least
   * `minComponents` components and one nuisance measure cover the period.
   */
  periods(): Period[] {
    return this.periodsCovering(['concentration', 'nuisance']);
  }

  /**
   * Periods the change map of one quantity can be drawn for: pairs of that quantity's data years
   * it covers — at least `minComponents` components, or one nuisance measure. The change of the
   * nuisance over 2021–2025 exists where only the police figures reach 2025, though no
   * classification does (no component has two years in 2021–2025).
   */
  changePeriods(quantity: 'concentration' | 'nuisance'): Period[] {
    return this.periodsCovering([quantity]);
  }

  private periodsCovering(quantities: readonly ('concentration' | 'nuisance')[]): Period[] {
    const tolerance = this.config.periodYearTolerance;
    const measures = this.config.nuisanceMeasures;
    const anchor = new Set<number>();
    if (quantities.includes('concentration'))
      for (const c of this.config.components) for (const y of this.index.componentYears(c)) anchor.add(y);
    if (quantities.includes('nuisance'))
      for (const m of measures) for (const y of this.table.years(m)) anchor.add(y);
    const covered = {
      concentration: (t0: number, t1: number) =>
        this.config.components.filter(
          (c) => periodYears(this.index.componentYears(c), t0, t1, tolerance) !== null,
        ).length >= this.config.minComponents,
      nuisance: (t0: number, t1: number) =>
        measures.some((m) => periodYears(this.table.years(m), t0, t1, tolerance) !== null),
    };
    const years = [...anchor].sort((a, b) => a - b);
    const out: Period[] = [];
    for (const t0 of years) {
      for (const t1 of years) {
        if (t1 <= t0 || t1 - t0 > 12) continue;
        if (quantities.every((q) => covered[q](t0, t1))) out.push({ t0, t1 });
      }
    }
    return out;
  }

  /** The configured default period when it has data, else the longest available period ending last. */
  defaultPeriod(): Period | null {
    const all = this.periods();
    const [a, b] = this.config.defaultPeriod.split('-').map(Number);
    const configured = all.find((p) => p.t0 === a && p.t1 === b);
    if (configured) return configured;
    return [...all].sort((x, y) => y.t1 - x.t1 || x.t0 - y.t0)[0] ?? null;
  }
}

/** Builds an engine from buurten and stored values, validating the configuration. */
export function createEngine(
  buurten: readonly BuurtInfo[],
  values: Iterable<EngineValueInput>,
  config: EngineConfigInput | EngineConfig = {},
): VeerkrachtEngine {
  return new VeerkrachtEngine(BuurtTable.fromValues(buurten, values), parseEngineConfig(config));
}

/** Builds an engine from buurten and a bulk read of the store (the server's loading path). */
export function createEngineFromBulk(
  buurten: readonly BuurtInfo[],
  bulk: EngineBulkInput,
  config: EngineConfigInput | EngineConfig = {},
): VeerkrachtEngine {
  return new VeerkrachtEngine(BuurtTable.fromBulk(buurten, bulk), parseEngineConfig(config));
}
