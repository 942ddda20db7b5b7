/**
 * Gemeente borders for a region view, derived from the buurt polygons: the display geometry is
 * simplified topologically (neighbouring buurten share their edge coordinates exactly), so an
 * edge used by one buurt of a gemeente only is part of that gemeente's border.
 */
import type { FeatureCollection, MultiLineString, Position } from 'geojson';
import type { DrawCollection } from './map-features.js';

export type BorderCollection = FeatureCollection<MultiLineString, { gemeente: string }>;

const key = (a: Position, b: Position): string => {
  const p = `${a[0]},${a[1]}`;
  const q = `${b[0]},${b[1]}`;
  return p < q ? `${p}|${q}` : `${q}|${p}`;
};

/** One MultiLineString of border edges per gemeente; null when the collection has fewer than two gemeenten. */
export function gemeenteBorders(collection: DrawCollection): BorderCollection | null {
  const edges = new Map<string, Map<string, { count: number; edge: [Position, Position] }>>();
  for (const f of collection.features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let own = edges.get(f.properties.gemeente);
    if (!own) {
      own = new Map();
      edges.set(f.properties.gemeente, own);
    }
    for (const polygon of polygons)
      for (const ring of polygon)
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i]!;
          const b = ring[i + 1]!;
          const k = key(a, b);
          const hit = own.get(k);
          if (hit) hit.count++;
          else own.set(k, { count: 1, edge: [a, b] });
        }
  }
  if (edges.size < 2) return null;
  return {
    type: 'FeatureCollection',
    features: [...edges].map(([gemeente, own]) => ({
      type: 'Feature',
      properties: { gemeente },
      geometry: {
        type: 'MultiLineString',
        coordinates: [...own.values()].filter((e) => e.count === 1).map((e) => e.edge),
      },
    })),
  };
}
