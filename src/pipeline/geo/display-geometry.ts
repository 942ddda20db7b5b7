/**
 * Display geometry: a topology-preserving simplification of a set of neighbouring polygons
 * (one gemeente's buurten), in WGS84 with 6 decimals. The polygons become one TopoJSON
 * topology (topojson-server: a border two buurten share becomes one arc), the arcs are
 * simplified once (Visvalingam, topojson-simplify) and turned back into polygons
 * (topojson-client), so neighbours keep identical border vertices: no gaps, no slivers.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { PolygonGeometry } from '../../core/records.js';
import { geometryFromPolygons, polygonsOf, ringSignedArea, type Polygon } from './polygon-measure.js';
import { lngLatProjector } from './rd-projection.js';

/**
 * Minimum Visvalingam triangle area kept, in m² (RD). 50 m² drops vertices that move the
 * outline by less than a few metres — invisible at gemeente zoom (≈ 10–30 m per pixel) —
 * and keeps the largest gemeente (Amsterdam) far below the 150 KB gzipped budget of /api/maps.
 */
export const DISPLAY_MIN_WEIGHT_M2 = 50;

export interface DisplayInput {
  code: string;
  /** RD New geometry. */
  rd: PolygonGeometry;
}

/** Rings that kept fewer than 4 points (small islands, fully simplified) fall back to the original. */
function usableSimplified(simplified: Geometry | null, original: PolygonGeometry): PolygonGeometry {
  if (!simplified || (simplified.type !== 'Polygon' && simplified.type !== 'MultiPolygon')) return original;
  const originals = polygonsOf(original);
  const polys: Polygon[] = [];
  polygonsOf(simplified as PolygonGeometry).forEach((poly, i) => {
    const [shell, ...holes] = poly;
    if (!shell || shell.length < 4 || ringSignedArea(shell) === 0) {
      const fallback = originals[i];
      if (fallback) polys.push(fallback);
      return;
    }
    polys.push([shell, ...holes.filter((h) => h.length >= 4 && ringSignedArea(h) !== 0)]);
  });
  return polys.length ? geometryFromPolygons(polys) : original;
}

/**
 * Simplified WGS84 geometry per code. `minWeight` is the Visvalingam threshold in m²;
 * 0 keeps every vertex (only reprojects).
 */
export function buildDisplayGeometries(
  items: readonly DisplayInput[],
  minWeight = DISPLAY_MIN_WEIGHT_M2,
): Map<string, PolygonGeometry> {
  const out = new Map<string, PolygonGeometry>();
  if (items.length === 0) return out;
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: items.map((i): Feature => ({ type: 'Feature', id: i.code, properties: {}, geometry: i.rd })),
  };
  // No quantisation: RD coordinates are already millimetres, and shared vertices are equal.
  const raw = topology({ areas: collection }) as unknown as Parameters<typeof presimplify>[0];
  const topo = simplify(presimplify(raw), minWeight);
  const back = feature(topo, topo.objects['areas']!) as FeatureCollection;
  const toLngLat = lngLatProjector(); // neighbours share their border vertices: project each once
  back.features.forEach((f, i) => {
    const input = items[i]!;
    out.set(input.code, toLngLat(usableSimplified(f.geometry, input.rd)));
  });
  return out;
}
