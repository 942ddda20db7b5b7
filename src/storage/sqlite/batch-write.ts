/**
 * One file's batch written into the SQLite store: its source edition, areas and names, values
 * (value-rows.ts) and RD geometry, and its import_log row. The caller holds the transaction.
 */
import type Database from 'better-sqlite3';
import { geometryBbox } from '../../core/geometry-bbox.js';
import type { ImportBatch } from '../../core/records.js';
import type { WriteBatchResult } from '../store.js';
import { ChunkedInsert } from './chunked-insert.js';
import type { ValueColumns } from '../../core/value-columns.js';
import { IdRows } from '../value-id-rows.js';
import { DictionaryIds, writeIdRows } from './value-rows.js';

/** Areas and names per multi-row statement (≈ 70,000 areas on the four benchmark inputs). */
const AREA_ROWS_PER_STATEMENT = 256;

/** Writes `batch` (and `report` into its import_log row); the caller wraps it in a transaction. */
export function writeSqliteBatch(
  db: Database.Database,
  batch: ImportBatch,
  report: unknown,
): WriteBatchResult {
  const editionId = upsertEdition(db, batch.edition);
  const areas = new ChunkedInsert(
    db,
    AREA_ROWS_PER_STATEMENT,
    'INSERT INTO areas (code, division_year, level, name, gemeente_code, wijk_code) VALUES',
    6,
    `ON CONFLICT (code, division_year) DO UPDATE SET
       name = COALESCE(excluded.name, areas.name),
       gemeente_code = COALESCE(excluded.gemeente_code, areas.gemeente_code),
       wijk_code = COALESCE(excluded.wijk_code, areas.wijk_code)`,
  );
  const names = new ChunkedInsert(
    db,
    AREA_ROWS_PER_STATEMENT,
    'INSERT OR REPLACE INTO area_names (code, name, gemeente_code, level, source_edition_id) VALUES',
    5,
  );
  for (const a of batch.areas) {
    areas.add(a.code, a.divisionYear, a.level, a.name, a.gemeenteCode, a.wijkCode);
    if (a.name && a.gemeenteCode) names.add(a.code, a.name, a.gemeenteCode, a.level, editionId);
  }
  areas.flush();
  names.flush();
  writeValues(db, batch.values, editionId);
  const insertGeometry = db.prepare(
    `INSERT OR REPLACE INTO geometries (code, division_year, rd_geojson, area_m2, min_x, min_y, max_x, max_y, display_geojson, edition_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  for (const g of batch.geometries) {
    const [minX, minY, maxX, maxY] = geometryBbox(g.rd);
    insertGeometry.run(
      g.code,
      g.divisionYear,
      JSON.stringify(g.rd),
      g.areaM2,
      minX,
      minY,
      maxX,
      maxY,
      editionId,
    );
  }
  db.prepare(
    'INSERT INTO import_log (file, checksum, edition_id, imported_at, report) VALUES (?, ?, ?, ?, ?)',
  ).run(batch.file, batch.checksum, editionId, new Date().toISOString(), JSON.stringify(report));
  return {
    editionId,
    areasWritten: batch.areas.length,
    valuesWritten: batch.values.length,
    geometriesWritten: batch.geometries.length,
  };
}

function upsertEdition(db: Database.Database, e: ImportBatch['edition']): number {
  db.prepare(
    `INSERT INTO editions (source, edition, table_id, publisher, division_year) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (source, edition) DO UPDATE SET table_id = excluded.table_id, publisher = excluded.publisher,
         division_year = excluded.division_year`,
  ).run(e.source, e.edition, e.table, e.publisher, e.divisionYear);
  const row = db
    .prepare('SELECT id FROM editions WHERE source = ? AND edition = ?')
    .get(e.source, e.edition) as {
    id: number;
  };
  return row.id;
}

/**
 * Inserts (or replaces) the batch's values: each distinct area code, indicator and source column
 * resolved to its dictionary id once (codes and indicators in sorted order, so that new ids follow
 * it), then written in primary-key order (value-rows.ts). Same rows and same replace semantics as
 * one statement per value in batch order.
 */
function writeValues(db: Database.Database, values: ValueColumns, editionId: number): void {
  if (values.length === 0) return;
  const rows = new IdRows(values.length);
  rows.pushOriginals(values, editionId, {
    area: dictionaryIdsOf(new DictionaryIds(db, 'area'), values.areaCodes),
    indicator: dictionaryIdsOf(new DictionaryIds(db, 'indicator'), values.indicators),
    column: dictionaryIdsOf(new DictionaryIds(db, 'column'), values.columns, false),
  });
  writeIdRows(db, rows);
}

/** The dictionary ids of `keys`, by their index there (looked up, or added in sorted order). */
function dictionaryIdsOf(dictionary: DictionaryIds, keys: readonly string[], sorted = true): Uint32Array {
  if (sorted) dictionary.preload(keys);
  return Uint32Array.from(keys, (k) => dictionary.id(k));
}
