/** Identifies a collection's geometry by its buurt codes, so a renderer re-tiles only when they change. */
import type { DrawCollection } from './map-features.js';

export function geometryKey(collection: DrawCollection): string {
  return collection.features.map((f) => f.properties.code).join(',');
}
