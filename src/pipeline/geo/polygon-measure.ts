/**
 * Planar measures of polygon geometries (for RD New coordinates: metres, m²). Rings are
 * GeoJSON rings (first point repeated last). Signed area follows the shoelace formula:
 * positive for counter-clockwise rings.
 */
import type { PolygonGeometry } from '../../core/records.js';

export type Ring = number[][];
export type Polygon = Ring[];

/** The polygons of a geometry: a Polygon as one part, a MultiPolygon as its parts. */
export function polygonsOf(g: PolygonGeometry): Polygon[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** A Polygon when there is one part, else a MultiPolygon. */
export function geometryFromPolygons(polys: Polygon[]): PolygonGeometry {
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0]! }
    : { type: 'MultiPolygon', coordinates: polys };
}

/** Signed area of a ring (closed or not): > 0 counter-clockwise, < 0 clockwise. */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  const n = ring.length;
  if (n < 3) return 0;
  // Shift by the first vertex: keeps the products small for RD coordinates (≈ 1e5 m).
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += (a[0]! - x0) * (b[1]! - y0) - (b[0]! - x0) * (a[1]! - y0);
  }
  return sum / 2;
}

/** Area of a polygon: outer ring minus holes, regardless of ring orientation. */
export function polygonArea(poly: Polygon): number {
  let area = 0;
  poly.forEach((ring, i) => {
    const a = Math.abs(ringSignedArea(ring));
    area += i === 0 ? a : -a;
  });
  return area;
}

/** Area of a Polygon or MultiPolygon (m² for RD coordinates). */
export function geometryArea(g: PolygonGeometry): number {
  return polygonsOf(g).reduce((s, p) => s + polygonArea(p), 0);
}

/** [minX, minY, maxX, maxY] of a geometry (defined in core, where the store uses it too). */
export { geometryBbox } from '../../core/geometry-bbox.js';

/** Area-weighted centroid [x, y] of a geometry (holes subtract). */
export function geometryCentroid(g: PolygonGeometry): [number, number] {
  let cx = 0;
  let cy = 0;
  let total = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((ring, i) => {
      const signedOuter = i === 0 ? 1 : -1;
      const a = ringSignedArea(ring);
      if (a === 0) return;
      const sign = Math.sign(a) * signedOuter;
      const [rx, ry] = ringCentroid(ring, a);
      cx += rx * Math.abs(a) * sign;
      cy += ry * Math.abs(a) * sign;
      total += Math.abs(a) * sign;
    });
  }
  return [cx / total, cy / total];
}

function ringCentroid(ring: Ring, signedArea: number): [number, number] {
  const x0 = ring[0]![0]!;
  const y0 = ring[0]![1]!;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const ax = ring[j]![0]! - x0;
    const ay = ring[j]![1]! - y0;
    const bx = ring[i]![0]! - x0;
    const by = ring[i]![1]! - y0;
    const f = ax * by - bx * ay;
    cx += (ax + bx) * f;
    cy += (ay + by) * f;
  }
  return [x0 + cx / (6 * signedArea), y0 + cy / (6 * signedArea)];
}

/** -1 outside, 0 on the boundary, 1 inside the ring (even-odd ray casting). */
export function pointInRing(x: number, y: number, ring: Ring): -1 | 0 | 1 {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (
      cross === 0 &&
      Math.min(xi, xj) <= x &&
      x <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= y &&
      y <= Math.max(yi, yj)
    ) {
      return 0;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 1 : -1;
}
