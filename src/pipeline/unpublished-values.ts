/**
 * Dropping "values" that a source never published. Files with one column per indicator often
 * carry a column for a year in which that indicator was not measured at all (Leefbaarometer
 * dimensions before 2014, RIVM questions not asked in 2012, police counts at wijk level): every
 * cell is empty. Storing thousands of suppressed nulls for them would claim a measurement that
 * does not exist, so such (indicator, year[, level]) groups are left out and counted as one
 * COLUMN_NOT_PUBLISHED warning each. Groups with at least one number keep their nulls.
 */
import type { ImportWarning, ParsedValue } from '../core/records.js';

/** Returns the values of groups with at least one number; adds a warning per dropped group. */
export function dropUnpublished(
  values: readonly ParsedValue[],
  file: string,
  warnings: ImportWarning[],
  groupOf?: (v: ParsedValue) => string,
): ParsedValue[] {
  // the default group (indicator, year) is found without a string per value: a national KWB
  // edition has ~560,000 values
  const published = new Map<string, Map<number, boolean>>();
  const first = new Map<string, ParsedValue>();
  const keyOf = groupOf ?? ((v: ParsedValue) => v.indicator);
  for (const v of values) {
    const k = keyOf(v);
    let years = published.get(k);
    if (!years) published.set(k, (years = new Map()));
    const seen = years.get(v.year);
    if (seen === undefined) {
      years.set(v.year, v.value !== null);
      first.set(`${k}\u0000${v.year}`, v);
    } else if (!seen && v.value !== null) years.set(v.year, true);
  }
  let dropped = 0;
  for (const [k, years] of published)
    for (const [year, has] of years) {
      if (has) continue;
      dropped++;
      const v = first.get(`${k}\u0000${year}`)!;
      const group = groupOf ? k : `${v.indicator} ${year}`;
      warnings.push({
        code: 'COLUMN_NOT_PUBLISHED',
        message: `${group}: column '${v.column}' is empty in every row (not published); nothing stored`,
        file,
        column: v.column,
      });
    }
  if (dropped === 0) return values as ParsedValue[];
  return values.filter((v) => published.get(keyOf(v))!.get(v.year)!);
}
