/**
 * The values behind a map: which years a map has, and per year (level maps) or period
 * (change and classification maps) the national value column, its flags and its sources.
 */
import { AppError, assertNever } from '../../core/app-error.js';
import { ENGINE_FLAGS, type BuurtTable } from '../engine/buurt-table.js';
import { findIndicator } from '../engine/indicator-registry.js';
import { tableMemo } from '../engine/table-memo.js';
import { indicatorFamily, missingKind } from '../engine/missing-kinds.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { MapValueSource } from './map-definitions.js';
import { indexMissing, type MissingCause } from './missing-cause.js';

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
  /** The stored (indicator, year) columns behind the values, keyed as in `yearsUsed` (component id or indicator). */
  pairs: { key: string; indicator: string; year: number }[];
  /** Minimum population of the indicator (too-few-residents below), null = none. */
  minPopulation: number | null;
  yearsUsed: Record<string, number[]>;
  /** Why the buurt at `row` has no value (its population for the year given), and of which source. */
  missing: (row: number, population: number) => MissingCause;
  /** Extra flags of a buurt's value, e.g. `carried-forward` when a component came from an earlier year. */
  extraFlags: (row: number) => string[];
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
      const minPopulation = findIndicator(indicator)?.minPopulation ?? null;
      return {
        values: col.values,
        flags: col.flags,
        pairs: [{ key: indicator, indicator, year }],
        minPopulation,
        yearsUsed: { [indicator]: [year] },
        missing: (row, population) => ({
          kind: missingKind(t, indicator, year, row, population, minPopulation),
          family: indicatorFamily(indicator),
        }),
        extraFlags: () => [],
      };
    }
    case 'concentration-index': {
      const level = engine.level(year);
      const pairs: LevelValues['pairs'] = [];
      const yearsUsed: Record<string, number[]> = {};
      const used: { indicator: string; year: number; bit: number }[] = [];
      engine.config.components.forEach((c, ci) => {
        const y = level.yearsUsed[c.id];
        if (y === null || y === undefined) return;
        const indicator = engine.index.segmentIndicator(c, y)!;
        pairs.push({ key: c.id, indicator, year: y });
        yearsUsed[c.id] = [y];
        used.push({ indicator, year: y, bit: 1 << ci });
      });
      const flags = new Uint8Array(t.size);
      // per component, the gemeenten with a value of it in its year
      const valuedIn = used.map((u) => gemeentenWithValue(t, u.indicator, u.year));
      return {
        values: level.values,
        flags,
        pairs,
        minPopulation: null,
        yearsUsed,
        // the most telling kind of the buurt's own components without a value (what can be loaded
        // first), as of a change of the index (period-missing.ts)
        missing: (row, population) => {
          const gemeente = t.buurten[row]!.gemeente;
          const own: MissingCause[] = [];
          const gemeenteWide: MissingCause[] = [];
          used.forEach((u, k) => {
            if (!Number.isNaN(t.get(u.indicator, u.year)?.values[row] ?? NaN)) return;
            const cause: MissingCause = {
              kind: missingKind(t, u.indicator, u.year, row, population, null),
              family: indicatorFamily(u.indicator),
            };
            (valuedIn[k]!.has(gemeente) ? own : gemeenteWide).push(cause);
          });
          return indexMissing(own, gemeenteWide);
        },
        extraFlags: (row) => {
          const bits = level.otherYear[row]!;
          const out = new Set<string>();
          for (const u of used) if (bits & u.bit) out.add(u.year < year ? 'carried-forward' : 'carried-back');
          return [...out];
        },
      };
    }
    default:
      return assertNever(source, 'map value source');
  }
}

/**
 * Source references of (indicator, year) pairs, merged by edition and column with their years:
 * only the editions that supplied values to the buurten at `rows` (each pair may name its own rows).
 */
export function collectSources(
  engine: VeerkrachtEngine,
  pairs: readonly (readonly [string, number] | readonly [string, number, readonly number[]])[],
  rows: readonly number[],
): SourceRefOut[] {
  const out = new Map<string, SourceRefOut>();
  for (const pair of pairs) {
    const [indicator, year] = pair;
    for (const s of engine.table.sourcesAt(indicator, year, pair[2] ?? rows)) {
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

const gemeentenWithValueMemo = tableMemo<Set<string>>();

/** The gemeenten with at least one buurt with a value of `indicator` in `year` (kept per table). */
function gemeentenWithValue(t: BuurtTable, indicator: string, year: number): Set<string> {
  return gemeentenWithValueMemo(t, `${indicator}|${year}`, () => {
    const out = new Set<string>();
    const values = t.get(indicator, year)?.values;
    if (values)
      for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) out.add(t.buurten[i]!.gemeente);
    return out;
  });
}
