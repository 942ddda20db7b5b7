/**
 * What a value and a year may plausibly be. A number outside its indicator's range — a negative
 * count, a share of 250 %, a Leefbaarometer score of 99999 — or a year far in the future means
 * the file is not what it claims (a shifted column, a unit error, a typo) and is refused with
 * the file, line, column, the range and the value: importing it would put a wrong number on a
 * map, and one row with `jaar = 2099` would re-label a whole Leefbaarometer file.
 * Ranges follow the catalogue unit of the indicator (src/domain/indicator-catalogue.ts), with
 * a few indicators of their own; user indicators of a tidy CSV that the catalogue does not know
 * have no range. Rates per 1,000 have no upper bound: a buurt with 5 inhabitants and a busy
 * station has thousands of registered crimes per 1,000 (the police file holds 345,000).
 */
import { AppError, type FileLocation } from '../core/app-error.js';
import { findCatalogueEntry, type IndicatorUnit } from '../domain/indicator-catalogue.js';

export interface PlausibleRange {
  min: number;
  max: number;
}

const BY_UNIT: Record<IndicatorUnit, PlausibleRange> = {
  count: { min: 0, max: 20_000_000 },
  percent: { min: 0, max: 100 },
  per_1000: { min: 0, max: Infinity },
  score: { min: -3, max: 3 },
  eur_1000: { min: 0, max: 100_000 },
  km: { min: 0, max: 1_000 },
  per_km2: { min: 0, max: 200_000 },
};

/** Indicators whose range is not their unit's. */
const BY_INDICATOR: Record<string, PlausibleRange> = {
  household_size: { min: 0, max: 20 },
  wmo_clients_per_1000: { min: 0, max: 1_000 },
  // the absolute Leefbaarometer 3.0 score lies around 3.3–5.1 (national reference 4.10)
  lbm_total: { min: 1, max: 8 },
  lbm2_class: { min: 1, max: 9 },
};

const RANGES = new Map<string, PlausibleRange | null>();

/** The plausible range of a catalogue indicator, or undefined (a user's own indicator). */
export function plausibleRange(indicator: string): PlausibleRange | undefined {
  let r = RANGES.get(indicator);
  if (r === undefined) {
    const entry = findCatalogueEntry(indicator);
    r = Object.hasOwn(BY_INDICATOR, indicator)
      ? BY_INDICATOR[indicator]!
      : entry
        ? BY_UNIT[entry.unit]
        : null;
    RANGES.set(indicator, r);
  }
  return r ?? undefined;
}

/** True when `value` lies in the indicator's range (or the indicator has none): the cheap test of a hot loop. */
export function isPlausible(indicator: string, value: number): boolean {
  const r = plausibleRange(indicator);
  return r === undefined || (value >= r.min && value <= r.max);
}

function formatRange(r: PlausibleRange): string {
  return r.max === Infinity ? `a number ≥ ${r.min}` : `a number from ${r.min} to ${r.max}`;
}

/** Throws VALUE_OUT_OF_RANGE when `value` lies outside the indicator's range; `where` names the cell. */
export function checkPlausibleValue(
  indicator: string,
  value: number | null,
  where: () => FileLocation,
): void {
  if (value === null || isPlausible(indicator, value)) return;
  const r = plausibleRange(indicator)!;
  throw new AppError('VALUE_OUT_OF_RANGE', `implausible value for ${indicator}`, {
    location: { ...where(), expected: `${formatRange(r)} (${indicator})`, found: String(value) },
  });
}

export const FIRST_PLAUSIBLE_YEAR = 1990;

/** The latest year a file may carry: next year (KWB editions and rolling police years run ahead). */
export function lastPlausibleYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** Throws YEAR_OUT_OF_RANGE for a year before 1990 or after next year; `where` names the cell. */
export function checkPlausibleYear(year: number, where: () => FileLocation): void {
  const last = lastPlausibleYear();
  if (Number.isInteger(year) && year >= FIRST_PLAUSIBLE_YEAR && year <= last) return;
  throw new AppError('YEAR_OUT_OF_RANGE', `year ${year} is not a year this data can be about`, {
    location: { ...where(), expected: `a year from ${FIRST_PLAUSIBLE_YEAR} to ${last}`, found: String(year) },
  });
}

/** The largest of a list of numbers without spreading it into arguments (lists of any length). */
export function maxOf(values: Iterable<number>): number | undefined {
  let max: number | undefined;
  for (const v of values) if (max === undefined || v > max) max = v;
  return max;
}
