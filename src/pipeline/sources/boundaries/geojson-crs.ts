/**
 * Which CRS a GeoJSON/TopoJSON boundary file uses: the (pre-RFC 7946) `crs` member when it
 * names EPSG:28992 or CRS84/EPSG:4326, else the range of the first coordinates (RD New metres
 * are far outside ±180/±90).
 */
import { looksLikeRd, type Crs } from '../../../core/coordinates.js';

function firstPosition(coords: unknown): [number, number] | undefined {
  let c: unknown = coords;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  return undefined;
}

/** The CRS named by a GeoJSON `crs` member, if any. */
export function crsFromMember(crs: unknown): Crs | undefined {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/28992/.test(name)) return 'EPSG:28992';
  if (/CRS84|4326/i.test(name)) return 'EPSG:4326';
  return undefined;
}

/** RD New when the first coordinates of any geometry are outside degree range, else WGS84. */
export function crsFromCoordinates(geometries: Iterable<{ coordinates?: unknown } | null>): Crs {
  for (const g of geometries) {
    const p = g ? firstPosition(g.coordinates) : undefined;
    if (p) return looksLikeRd(p[0], p[1]) ? 'EPSG:28992' : 'EPSG:4326';
  }
  return 'EPSG:4326';
}
