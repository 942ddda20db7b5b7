/**
 * The fixed scale of a measure: the population-weighted spread (SD) of its buurt values in its
 * base year — the first year with data (docs/method.md, "Concentratie kwetsbare bewoners").
 * Changes are divided by this one number, so a change keeps its sign and its size in the
 * measure's own units ("anxiety/depression rose by 0.9 percentage points = 0.3 SD of 2012"),
 * whatever the other buurten did; dividing by a spread only makes measures with different units
 * (percentages, rates per 1,000, Leefbaarometer points) addable and one threshold usable for all.
 */
import type { BuurtTable } from './buurt-table.js';
import type { PopulationIndex } from './population.js';
import { weightedStats } from './weighted-stats.js';

export interface BaseScale {
  indicator: string;
  /** The base year: the first year in which the indicator has values. */
  year: number;
  /** Population-weighted mean and SD of the buurt values in the base year (own units). */
  mean: number;
  sd: number;
  /** Buurten that entered the statistics. */
  n: number;
}

/**
 * The base scale of `indicator` over the candidate `years` (ascending; the first one with at least
 * two values and a positive spread is the base), or null when no year qualifies.
 */
export function baseScale(
  table: BuurtTable,
  population: PopulationIndex,
  indicator: string,
  years: readonly number[],
): BaseScale | null {
  for (const year of years) {
    const col = table.get(indicator, year);
    if (!col) continue;
    const s = weightedStats(col.values, population.at(year));
    if (s.n >= 2 && s.sd > 0) return { indicator, year, mean: s.mean, sd: s.sd, n: s.n };
  }
  return null;
}
