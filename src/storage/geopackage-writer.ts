/**
 * Writes one polygon layer as a GeoPackage 1.3 file (OGC 12-128r18) in memory and returns its
 * bytes: the application id and version, gpkg_spatial_ref_sys (with the undefined systems, WGS 84
 * and Amersfoort / RD New), gpkg_contents with the layer's extent, gpkg_geometry_columns, and the
 * feature table with MULTIPOLYGON geometry as GeoPackage binary (little-endian header with an xy
 * envelope, then WKB). GDAL, QGIS and ArcGIS read it; no R-tree index (an optional extension).
 */
import Database from 'better-sqlite3';
import type { PolygonGeometry } from '../core/records.js';

export type GpkgColumnType = 'TEXT' | 'REAL' | 'INTEGER';

export interface GpkgLayer {
  /** Table name (letters, digits, underscores). */
  table: string;
  /** Human title (gpkg_contents.identifier) and description. */
  identifier: string;
  description: string;
  /** 28992 (RD New) or 4326. */
  srsId: 28992 | 4326;
  columns: readonly { name: string; type: GpkgColumnType }[];
  rows: readonly { geometry: PolygonGeometry | null; values: readonly (string | number | null)[] }[];
}

const RD_NEW_WKT =
  'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],' +
  'TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],' +
  'PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],' +
  'PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],' +
  'AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]';
const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],' +
  'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

/** The GeoPackage file of one layer, as bytes. */
export function writeGeoPackage(layer: GpkgLayer, now: Date = new Date()): Buffer {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(layer.table)) throw new Error(`bad table name '${layer.table}'`);
  for (const c of layer.columns)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)) throw new Error(`bad column name '${c.name}'`);
  const db = new Database(':memory:');
  try {
    db.pragma('application_id = 1196444487'); // "GPKG"
    db.pragma('user_version = 10300');
    db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
        organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
        description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
        identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
        geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    `);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run(
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    );
    srs.run(
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    );
    srs.run(
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      WGS84_WKT,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    );
    srs.run('Amersfoort / RD New', 28992, 'EPSG', 28992, RD_NEW_WKT, 'Rijksdriehoeksstelsel (RD New)');
    const cols = layer.columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
    db.exec(
      `CREATE TABLE "${layer.table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON${cols ? `, ${cols}` : ''})`,
    );
    const insert = db.prepare(
      `INSERT INTO "${layer.table}" (geom${layer.columns.map((c) => `, "${c.name}"`).join('')}) VALUES (?${', ?'.repeat(layer.columns.length)})`,
    );
    const extent = [Infinity, Infinity, -Infinity, -Infinity];
    db.transaction(() => {
      for (const row of layer.rows) {
        let blob: Buffer | null = null;
        if (row.geometry) {
          const env = envelope(row.geometry);
          extent[0] = Math.min(extent[0]!, env[0]);
          extent[1] = Math.min(extent[1]!, env[1]);
          extent[2] = Math.max(extent[2]!, env[2]);
          extent[3] = Math.max(extent[3]!, env[3]);
          blob = gpkgGeometry(row.geometry, layer.srsId, env);
        }
        insert.run(blob, ...row.values);
      }
    })();
    const bounds = Number.isFinite(extent[0]!) ? extent : [null, null, null, null];
    db.prepare(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      layer.table,
      'features',
      layer.identifier,
      layer.description,
      now.toISOString(),
      ...bounds,
      layer.srsId,
    );
    db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(
      layer.table,
      'geom',
      'MULTIPOLYGON',
      layer.srsId,
    );
    return db.serialize();
  } finally {
    db.close();
  }
}

type Envelope = [number, number, number, number];

function polygonsOf(g: PolygonGeometry): number[][][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function envelope(g: PolygonGeometry): Envelope {
  const e: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (const p of ring) {
        e[0] = Math.min(e[0], p[0]!);
        e[1] = Math.min(e[1], p[1]!);
        e[2] = Math.max(e[2], p[0]!);
        e[3] = Math.max(e[3], p[1]!);
      }
  return e;
}

/** GeoPackage binary: "GP", version 0, flags (xy envelope, little-endian), srs id, envelope, WKB MultiPolygon. */
function gpkgGeometry(g: PolygonGeometry, srsId: number, env: Envelope): Buffer {
  const polys = polygonsOf(g);
  let size = 8 + 32 + 9;
  for (const poly of polys) {
    size += 9;
    for (const ring of poly) size += 4 + ring.length * 16;
  }
  const b = Buffer.alloc(size);
  b.write('GP', 0, 'latin1');
  b[2] = 0;
  b[3] = 0b0000_0011;
  b.writeInt32LE(srsId, 4);
  b.writeDoubleLE(env[0], 8);
  b.writeDoubleLE(env[2], 16);
  b.writeDoubleLE(env[1], 24);
  b.writeDoubleLE(env[3], 32);
  let o = 40;
  b[o] = 1;
  b.writeUInt32LE(6, o + 1);
  b.writeUInt32LE(polys.length, o + 5);
  o += 9;
  for (const poly of polys) {
    b[o] = 1;
    b.writeUInt32LE(3, o + 1);
    b.writeUInt32LE(poly.length, o + 5);
    o += 9;
    for (const ring of poly) {
      b.writeUInt32LE(ring.length, o);
      o += 4;
      for (const p of ring) {
        b.writeDoubleLE(p[0]!, o);
        b.writeDoubleLE(p[1]!, o + 8);
        o += 16;
      }
    }
  }
  return b;
}
