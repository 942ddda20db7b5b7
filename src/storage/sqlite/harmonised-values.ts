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
 *
 * Two statements: the source rows into a temporary table, then an upsert from there. One
 * `INSERT … SELECT` from area_values into area_values makes SQLite buffer the whole result in an
 * ephemeral table anyway, and probing the target for each row (NOT EXISTS) before INSERT OR
 * REPLACE looks every key up twice; the upsert's conflict clause decides with one lookup.
 * 0.68 against 1.07 s CPU for the 627k rows of the national import (docs/benchmarks.md,
 * "SQLite harmonisation and snapshot, session 3").
 */
export function copyValuesByCode(db: Database.Database, q: CopyByCodeQuery): number {
  const keepFrom = (q.keepFrom ?? []).filter((y) => Number.isInteger(y)).join(', ');
  const harmonised = VALUE_FLAGS.harmonised;
  // A harmonised target row is replaced unless a nearer division carried it (a NULL division is
  // never in keepFrom, as in `from_division IN (…)` before).
  const replaceable = keepFrom
    ? `(o.flags & ${harmonised}) != 0 AND (o.from_division IS NULL OR o.from_division NOT IN (${keepFrom}))`
    : `(o.flags & ${harmonised}) != 0`;
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS copy_codes (code TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM copy_codes;
     CREATE TEMP TABLE IF NOT EXISTS copy_rows (area_id INTEGER NOT NULL, indicator_id INTEGER NOT NULL,
       year INTEGER NOT NULL, value REAL, flags INTEGER NOT NULL, edition_id INTEGER NOT NULL,
       column_id INTEGER NOT NULL); DELETE FROM copy_rows;`,
  );
  const insertCode = db.prepare('INSERT OR IGNORE INTO copy_codes (code) VALUES (?)');
  for (const c of q.codes) insertCode.run(c);
  dropBulkSnapshots(db); // values change: the engine snapshot is stale
  // Codes without values have no dictionary id and nothing to copy. In area id order the
  // rows arrive in the target's key order.
  db.prepare(
    `INSERT INTO copy_rows (area_id, indicator_id, year, value, flags, edition_id, column_id)
     SELECT v.area_id, v.indicator_id, v.year, v.value, v.flags | ${harmonised}, v.edition_id, v.column_id
     FROM area_values v
     WHERE v.division_year = ?
       AND v.area_id IN (SELECT a.id FROM copy_codes c JOIN value_areas a ON a.code = c.code)
       AND (v.flags & ${harmonised}) = 0
     ORDER BY v.area_id, v.indicator_id, v.year`,
  ).run(q.fromDivision);
  // `WHERE true`: an upsert's SELECT needs a WHERE clause (SQLite's parsing rule). The rowid
  // order of copy_rows is the key order above.
  const result = db
    .prepare(
      `INSERT INTO area_values AS o (division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division)
       SELECT @to, area_id, indicator_id, year, value, flags, edition_id, column_id, @method, @from
       FROM copy_rows WHERE true ORDER BY rowid
       ON CONFLICT (division_year, area_id, indicator_id, year) DO UPDATE SET
         value = excluded.value, flags = excluded.flags, edition_id = excluded.edition_id,
         column_id = excluded.column_id, method = excluded.method, from_division = excluded.from_division
       WHERE ${replaceable}`,
    )
    .run({ from: q.fromDivision, to: q.toDivision, method: q.method });
  db.exec('DELETE FROM copy_codes; DELETE FROM copy_rows;');
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
