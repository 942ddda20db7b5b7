/**
 * A tiny GeoPackage writer for tests: WKB Polygon/MultiPolygon (either byte order, optional
 * Z), the GPKG blob header with an envelope, and the three gpkg_* tables a reader needs.
 */
import Database from 'better-sqlite3';
import type { PolygonGeometry } from '../../src/core/records.js';

export interface WkbOptions {
  bigEndian?: boolean;
  z?: boolean;
}

function wkbHeader(type: number, o: WkbOptions): Buffer {
  const b = Buffer.alloc(5);
  b[0] = o.bigEndian ? 0 : 1;
  const t = o.z ? type + 1000 : type;
  if (o.bigEndian) b.writeUInt32BE(t, 1);
  else b.writeUInt32LE(t, 1);
  return b;
}

function uint32(v: number, o: WkbOptions): Buffer {
  const b = Buffer.alloc(4);
  if (o.bigEndian) b.writeUInt32BE(v);
  else b.writeUInt32LE(v);
  return b;
}

function polygonBody(rings: number[][][], o: WkbOptions): Buffer {
  const parts = [uint32(rings.length, o)];
  for (const ring of rings) {
    parts.push(uint32(ring.length, o));
    for (const p of ring) {
      const dims = o.z ? [p[0]!, p[1]!, 12.5] : [p[0]!, p[1]!];
      const b = Buffer.alloc(8 * dims.length);
      dims.forEach((v, i) => (o.bigEndian ? b.writeDoubleBE(v, i * 8) : b.writeDoubleLE(v, i * 8)));
      parts.push(b);
    }
  }
  return Buffer.concat(parts);
}

/** WKB of a Polygon or MultiPolygon. */
export function writeWkb(g: PolygonGeometry, o: WkbOptions = {}): Buffer {
  if (g.type === 'Polygon') return Buffer.concat([wkbHeader(3, o), polygonBody(g.coordinates, o)]);
  return Buffer.concat([
    wkbHeader(6, o),
    uint32(g.coordinates.length, o),
    ...g.coordinates.map((p) => Buffer.concat([wkbHeader(3, o), polygonBody(p, o)])),
  ]);
}

/** GPKG geometry blob: "GP", version 0, flags (little-endian header, xy envelope), srs id, envelope, WKB. */
export function gpkgBlob(g: PolygonGeometry, srsId: number, o: WkbOptions = {}): Buffer {
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'latin1');
  header[2] = 0;
  header[3] = 0b0000_0011; // envelope indicator 1 (minx, maxx, miny, maxy), little-endian header
  header.writeInt32LE(srsId, 4);
  const xs = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const env = [
    Math.min(...xs.map((p) => p[0]!)),
    Math.max(...xs.map((p) => p[0]!)),
    Math.min(...xs.map((p) => p[1]!)),
    Math.max(...xs.map((p) => p[1]!)),
  ];
  env.forEach((v, i) => header.writeDoubleLE(v, 8 + i * 8));
  return Buffer.concat([header, writeWkb(g, o)]);
}

export interface TestLayer {
  table: string;
  srsId?: number;
  columns: string[];
  rows: { values: (string | number | null)[]; geometry: PolygonGeometry | Buffer | null; wkb?: WkbOptions }[];
}

/** Writes a GeoPackage file with the given polygon layers. */
export function writeGeoPackage(path: string, layers: TestLayer[]): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992, 'PROJCS["Amersfoort / RD New"]', NULL);
    INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT,
      last_change TEXT, min_x REAL, min_y REAL, max_x REAL, max_y REAL, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
  `);
  for (const layer of layers) {
    const srs = layer.srsId ?? 28992;
    db.exec(
      `CREATE TABLE "${layer.table}" (fid INTEGER PRIMARY KEY, geom BLOB, ${layer.columns.map((c) => `"${c}"`).join(', ')})`,
    );
    db.prepare(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, ?, ?, ?)',
    ).run(layer.table, 'features', layer.table, srs);
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
      layer.table,
      'geom',
      'MULTIPOLYGON',
      srs,
    );
    const insert = db.prepare(
      `INSERT INTO "${layer.table}" (geom, ${layer.columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${layer.columns.map(() => '?').join(', ')})`,
    );
    for (const r of layer.rows) {
      const blob =
        r.geometry === null
          ? null
          : Buffer.isBuffer(r.geometry)
            ? r.geometry
            : gpkgBlob(r.geometry, srs, r.wkb);
      insert.run(blob, ...r.values);
    }
  }
  db.close();
}
