/**
 * Intersection areas between two boundary sets in RD New (polygon-clipping, exact for concave
 * polygons with holes), with a uniform grid on bounding boxes so each target polygon is only
 * intersected with the sources near it.
 */
import polygonClipping, { type Geom, type Pair } from 'polygon-clipping';
import type { PolygonGeometry } from '../../core/records.js';
import { polygonsOf } from '../geo/polygon-measure.js';
import { geometryArea } from '../geo/polygon-measure.js';

export interface OverlayShape {
  code: string;
  rd: PolygonGeometry;
  areaM2: number;
  bbox: readonly [number, number, number, number];
}

function toClip(g: PolygonGeometry): Geom {
  return polygonsOf(g).map((poly) => poly.map((ring) => ring.map((p) => [p[0]!, p[1]!] as Pair)));
}

/** Area (m²) of the intersection of two RD geometries; 0 when they only touch. */
export function intersectionArea(a: PolygonGeometry, b: PolygonGeometry): number {
  const out = polygonClipping.intersection(toClip(a), toClip(b));
  return out.length ? geometryArea({ type: 'MultiPolygon', coordinates: out }) : 0;
}

const overlaps = (a: readonly number[], b: readonly number[]): boolean =>
  a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

/** A grid index over source shapes by bounding box (cells of `cell` metres). */
export class ShapeIndex {
  private readonly cells = new Map<string, OverlayShape[]>();

  constructor(
    shapes: readonly OverlayShape[],
    private readonly cell = 2000,
  ) {
    for (const s of shapes)
      for (const key of this.keys(s.bbox)) (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(s);
  }

  private *keys(b: readonly number[]): Generator<string> {
    for (let i = Math.floor(b[0]! / this.cell); i <= Math.floor(b[2]! / this.cell); i++)
      for (let j = Math.floor(b[1]! / this.cell); j <= Math.floor(b[3]! / this.cell); j++) yield `${i}:${j}`;
  }

  /** Shapes whose bounding box overlaps `bbox` (each once). */
  near(bbox: readonly number[]): OverlayShape[] {
    const seen = new Set<OverlayShape>();
    for (const key of this.keys(bbox))
      for (const s of this.cells.get(key) ?? []) if (overlaps(s.bbox, bbox)) seen.add(s);
    return [...seen];
  }
}

/** Intersection area of `target` with every nearby source, largest first (only positive ones). */
export function overlayAreas(
  target: OverlayShape,
  sources: ShapeIndex,
): { source: OverlayShape; area: number }[] {
  const out: { source: OverlayShape; area: number }[] = [];
  for (const s of sources.near(target.bbox)) {
    const area = intersectionArea(target.rd, s.rd);
    if (area > 0) out.push({ source: s, area });
  }
  return out.sort((a, b) => b.area - a.area);
}
