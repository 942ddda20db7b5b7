/**
 * Dropping "values" that a source never published. Files with one column per indicator often
 * carry a column for a year in which that indicator was not measured at all (Leefbaarometer
 * dimensions before 2014, RIVM questions not asked in 2012, police counts at wijk level): every
 * cell is empty. Storing thousands of suppressed nulls for them would claim a measurement that
 * does not exist, so such (indicator, year[, level]) groups are left out and counted as one
 * COLUMN_NOT_PUBLISHED warning each. Groups with at least one number keep their nulls.
 */
import type { ImportWarning, ParsedValue } from '../core/records.js';

/** One (indicator, year[, level]) group: does it hold a number, and its first value (for the warning). */
interface ValueGroup {
  hasNumber: boolean;
  first: ParsedValue;
}

/** Returns the values of groups with at least one number; adds a warning per dropped group. */
export function dropUnpublished(
  values: readonly ParsedValue[],
  file: string,
  warnings: ImportWarning[],
  groupOf?: (v: ParsedValue) => string,
): ParsedValue[] {
  // the default group (indicator, year) is found without a string per value: a national KWB
  // edition has ~560,000 values; each value's group is remembered for the filter below
  const groups = new Map<string, Map<number, ValueGroup>>();
  const groupOfValue = new Array<ValueGroup>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const k = groupOf ? groupOf(v) : v.indicator;
    let years = groups.get(k);
    if (!years) groups.set(k, (years = new Map()));
    let group = years.get(v.year);
    if (!group) years.set(v.year, (group = { hasNumber: false, first: v }));
    if (v.value !== null) group.hasNumber = true;
    groupOfValue[i] = group;
  }
  let dropped = 0;
  for (const [k, years] of groups)
    for (const [year, { hasNumber, first: v }] of years) {
      if (hasNumber) continue;
      dropped++;
      const group = groupOf ? k : `${v.indicator} ${year}`;
      warnings.push({
        code: 'COLUMN_NOT_PUBLISHED',
        message: `${group}: column '${v.column}' is empty in every row (not published); nothing stored`,
        file,
        column: v.column,
      });
    }
  if (dropped === 0) return values as ParsedValue[];
  return values.filter((_, i) => groupOfValue[i]!.hasNumber);
}
