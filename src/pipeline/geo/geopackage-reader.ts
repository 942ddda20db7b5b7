/**
 * Reading polygon layers from a GeoPackage (an SQLite file) without GDAL: the layer list from
 * gpkg_contents / gpkg_geometry_columns, the CRS from gpkg_spatial_ref_sys, and each row's
 * geometry blob: the GPKG header (magic "GP", version, flags, srs id, envelope) is stripped and
 * the WKB decoded here. Anything broken is GEOPACKAGE_INVALID naming the file, table and row.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../core/app-error.js';
import type { Crs } from '../../core/coordinates.js';
import type { PolygonGeometry } from '../../core/records.js';
import { tooLarge } from '../input-limits.js';
import { decodeWkbPolygon, WkbTruncatedError } from './wkb.js';

export interface GpkgFeature {
  /** Feature id (primary key) or 1-based row number. */
  row: number;
  properties: Record<string, unknown>;
  geometry: PolygonGeometry | null;
}

export interface GpkgLayer {
  table: string;
  geometryColumn: string;
  geometryType: string;
  crs: Crs | null;
  srsId: number;
  features: GpkgFeature[];
}

/** Envelope length in bytes by the envelope indicator, bits 1–3 of the flags byte. */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64] as const;

/** The WKB part of a GeoPackage geometry blob (null for an empty geometry). */
export function gpkgBlobToWkbOffset(blob: Buffer): number | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw new Error('blob does not start with the GPKG magic "GP"');
  const flags = blob[3]!;
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 7];
  if (envelope === undefined) throw new Error(`invalid envelope indicator ${(flags >> 1) & 7}`);
  if (flags & 0x10) return null; // empty geometry flag
  if (blob.length < 8 + envelope + 5) throw new WkbTruncatedError(8 + envelope + 5, blob.length);
  return 8 + envelope;
}

function invalid(file: string, message: string, cause?: unknown, column?: string, row?: number): AppError {
  return new AppError('GEOPACKAGE_INVALID', message, {
    location: { file, ...(row !== undefined ? { row } : {}), ...(column ? { column } : {}) },
    ...(cause ? { cause } : {}),
  });
}

function openDatabase(file: string, bytes: Buffer): Database.Database {
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') {
    throw invalid(file, 'not a GeoPackage: the file is not an SQLite database');
  }
  try {
    const db = new Database(bytes, { readonly: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    throw invalid(file, `not a readable GeoPackage: ${(e as Error).message}`, e);
  }
}

/** Runs an SQLite read; a database error (corrupt page, missing table or column) becomes GEOPACKAGE_INVALID. */
function sqlite<T>(file: string, what: string, fn: () => T, table?: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(file, `${table ? `table '${table}': ` : ''}${what}: ${(e as Error).message}`, e);
  }
}

function crsOf(file: string, db: Database.Database, srsId: number): Crs | null {
  const row = sqlite(file, 'gpkg_spatial_ref_sys cannot be read', () =>
    db
      .prepare(
        'SELECT organization, organization_coordsys_id AS id FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
      )
      .get(srsId),
  ) as { organization: string; id: number } | undefined;
  const id = row?.id ?? srsId;
  if (id === 28992) return 'EPSG:28992';
  if (id === 4326) return 'EPSG:4326';
  return null;
}

/**
 * Every polygon layer of a GeoPackage with its features (geometry in the layer's own CRS).
 * At most `maxFeatures` features are read (INPUT_TOO_LARGE past it); any SQLite error — a
 * corrupt page, a broken schema — is GEOPACKAGE_INVALID naming the file and table.
 */
export function readGeoPackage(file: string, bytes: Buffer, maxFeatures = Infinity): GpkgLayer[] {
  const db = openDatabase(file, bytes);
  try {
    let layers: { table_name: string; column_name: string; geometry_type_name: string; srs_id: number }[];
    try {
      layers = db
        .prepare(
          `SELECT g.table_name, g.column_name, g.geometry_type_name, g.srs_id FROM gpkg_geometry_columns g
           JOIN gpkg_contents c ON c.table_name = g.table_name ORDER BY g.table_name`,
        )
        .all() as typeof layers;
    } catch (e) {
      throw invalid(
        file,
        `not a GeoPackage: gpkg_contents / gpkg_geometry_columns are missing or unreadable (${(e as Error).message})`,
        e,
      );
    }
    if (layers.length === 0)
      throw invalid(file, 'the GeoPackage has no feature layers (gpkg_geometry_columns is empty)');
    let budget = maxFeatures;
    return layers
      .filter(
        (l) =>
          typeof l.geometry_type_name === 'string' && /POLYGON|SURFACE|GEOMETRY/i.test(l.geometry_type_name),
      )
      .map((l) => {
        const features = readLayer(db, file, String(l.table_name), String(l.column_name), budget);
        budget -= features.length;
        return {
          table: String(l.table_name),
          geometryColumn: String(l.column_name),
          geometryType: l.geometry_type_name,
          srsId: l.srs_id,
          crs: crsOf(file, db, l.srs_id),
          features,
        };
      });
  } finally {
    db.close();
  }
}

function readLayer(
  db: Database.Database,
  file: string,
  table: string,
  column: string,
  budget: number,
): GpkgFeature[] {
  const out: GpkgFeature[] = [];
  const rows = sqlite(
    file,
    'cannot be read',
    () =>
      db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).iterate() as IterableIterator<
        Record<string, unknown>
      >,
    table,
  );
  let i = 0;
  try {
    for (;;) {
      const next = sqlite(file, `row ${i + 1} cannot be read`, () => rows.next(), table);
      if (next.done) break;
      if (++i > budget)
        throw tooLarge({ file, column: table }, 'the number of features', `${budget + out.length}`);
      out.push(featureOf(next.value, i, file, table, column));
    }
  } finally {
    rows.return?.(); // an open statement keeps the connection busy: close it before the database
  }
  return out;
}

function featureOf(
  row: Record<string, unknown>,
  i: number,
  file: string,
  table: string,
  column: string,
): GpkgFeature {
  const blob = row[column];
  const rowNumber = typeof row['fid'] === 'number' ? row['fid'] : i;
  const properties = { ...row };
  delete properties[column];
  if (blob === null || blob === undefined) return { row: rowNumber, properties, geometry: null };
  if (!Buffer.isBuffer(blob))
    throw invalid(file, `table '${table}': geometry is not a blob`, undefined, column, rowNumber);
  try {
    const offset = gpkgBlobToWkbOffset(blob);
    return {
      row: rowNumber,
      properties,
      geometry: offset === null ? null : decodeWkbPolygon(blob, offset),
    };
  } catch (e) {
    if (e instanceof AppError) {
      throw new AppError(e.code, `table '${table}': ${e.message}`, {
        location: { file, row: rowNumber, column },
        cause: e,
      });
    }
    throw invalid(
      file,
      `table '${table}': broken geometry blob (${(e as Error).message})`,
      e,
      column,
      rowNumber,
    );
  }
}
