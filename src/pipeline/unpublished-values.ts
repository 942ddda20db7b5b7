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
  groupOf: (v: ParsedValue) => string = (v) => `${v.indicator} ${v.year}`,
): ParsedValue[] {
  const published = new Set<string>();
  const seen = new Map<string, ParsedValue>();
  for (const v of values) {
    const g = groupOf(v);
    if (v.value !== null) published.add(g);
    if (!seen.has(g)) seen.set(g, v);
  }
  for (const [g, v] of seen) {
    if (!published.has(g)) {
      warnings.push({
        code: 'COLUMN_NOT_PUBLISHED',
        message: `${g}: column '${v.column}' is empty in every row (not published); nothing stored`,
        file,
        column: v.column,
      });
    }
  }
  return values.filter((v) => published.has(groupOf(v)));
}
