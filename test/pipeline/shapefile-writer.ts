/**
 * A tiny ESRI Shapefile writer for tests: .shp and .shx (Polygon, shape type 5, or another type
 * for refusals; null shapes), .dbf (dBASE III: C and N fields, text in UTF-8 or Windows-1252,
 * the language driver byte as given), and optionally .prj and .cpg — the files as GDAL and
 * ArcGIS write them. Rings are written as given: `shapefileRings` orients GeoJSON polygons the
 * Shapefile way (outer rings clockwise, holes counter-clockwise).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolygonGeometry } from '../../src/core/records.js';

export const RD_NEW_PRJ =
  'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.1561605555556],UNIT["Meter",1.0]]';
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const UTM31_PRJ =
  'PROJCS["ETRS_1989_UTM_Zone_31N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

export interface ShapeRecord {
  /** Rings as written (see shapefileRings), or null for a null shape. */
  rings: number[][][] | null;
  values: Record<string, string | number | null>;
}

export interface ShapefileOptions {
  fields: DbfFieldSpec[];
  records: ShapeRecord[];
  /** Text encoding of the .dbf (default utf-8). */
  encoding?: 'utf-8' | 'windows-1252';
  /** The language driver byte (default 0). */
  ldid?: number;
  /** Content of the .cpg; none when undefined. */
  cpg?: string | undefined;
  /** Content of the .prj; none when undefined. */
  prj?: string | undefined;
  /** Shape type in the header and records (default 5, Polygon). */
  shapeType?: number;
}

function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return s / 2;
}

/** GeoJSON polygon(s) as Shapefile rings: every outer ring clockwise, every hole counter-clockwise. */
export function shapefileRings(g: PolygonGeometry): number[][][] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flatMap((poly) =>
    poly.map((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      return clockwise === (i === 0) ? ring : [...ring].reverse();
    }),
  );
}

function bbox(points: number[][]): number[] {
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return points.length ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : [0, 0, 0, 0];
}

function shapeContent(rings: number[][][] | null, shapeType: number): Buffer {
  if (rings === null) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(0, 0);
    return b;
  }
  const points = rings.flat();
  const b = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
  b.writeInt32LE(shapeType, 0);
  bbox(points).forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  b.writeInt32LE(rings.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  rings.forEach((r, i) => {
    b.writeInt32LE(start, 44 + 4 * i);
    start += r.length;
  });
  points.forEach((p, i) => {
    b.writeDoubleLE(p[0]!, 44 + 4 * rings.length + 16 * i);
    b.writeDoubleLE(p[1]!, 44 + 4 * rings.length + 16 * i + 8);
  });
  return b;
}

function mainHeader(lengthBytes: number, shapeType: number, box: number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(lengthBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  box.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

/** The .shp and .shx of the records. */
export function shpAndShx(records: readonly ShapeRecord[], shapeType = 5): { shp: Buffer; shx: Buffer } {
  const contents = records.map((r) => shapeContent(r.rings, shapeType));
  const box = bbox(records.flatMap((r) => (r.rings ?? []).flat()));
  const body: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((c, i) => {
    const head = Buffer.alloc(8);
    head.writeInt32BE(i + 1, 0);
    head.writeInt32BE(c.length / 2, 4);
    body.push(head, c);
    const entry = Buffer.alloc(8);
    entry.writeInt32BE(offset / 2, 0);
    entry.writeInt32BE(c.length / 2, 4);
    index.push(entry);
    offset += 8 + c.length;
  });
  return {
    shp: Buffer.concat([mainHeader(offset, shapeType, box), ...body]),
    shx: Buffer.concat([mainHeader(100 + 8 * records.length, shapeType, box), ...index]),
  };
}

function encode(s: string, encoding: 'utf-8' | 'windows-1252'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(s, 'utf8');
  // the letters the tests use (é, ú, â, ë, …) are the same bytes in Windows-1252 and Latin-1
  for (const ch of s)
    if (ch.codePointAt(0)! > 0xff) throw new Error(`'${ch}' is not written as Windows-1252 here`);
  return Buffer.from(s, 'latin1');
}

/** The .dbf of the records. */
export function dbf(o: Pick<ShapefileOptions, 'fields' | 'records' | 'encoding' | 'ldid'>): Buffer {
  const recordLength = 1 + o.fields.reduce((s, f) => s + f.length, 0);
  const headerLength = 32 + 32 * o.fields.length + 1;
  const header = Buffer.alloc(headerLength);
  header[0] = 0x03;
  header[1] = 126;
  header[2] = 1;
  header[3] = 1;
  header.writeUInt32LE(o.records.length, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  header[29] = o.ldid ?? 0;
  o.fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    header.write(f.name, at, 'latin1');
    header[at + 11] = f.type.charCodeAt(0);
    header[at + 16] = f.length;
    header[at + 17] = f.decimals ?? 0;
  });
  header[headerLength - 1] = 0x0d;
  const rows = o.records.map((r) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    for (const f of o.fields) {
      const v = r.values[f.name];
      const text = v === null || v === undefined ? '' : String(v);
      const bytes = encode(text, o.encoding ?? 'utf-8');
      if (bytes.length > f.length) throw new Error(`'${text}' does not fit field ${f.name}`);
      if (f.type === 'N') bytes.copy(row, at + f.length - bytes.length);
      else bytes.copy(row, at);
      at += f.length;
    }
    return row;
  });
  return Buffer.concat([header, ...rows, Buffer.from([0x1a])]);
}

/** Writes `<dir>/<layer>.shp`, .shx, .dbf and (when given) .prj and .cpg; returns the .shp's path. */
export function writeShapefile(dir: string, layer: string, o: ShapefileOptions): string {
  const { shp, shx } = shpAndShx(o.records, o.shapeType);
  writeFileSync(join(dir, `${layer}.shp`), shp);
  writeFileSync(join(dir, `${layer}.shx`), shx);
  writeFileSync(join(dir, `${layer}.dbf`), dbf(o));
  if (o.prj !== undefined) writeFileSync(join(dir, `${layer}.prj`), o.prj);
  if (o.cpg !== undefined) writeFileSync(join(dir, `${layer}.cpg`), o.cpg);
  return join(dir, `${layer}.shp`);
}
