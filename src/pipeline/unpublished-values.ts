/**
 * Dropping "values" that a source never published. Files with one column per indicator often
 * carry a column for a year in which that indicator was not measured at all (Leefbaarometer
 * dimensions before 2014, RIVM questions not asked in 2012, police counts at wijk level): every
 * cell is empty. Storing thousands of suppressed nulls for them would claim a measurement that
 * does not exist, so such (indicator, year[, level]) groups are left out and counted as one
 * COLUMN_NOT_PUBLISHED warning each. Groups with at least one number keep their nulls.
 */
import type { ImportWarning } from '../core/records.js';
import type { ValueColumns } from '../core/value-columns.js';

/** One (indicator, year[, level]) group: does it hold a number, and its first value (for the warning). */
interface ValueGroup {
  hasNumber: boolean;
  first: number;
}

/**
 * Returns the values of groups with at least one number (the same columns when none is dropped);
 * adds a warning per dropped group. `groupOf` names a value's group other than by its indicator.
 */
export function dropUnpublished(
  values: ValueColumns,
  file: string,
  warnings: ImportWarning[],
  groupOf?: (values: ValueColumns, i: number) => string,
): ValueColumns {
  // the default group (indicator, year) is found by the indicator's number, without a string per
  // value: a national KWB edition has ~560,000 values; each value's group is remembered for the
  // filter below
  const groups = new Map<string | number, Map<number, ValueGroup>>();
  const groupOfValue = new Array<ValueGroup>(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = groupOf ? groupOf(values, i) : values.indicatorNumber(i);
    let years = groups.get(k);
    if (!years) groups.set(k, (years = new Map()));
    const year = values.year(i);
    let group = years.get(year);
    if (!group) years.set(year, (group = { hasNumber: false, first: i }));
    if (values.value(i) !== null) group.hasNumber = true;
    groupOfValue[i] = group;
  }
  let dropped = 0;
  for (const [k, years] of groups)
    for (const [year, { hasNumber, first }] of years) {
      if (hasNumber) continue;
      dropped++;
      const column = values.column(first);
      const group = groupOf ? k : `${values.indicator(first)} ${year}`;
      warnings.push({
        code: 'COLUMN_NOT_PUBLISHED',
        message: `${group}: column '${column}' is empty in every row (not published); nothing stored`,
        file,
        column,
      });
    }
  if (dropped === 0) return values;
  return values.filter((i) => groupOfValue[i]!.hasNumber);
}
