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
 * The rounded projection of each distinct vertex, kept by its exact coordinates, so that a
 * vertex that many polygons share is projected once. An open-addressing hash table over typed
 * arrays: no object or string per vertex (a national file has a few hundred thousand).
 */
class ProjectedVertices {
  private keys = new Float64Array(2 * 1024);
  private values = new Float64Array(2 * 1024);
  private used = new Uint8Array(1024);
  private count = 0;
  private readonly bits = new Float64Array(2);
  private readonly words = new Int32Array(this.bits.buffer);

  constructor(
    private readonly project: (x: number, y: number) => [number, number],
    private readonly decimals: number,
  ) {}

  /** A new array per call: the geometries returned share no arrays. */
  of(p: Position): Position {
    // + 0 turns -0 into 0: equal coordinates must hash alike
    const x = p[0]! + 0;
    const y = p[1]! + 0;
    const slot = this.find(x, y);
    if (this.used[slot]) return [this.values[2 * slot]!, this.values[2 * slot + 1]!];
    const [a, b] = this.project(p[0]!, p[1]!);
    const out: Position = [round(a, this.decimals), round(b, this.decimals)];
    this.keys[2 * slot] = x;
    this.keys[2 * slot + 1] = y;
    this.values[2 * slot] = out[0]!;
    this.values[2 * slot + 1] = out[1]!;
    this.used[slot] = 1;
    if (++this.count * 2 > this.used.length) this.grow();
    return out;
  }

  /** The slot of (x, y), or the empty slot where it belongs. */
  private find(x: number, y: number): number {
    const mask = this.used.length - 1;
    this.bits[0] = x;
    this.bits[1] = y;
    const w = this.words;
    let h = Math.imul(w[0]! ^ Math.imul(w[1]!, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ w[2]! ^ Math.imul(w[3]!, 0xc2b2ae35), 0x27d4eb2f);
    for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      if (!this.used[slot] || (this.keys[2 * slot] === x && this.keys[2 * slot + 1] === y)) return slot;
    }
  }

  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Float64Array(values.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const slot = this.find(keys[2 * i]!, keys[2 * i + 1]!);
      this.keys[2 * slot] = keys[2 * i]!;
      this.keys[2 * slot + 1] = keys[2 * i + 1]!;
      this.values[2 * slot] = values[2 * i]!;
      this.values[2 * slot + 1] = values[2 * i + 1]!;
      this.used[slot] = 1;
    }
  }
}

const toRd = (x: number, y: number): [number, number] => converter.inverse([x, y]) as [number, number];
const toLngLat = (x: number, y: number): [number, number] => converter.forward([x, y]) as [number, number];

/**
 * A WGS84 polygon geometry in RD New, coordinates rounded to `decimals` (default 3 = 1 mm).
 * Rounding is deterministic per vertex, so borders shared in the input stay shared.
 */
export function geometryToRd(g: PolygonGeometry, decimals = 3): PolygonGeometry {
  return rdProjector(decimals)(g);
}

/**
 * `geometryToRd` for many geometries that share vertices (the features of one boundary file):
 * each distinct WGS84 vertex is projected once (same result as `geometryToRd`). The memory is one
 * entry per distinct vertex.
 */
export function rdProjector(decimals = 3): (g: PolygonGeometry) => PolygonGeometry {
  const vertices = new ProjectedVertices(toRd, decimals);
  return (g) => mapGeometry(g, (p) => vertices.of(p));
}

/** An RD New polygon geometry in WGS84, coordinates rounded to `decimals` (default 6 ≈ 0.1 m). */
export function geometryToLngLat(g: PolygonGeometry, decimals = 6): PolygonGeometry {
  return mapGeometry(g, (p) => {
    const [lng, lat] = toLngLat(p[0]!, p[1]!);
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
  const vertices = new ProjectedVertices(toLngLat, decimals);
  return (g) => mapGeometry(g, (p) => vertices.of(p));
}
