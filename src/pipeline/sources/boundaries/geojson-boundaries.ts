/**
 * GeoJSON boundary files (FeatureCollection of Polygon/MultiPolygon), in RD New or WGS84:
 * PDOK/CBS exports, CBS gegeneraliseerd (statcode, statnaam), wijkprofielen (WKC, GMC),
 * derived files (wk_code, gm_code), Amsterdam (cbsCode), municipal files (see boundary-properties.ts).
 */
import { AppError } from '../../../core/app-error.js';
import { parseJsonFile } from '../../json-text.js';
import type { SourceParser } from '../../source-parser.js';
import { buildBoundaryBatch, type RawBoundaryFeature } from './boundary-batch.js';
import { deriveDisplayGeometries, storeDisplayGeometries } from './boundary-display.js';
import { crsFromCoordinates, crsFromMember } from './geojson-crs.js';

interface GeoJsonFeature {
  type?: unknown;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates?: unknown } | null;
}

export const geojsonBoundaryParser: SourceParser = {
  kind: 'geo',
  layout: 'geojson-boundaries',
  order: 0,
  detect(file) {
    if (!/\.(geo)?json$/i.test(file.name)) return 0;
    const head = file.head;
    if (!/"type"\s*:\s*"FeatureCollection"/.test(head)) return 0;
    return /"(Multi)?Polygon"/.test(head) || /"geometry"\s*:\s*null/.test(head) ? 0.9 : 0.5;
  },
  async parse(file, ctx) {
    const json = parseJsonFile(file, 'a GeoJSON FeatureCollection') as {
      type?: unknown;
      features?: unknown;
      crs?: unknown;
    } | null;
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw new AppError('JSON_MALFORMED', 'expected a GeoJSON FeatureCollection object', {
        location: { file: file.name, line: 1, expected: '{"type":"FeatureCollection","features":[...]}' },
      });
    if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
      throw new AppError('JSON_MALFORMED', 'expected a GeoJSON FeatureCollection with a features array', {
        location: { file: file.name, expected: '{"type":"FeatureCollection","features":[...]}' },
      });
    }
    const features = json.features as unknown[];
    const raw: RawBoundaryFeature[] = features.map((item, i) => {
      const f = (typeof item === 'object' && item !== null ? item : {}) as GeoJsonFeature;
      const properties =
        typeof f.properties === 'object' && f.properties !== null && !Array.isArray(f.properties)
          ? f.properties
          : {};
      const geometry = typeof f.geometry === 'object' && f.geometry !== null ? f.geometry : null;
      return { row: i + 1, properties, id: f.id, geometry };
    });
    const declared = crsFromMember(json.crs);
    const crs = declared ?? crsFromCoordinates(raw.map((f) => f.geometry));
    return buildBoundaryBatch({
      file,
      crs,
      crsDeclared: declared !== undefined,
      features: raw,
      ctx,
      format: `GeoJSON ${crs}`,
    });
  },
  derive: deriveDisplayGeometries,
  afterWrite: storeDisplayGeometries,
};
