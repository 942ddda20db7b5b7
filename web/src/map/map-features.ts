/**
 * Turns an API map response into what the renderers draw: each feature gets its legend colour
 * (`_color`) and, for buurten without a usable value, its hatch pattern (`_pattern`). Colours
 * come only from the API legend, which is colour-blind safe by construction.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { LegendEntry, MapFeatureProperties, MapResponse } from '../../../src/api/schemas.js';
import { findPatternKind } from './hatch-patterns.js';

export interface DrawProperties extends MapFeatureProperties {
  _color: string;
  _pattern?: string;
}

export type DrawCollection = FeatureCollection<Geometry, DrawProperties>;

const FALLBACK_COLOR = '#d9d9d9';

export function legendColor(legend: readonly LegendEntry[], classId: string): string {
  return legend.find((l) => l.classId === classId)?.color ?? FALLBACK_COLOR;
}

/** Features with geometry, with colour and pattern joined from the legend. */
export function toDrawCollection(response: MapResponse): DrawCollection {
  const colors = new Map(response.legend.map((l) => [l.classId, l.color]));
  const features: DrawCollection['features'] = [];
  for (const f of response.features) {
    if (!f.geometry) continue;
    const classId = f.properties.classId;
    const properties: DrawProperties = { ...f.properties, _color: colors.get(classId) ?? FALLBACK_COLOR };
    const pattern = findPatternKind(classId);
    if (pattern) properties._pattern = `pattern-${pattern}`;
    features.push({ type: 'Feature', id: f.id, geometry: f.geometry as Geometry, properties });
  }
  return { type: 'FeatureCollection', features };
}

/** [west, south, east, north] of all coordinates, or null for an empty collection. */
export function boundsOf(collection: DrawCollection): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number') {
      const [x, y] = coords as number[];
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    } else if (Array.isArray(coords)) for (const c of coords) visit(c);
  };
  for (const f of collection.features) if ('coordinates' in f.geometry) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
