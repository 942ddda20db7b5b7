/**
 * Decoding Well-Known Binary polygons (OGC/ISO WKB and PostGIS EWKB): Polygon and
 * MultiPolygon, little or big endian, Z/M/ZM tolerated (only x, y kept). Anything else is
 * GEOMETRY_UNSUPPORTED; a blob that ends early throws WkbTruncatedError so callers can name
 * the table and row.
 */
import { AppError } from '../../core/app-error.js';
import type { PolygonGeometry } from '../../core/records.js';

export class WkbTruncatedError extends Error {
  constructor(offset: number, length: number) {
    super(`WKB ends at byte ${length}, expected more data at byte ${offset}`);
    this.name = 'WkbTruncatedError';
  }
}

const TYPE_NAMES: Record<number, string> = {
  1: 'Point',
  2: 'LineString',
  3: 'Polygon',
  4: 'MultiPoint',
  5: 'MultiLineString',
  6: 'MultiPolygon',
  7: 'GeometryCollection',
  10: 'CurvePolygon',
  12: 'MultiSurface',
  15: 'PolyhedralSurface',
  16: 'TIN',
};

class Reader {
  offset: number;
  private little = true;
  constructor(
    private readonly buf: Buffer,
    start: number,
  ) {
    this.offset = start;
  }

  need(n: number): void {
    if (this.offset + n > this.buf.length) throw new WkbTruncatedError(this.offset + n, this.buf.length);
  }

  byteOrder(): void {
    this.need(1);
    const b = this.buf[this.offset++]!;
    if (b !== 0 && b !== 1)
      throw new AppError(
        'GEOMETRY_UNSUPPORTED',
        `not WKB: byte order marker ${b} at byte ${this.offset - 1}`,
      );
    this.little = b === 1;
  }

  uint32(): number {
    this.need(4);
    const v = this.little ? this.buf.readUInt32LE(this.offset) : this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.little ? this.buf.readDoubleLE(this.offset) : this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }
}

interface WkbType {
  base: number;
  dims: number;
}

function readType(r: Reader): WkbType {
  r.byteOrder();
  let t = r.uint32();
  let dims = 2;
  // EWKB flags (PostGIS): Z 0x80000000, M 0x40000000, SRID 0x20000000.
  if (t & 0x80000000) dims++;
  if (t & 0x40000000) dims++;
  const hasSrid = (t & 0x20000000) !== 0;
  t &= 0x0fffffff;
  if (hasSrid) r.uint32();
  // ISO WKB: 1000 = Z, 2000 = M, 3000 = ZM.
  const iso = Math.floor(t / 1000);
  if (iso === 1 || iso === 2) dims++;
  if (iso === 3) dims += 2;
  return { base: t % 1000, dims };
}

function readRing(r: Reader, dims: number): number[][] {
  const n = r.uint32();
  // a count larger than the bytes left is a broken blob: say so before allocating for it
  r.need(n * dims * 8);
  const ring: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = r.double();
    const y = r.double();
    for (let d = 2; d < dims; d++) r.double();
    ring[i] = [x, y];
  }
  return ring;
}

function readPolygonBody(r: Reader, dims: number): number[][][] {
  const rings = r.uint32();
  const out: number[][][] = [];
  for (let i = 0; i < rings; i++) out.push(readRing(r, dims));
  return out;
}

/** Decodes a WKB Polygon or MultiPolygon starting at `offset`. */
export function decodeWkbPolygon(buf: Buffer, offset = 0): PolygonGeometry {
  const r = new Reader(buf, offset);
  const { base, dims } = readType(r);
  if (base === 3) return { type: 'Polygon', coordinates: readPolygonBody(r, dims) };
  if (base === 6) {
    const parts = r.uint32();
    const coordinates: number[][][][] = [];
    for (let i = 0; i < parts; i++) {
      const part = readType(r);
      if (part.base !== 3) throw unsupported(part.base);
      coordinates.push(readPolygonBody(r, part.dims));
    }
    return { type: 'MultiPolygon', coordinates };
  }
  throw unsupported(base);
}

function unsupported(base: number): AppError {
  return new AppError(
    'GEOMETRY_UNSUPPORTED',
    `a ${TYPE_NAMES[base] ?? `WKB type ${base}`} geometry; boundaries must be Polygon or MultiPolygon`,
  );
}
