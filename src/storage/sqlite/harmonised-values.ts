/**
 * The SQL side of harmonisation: copying values by code onto the reference division in one
 * statement, and clearing what an earlier run carried from a division. Callers wrap these in
 * the store's transaction.
 */
import type Database from 'better-sqlite3';
import { VALUE_FLAGS } from '../../core/records.js';
import { dropBulkSnapshots } from './bulk-snapshot.js';

export interface CopyByCodeQuery {
  fromDivision: number;
  toDivision: number;
  codes: readonly string[];
  method: string;
  /** Harmonised values carried from these divisions are kept (a nearer division wins). */
  keepFrom?: readonly number[];
}

/**
 * Copies the original (not harmonised) values of `codes` from one division to another, flagged
 * harmonised with `method`; never replaces an original value of the target, nor one carried from
 * a division in `keepFrom`. Returns the number of rows written.
 */
export function copyValuesByCode(db: Database.Database, q: CopyByCodeQuery): number {
  const keepFrom = (q.keepFrom ?? []).filter((y) => Number.isInteger(y)).join(', ');
  const kept = keepFrom ? ` OR o.from_division IN (${keepFrom})` : '';
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS copy_codes (code TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM copy_codes;',
  );
  const insertCode = db.prepare('INSERT OR IGNORE INTO copy_codes (code) VALUES (?)');
  for (const c of q.codes) insertCode.run(c);
  const harmonised = VALUE_FLAGS.harmonised;
  dropBulkSnapshots(db); // values change: the engine snapshot is stale
  // Codes without values have no dictionary id and nothing to copy. In area id order the
  // rows arrive in the target's key order.
  const result = db
    .prepare(
      `INSERT OR REPLACE INTO area_values (division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division)
       SELECT @to, v.area_id, v.indicator_id, v.year, v.value, v.flags | ${harmonised}, v.edition_id, v.column_id, @method, @from
       FROM area_values v
       WHERE v.division_year = @from
         AND v.area_id IN (SELECT a.id FROM copy_codes c JOIN value_areas a ON a.code = c.code)
         AND (v.flags & ${harmonised}) = 0
         AND NOT EXISTS (SELECT 1 FROM area_values o WHERE o.division_year = @to AND o.area_id = v.area_id
                         AND o.indicator_id = v.indicator_id AND o.year = v.year
                         AND ((o.flags & ${harmonised}) = 0${kept}))
       ORDER BY v.area_id, v.indicator_id, v.year`,
    )
    .run({ from: q.fromDivision, to: q.toDivision, method: q.method });
  db.exec('DELETE FROM copy_codes');
  return result.changes;
}

/** Deletes the values and log rows an earlier run carried from `fromDivision` onto `toDivision`. */
export function clearHarmonisation(
  db: Database.Database,
  q: { fromDivision: number; toDivision: number },
): number {
  dropBulkSnapshots(db); // values change: the engine snapshot is stale
  const deleted = db
    .prepare(
      `DELETE FROM area_values WHERE division_year = ? AND from_division = ? AND (flags & ${VALUE_FLAGS.harmonised}) != 0`,
    )
    .run(q.toDivision, q.fromDivision).changes;
  db.prepare('DELETE FROM harmonisation_log WHERE from_division = ? AND to_division = ?').run(
    q.fromDivision,
    q.toDivision,
  );
  return deleted;
}
