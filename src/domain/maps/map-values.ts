/**
 * The values behind a map: which years a map has, and per year (level maps) or period
 * (change and classification maps) the national value column, its flags and its sources.
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { ENGINE_FLAGS } from '../engine/buurt-table.js';
import { findIndicator } from '../engine/indicator-registry.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { MapValueSource } from './map-definitions.js';

export interface SourceRefOut {
  indicator: string;
  edition: string;
  table: string | null;
  column: string;
  years: number[];
}

export interface LevelValues {
  values: Float64Array;
  flags: Uint8Array;
  sources: SourceRefOut[];
  /** Minimum population of the indicator (too-few-residents below), null = none. */
  minPopulation: number | null;
  yearsUsed: Record<string, number[]>;
}

/** Years a level map can show. */
export function levelYears(engine: VeerkrachtEngine, source: MapValueSource): number[] {
  switch (source.kind) {
    case 'indicator':
      return engine.table.years(source.indicator);
    case 'component':
      return engine.index.componentYears(findComponent(engine, source.component));
    case 'concentration-index':
      return engine.indexYears();
    default:
      return assertNever(source, 'map value source');
  }
}

/** National values of a level map in one year. */
export function levelValues(engine: VeerkrachtEngine, source: MapValueSource, year: number): LevelValues {
  const t = engine.table;
  switch (source.kind) {
    case 'indicator':
    case 'component': {
      const indicator =
        source.kind === 'indicator'
          ? source.indicator
          : engine.index.segmentIndicator(findComponent(engine, source.component), year);
      const col = indicator ? t.get(indicator, year) : undefined;
      if (!indicator || !col)
        throw new AppError('NO_DATA', `no values for ${indicator ?? source.kind} in ${year}`);
      return {
        values: col.values,
        flags: col.flags,
        sources: collectSources(engine, [[indicator, year]]),
        minPopulation: findIndicator(indicator)?.minPopulation ?? null,
        yearsUsed: { [indicator]: [year] },
      };
    }
    case 'concentration-index': {
      const level = engine.level(year);
      const pairs: [string, number][] = [];
      const yearsUsed: Record<string, number[]> = {};
      for (const c of engine.config.components) {
        const y = level.yearsUsed[c.id];
        if (y === null || y === undefined) continue;
        pairs.push([engine.index.segmentIndicator(c, y)!, y]);
        yearsUsed[c.id] = [y];
      }
      const flags = new Uint8Array(t.size);
      return {
        values: level.values,
        flags,
        sources: collectSources(engine, pairs),
        minPopulation: null,
        yearsUsed,
      };
    }
    default:
      return assertNever(source, 'map value source');
  }
}

/** Source references of (indicator, year) pairs, merged by edition and column with their years. */
export function collectSources(
  engine: VeerkrachtEngine,
  pairs: readonly (readonly [string, number])[],
): SourceRefOut[] {
  const out = new Map<string, SourceRefOut>();
  for (const [indicator, year] of pairs) {
    for (const s of engine.table.sources(indicator, year)) {
      const key = `${s.indicator}|${s.edition}|${s.column}`;
      const ref = out.get(key) ?? {
        indicator: s.indicator,
        edition: s.edition,
        table: s.table,
        column: s.column,
        years: [],
      };
      if (!ref.years.includes(year)) ref.years.push(year);
      ref.years.sort((a, b) => a - b);
      out.set(key, ref);
    }
  }
  return [...out.values()];
}

/** True when the buurt is below the minimum population or flagged too-few-residents. */
export function isTooFew(flags: number, population: number, minimum: number | null): boolean {
  return (flags & ENGINE_FLAGS.tooFewResidents) !== 0 || (minimum !== null && population < minimum);
}

function findComponent(engine: VeerkrachtEngine, id: string) {
  const c = engine.config.components.find((x) => x.id === id);
  if (!c)
    throw new AppError(
      'CONFIG_INVALID',
      `map refers to index component '${id}', which the configuration does not have`,
    );
  return c;
}
