declare const brand: unique symbol;

/** A point in RD New (EPSG:28992), metres: [x, y]. */
export type RdPoint = readonly [x: number, y: number] & { readonly [brand]: 'RdPoint' };
/** A point in WGS84 (EPSG:4326), degrees: [lng, lat]. */
export type LngLat = readonly [lng: number, lat: number] & { readonly [brand]: 'LngLat' };

export const rdPoint = (x: number, y: number): RdPoint => [x, y] as unknown as RdPoint;
export const lngLat = (lng: number, lat: number): LngLat => [lng, lat] as unknown as LngLat;

export type Crs = 'EPSG:28992' | 'EPSG:4326';

/** True when a coordinate pair looks like RD New rather than degrees. */
export function looksLikeRd(x: number, y: number): boolean {
  return x > 180 || y > 90 || x < -180 || y < -90;
}
