/**
 * RD New (EPSG:28992) ↔ WGS84 (EPSG:4326) with proj4 and the explicit datum shift.
 * proj4 has no built-in EPSG:28992, and definitions without `+towgs84` (ESRI .prj files,
 * GeoPackage WKT) land 110–180 m off. RD (155000, 463000) = 52.15517 N, 5.38720 E.
 */
import proj4 from 'proj4';
import { lngLat, rdPoint, type LngLat, type RdPoint } from '../../core/coordinates.js';
import type { PolygonGeometry } from '../../core/records.js';

/** The RD New definition used everywhere in Veerkracht (Bessel ellipsoid, 7-parameter shift). */
export const RD_NEW_PROJ4 =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

proj4.defs('EPSG:28992', RD_NEW_PROJ4);
const converter = proj4(RD_NEW_PROJ4, 'WGS84');

/** RD New metres → WGS84 degrees. */
export function rdToLngLat(p: RdPoint): LngLat {
  const [lng, lat] = converter.forward([p[0], p[1]]) as [number, number];
  return lngLat(lng, lat);
}

/** WGS84 degrees → RD New metres. */
export function lngLatToRd(p: LngLat): RdPoint {
  const [x, y] = converter.inverse([p[0], p[1]]) as [number, number];
  return rdPoint(x, y);
}

type Position = number[];

function mapGeometry(g: PolygonGeometry, f: (p: Position) => Position): PolygonGeometry {
  const ring = (r: Position[]): Position[] => r.map(f);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

const round = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

/**
 * A WGS84 polygon geometry in RD New, coordinates rounded to `decimals` (default 3 = 1 mm).
 * Rounding is deterministic per vertex, so borders shared in the input stay shared.
 */
export function geometryToRd(g: PolygonGeometry, decimals = 3): PolygonGeometry {
  return mapGeometry(g, (p) => {
    const [x, y] = converter.inverse([p[0]!, p[1]!]) as [number, number];
    return [round(x, decimals), round(y, decimals)];
  });
}

/** An RD New polygon geometry in WGS84, coordinates rounded to `decimals` (default 6 ≈ 0.1 m). */
export function geometryToLngLat(g: PolygonGeometry, decimals = 6): PolygonGeometry {
  return mapGeometry(g, (p) => {
    const [lng, lat] = converter.forward([p[0]!, p[1]!]) as [number, number];
    return [round(lng, decimals), round(lat, decimals)];
  });
}

/**
 * `geometryToLngLat` for many geometries that share vertices (neighbouring polygons, a ring's
 * closing point): each distinct RD vertex is projected once and remembered (keyed by its exact
 * coordinates, so the result is the same as `geometryToLngLat`'s). Keep one per batch of
 * neighbours (one gemeente): the memory is one entry per distinct vertex.
 */
export function lngLatProjector(decimals = 6): (g: PolygonGeometry) => PolygonGeometry {
  const seen = new Map<string, [number, number]>();
  return (g) =>
    mapGeometry(g, (p) => {
      const key = `${p[0]!},${p[1]!}`;
      let out = seen.get(key);
      if (!out) {
        const [lng, lat] = converter.forward([p[0]!, p[1]!]) as [number, number];
        out = [round(lng, decimals), round(lat, decimals)];
        seen.set(key, out);
      }
      return [out[0], out[1]];
    });
}
