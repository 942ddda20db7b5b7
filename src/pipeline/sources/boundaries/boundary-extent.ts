/**
 * Are boundary coordinates in the Netherlands? Every feature's RD New bounding box must lie
 * within the Dutch RD domain (x −20 … 320 km, y 280 … 650 km, a margin around the official
 * −7 … 300 km, 289 … 629 km), or the file is refused with GEOMETRY_OUT_OF_EXTENT naming the
 * feature — before any polygon is repaired, so absurd coordinates (1e20°) cost nothing. The
 * message says what the coordinates most likely are:
 *   - latitude and longitude swapped ([52.1, 5.3] instead of [5.3, 52.1]);
 *   - Web Mercator metres (EPSG:3857) in a file without a `crs` member (read as RD by range);
 *   - degrees in a file whose `crs` member says EPSG:28992;
 *   - (0, 0): coordinates missing.
 */
import { AppError } from '../../../core/app-error.js';
import type { Crs } from '../../../core/coordinates.js';
import type { PolygonGeometry } from '../../../core/records.js';
import { polygonsOf } from '../../geo/polygon-measure.js';
import { geometryToRd } from '../../geo/rd-projection.js';

/** The Dutch RD New domain with a margin, in metres. */
export const RD_EXTENT = { minX: -20_000, maxX: 320_000, minY: 280_000, maxY: 650_000 } as const;

type Box = [number, number, number, number];

/** The bounding box; NaN throughout when a coordinate is not finite (e.g. projected from 1e20°). */
function bboxOf(g: PolygonGeometry): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (const p of ring) {
        const x = p[0]!;
        const y = p[1]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) return [NaN, NaN, NaN, NaN];
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}

function insideRd(b: Box): boolean {
  return b[0] >= RD_EXTENT.minX && b[2] <= RD_EXTENT.maxX && b[1] >= RD_EXTENT.minY && b[3] <= RD_EXTENT.maxY;
}

const inside = (b: Box, minX: number, maxX: number, minY: number, maxY: number): boolean =>
  b[0] >= minX && b[2] <= maxX && b[1] >= minY && b[3] <= maxY;

function swapped(g: PolygonGeometry): PolygonGeometry {
  const ring = (r: number[][]): number[][] => r.map((p) => [p[1]!, p[0]!]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

/** What the source coordinates probably are, given that their RD form is outside the Netherlands. */
function diagnose(source: PolygonGeometry, crs: Crs, crsDeclared: boolean): string {
  const b = bboxOf(source);
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0)
    return 'every coordinate is (0, 0): the coordinates are missing';
  if (crs === 'EPSG:4326') {
    if (inside(b, 50, 54, 3, 8) && insideRd(bboxOf(geometryToRd(swapped(source))))) {
      return 'latitude and longitude are swapped (GeoJSON wants [longitude, latitude], e.g. [5.3, 52.1])';
    }
    return 'these degrees lie outside the Netherlands';
  }
  if (crsDeclared && inside(b, -180, 180, -90, 90))
    return 'the coordinates are degrees (longitude/latitude) but the file declares EPSG:28992 (RD New)';
  if (inside(b, 300_000, 800_000, 6_400_000, 7_300_000))
    return 'the coordinates look like Web Mercator metres (EPSG:3857); reproject to RD New (EPSG:28992) or WGS84';
  return 'these are no RD New coordinates in the Netherlands';
}

/**
 * Throws GEOMETRY_OUT_OF_EXTENT when `rd` (the feature in RD New) is not in the Netherlands;
 * `source` is the geometry as read, `crs` how it was read and `crsDeclared` whether the file said so.
 */
export function checkRdExtent(
  rd: PolygonGeometry,
  source: PolygonGeometry,
  crs: Crs,
  crsDeclared: boolean,
  where: { file: string; row: number; code?: string },
): void {
  const b = bboxOf(rd);
  if (insideRd(b)) return;
  const round = (v: number): string => (Number.isFinite(v) ? String(Math.round(v)) : String(v));
  throw new AppError(
    'GEOMETRY_OUT_OF_EXTENT',
    `${where.code ? `${where.code}: ` : ''}the boundary lies outside the Netherlands: ${diagnose(source, crs, crsDeclared)}`,
    {
      location: {
        file: where.file,
        row: where.row,
        column: 'geometry',
        expected: `RD New coordinates within x ${RD_EXTENT.minX}…${RD_EXTENT.maxX}, y ${RD_EXTENT.minY}…${RD_EXTENT.maxY} (or WGS84 degrees in the Netherlands)`,
        found: `RD bbox ${b.map(round).join(', ')}`,
      },
    },
  );
}

/** WGS84 positions must be degrees (|x| ≤ 180, |y| ≤ 90): anything else is refused before it is projected. */
export function checkDegrees(
  source: PolygonGeometry,
  where: { file: string; row: number; code?: string },
): void {
  const b = bboxOf(source);
  if (inside(b, -180, 180, -90, 90)) return;
  throw new AppError(
    'GEOMETRY_OUT_OF_EXTENT',
    `${where.code ? `${where.code}: ` : ''}the boundary lies outside the Netherlands: coordinates read as degrees but outside ±180°/±90°`,
    {
      location: {
        file: where.file,
        row: where.row,
        column: 'geometry',
        expected: 'longitude/latitude degrees in the Netherlands (or RD New metres)',
        found: `bbox ${b.map(String).join(', ')}`,
      },
    },
  );
}

/** Number of positions of a polygonal geometry. */
export function vertexCount(g: PolygonGeometry): number {
  let n = 0;
  for (const poly of polygonsOf(g)) for (const ring of poly) n += Array.isArray(ring) ? ring.length : 0;
  return n;
}
