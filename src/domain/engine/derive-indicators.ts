/**
 * Computes the derived indicators of the registry into the buurt table: rates from numerator
 * and denominator, sums, and "first available" choices, per buurt and year. Values of buurten
 * below the indicator's minimum population become missing with the too-few-residents flag.
 */
import { assertNever } from '../../core/app-error.js';
import { VALUE_FLAGS } from '../../core/records.js';
import {
  ENGINE_FLAGS,
  remapMask,
  SourceList,
  type BuurtTable,
  type Column,
  type ColumnSource,
} from './buurt-table.js';
import { DERIVED_INDICATORS, type Formula, type IndicatorDefinition } from './indicator-registry.js';
import type { PopulationIndex } from './population.js';

interface Evaluated {
  column: Column;
  sources: ColumnSource[];
}

/** Adds every derived indicator (for every year its inputs have) to the table. */
export function deriveIndicators(
  table: BuurtTable,
  population: PopulationIndex,
  definitions: readonly IndicatorDefinition[] = DERIVED_INDICATORS,
): void {
  for (const def of definitions) {
    if (def.formula.kind === 'source') continue;
    for (const year of formulaYears(table, def.formula)) {
      const result = evaluate(table, def.formula, year);
      if (!result) continue;
      if (def.minPopulation !== null) applyMinimum(result.column, population.at(year), def.minPopulation);
      table.set(def.id, year, result.column, result.sources);
    }
  }
}

/** Years in which the formula's leading inputs have values. */
export function formulaYears(table: BuurtTable, f: Formula): number[] {
  switch (f.kind) {
    case 'source':
      return table.years(f.indicator);
    case 'rate':
      return table.years(f.numerator);
    case 'sum':
      return table.years(f.indicators[0]!);
    case 'first-available':
      return [...new Set(f.options.flatMap((o) => formulaYears(table, o)))].sort((a, b) => a - b);
    default:
      return assertNever(f, 'formula');
  }
}

function evaluate(table: BuurtTable, f: Formula, year: number): Evaluated | undefined {
  switch (f.kind) {
    case 'source': {
      const col = table.get(f.indicator, year);
      return col
        ? {
            column: { values: col.values.slice(), flags: col.flags.slice(), mask: col.mask.slice() },
            sources: table.sources(f.indicator, year),
          }
        : undefined;
    }
    case 'rate':
      return evaluateRate(table, f, year);
    case 'sum':
      return evaluateSum(table, f.indicators, year);
    case 'first-available':
      return evaluateFirst(table, f.options, year);
    default:
      return assertNever(f, 'formula');
  }
}

function evaluateRate(
  table: BuurtTable,
  f: Extract<Formula, { kind: 'rate' }>,
  year: number,
): Evaluated | undefined {
  const num = table.get(f.numerator, year);
  if (!num) return undefined;
  const denomYears = nearestYears(table, f.denominator, year, f.denominatorYearTolerance);
  if (denomYears.length === 0) return undefined;
  const out = emptyColumn(table.size);
  const list = new SourceList();
  const numRemap = list.remap(table.sources(f.numerator, year));
  const denRemaps = new Map(
    denomYears.map((dy) => [dy, f.denominator.map((d) => list.remap(table.sources(d, dy)))] as const),
  );
  for (let i = 0; i < table.size; i++) {
    const n = num.values[i]!;
    if (Number.isNaN(n)) {
      out.flags[i] = num.flags[i]! | ENGINE_FLAGS.derived;
      continue;
    }
    for (const dy of denomYears) {
      const d = sumAt(table, f.denominator, dy, i);
      if (d === null) continue;
      if (d.value > 0) {
        out.values[i] = (n / d.value) * f.per;
        out.flags[i] =
          num.flags[i]! | d.flags | ENGINE_FLAGS.derived | (dy === year ? 0 : VALUE_FLAGS.estimated);
        let mask = remapMask(num.mask[i]!, numRemap);
        f.denominator.forEach((ind, k) => {
          mask |= remapMask(table.get(ind, dy)!.mask[i]!, denRemaps.get(dy)![k]!);
        });
        out.mask[i] = mask >>> 0;
      }
      break;
    }
  }
  return { column: out, sources: list.list };
}

function evaluateSum(table: BuurtTable, indicators: readonly string[], year: number): Evaluated | undefined {
  if (!indicators.every((ind) => table.get(ind, year))) return undefined;
  const out = emptyColumn(table.size);
  const list = new SourceList();
  const remaps = indicators.map((ind) => list.remap(table.sources(ind, year)));
  for (let i = 0; i < table.size; i++) {
    const s = sumAt(table, indicators, year, i);
    if (s) {
      out.values[i] = s.value;
      let mask = 0;
      indicators.forEach((ind, k) => (mask |= remapMask(table.get(ind, year)!.mask[i]!, remaps[k]!)));
      out.mask[i] = mask >>> 0;
    }
    out.flags[i] = (s?.flags ?? 0) | ENGINE_FLAGS.derived;
  }
  return { column: out, sources: list.list };
}

function evaluateFirst(table: BuurtTable, options: readonly Formula[], year: number): Evaluated | undefined {
  const parts = options.map((o) => evaluate(table, o, year)).filter((p): p is Evaluated => p !== undefined);
  if (parts.length === 0) return undefined;
  const out = emptyColumn(table.size);
  const list = new SourceList();
  const remaps = parts.map((p) => list.remap(p.sources));
  for (let i = 0; i < table.size; i++) {
    for (const [k, p] of parts.entries()) {
      if (!Number.isNaN(p.column.values[i]!)) {
        out.values[i] = p.column.values[i]!;
        out.flags[i] = p.column.flags[i]!;
        out.mask[i] = remapMask(p.column.mask[i]!, remaps[k]!);
        break;
      }
    }
  }
  return { column: out, sources: list.list };
}

/** Σ of the indicators for one buurt in one year; null when any is missing. */
function sumAt(
  table: BuurtTable,
  indicators: readonly string[],
  year: number,
  row: number,
): { value: number; flags: number } | null {
  let value = 0;
  let flags = 0;
  for (const ind of indicators) {
    const col = table.get(ind, year);
    const v = col ? col.values[row]! : NaN;
    if (Number.isNaN(v)) return null;
    value += v;
    flags |= col!.flags[row]!;
  }
  return { value, flags };
}

/** Years in which every denominator indicator has a column, nearest to `year` first (earlier on ties), within the tolerance. */
function nearestYears(
  table: BuurtTable,
  indicators: readonly string[],
  year: number,
  tolerance: number,
): number[] {
  const common = table.years(indicators[0]!).filter((y) => indicators.every((ind) => table.get(ind, y)));
  return common
    .filter((y) => Math.abs(y - year) <= tolerance)
    .sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b);
}

function applyMinimum(col: Column, population: Float64Array, minimum: number): void {
  for (let i = 0; i < col.values.length; i++) {
    if (population[i]! < minimum) {
      col.values[i] = NaN;
      col.flags[i] = col.flags[i]! | ENGINE_FLAGS.tooFewResidents;
    }
  }
}

function emptyColumn(n: number): Column {
  return { values: new Float64Array(n).fill(NaN), flags: new Uint8Array(n), mask: new Uint32Array(n) };
}
