/**
 * GeoJSON boundary files (FeatureCollection of Polygon/MultiPolygon), in RD New or WGS84:
 * PDOK/CBS exports, CBS gegeneraliseerd (statcode, statnaam), wijkprofielen (WKC, GMC),
 * derived files (wk_code, gm_code), Amsterdam (cbsCode), municipal files (see boundary-properties.ts).
 */
import { AppError } from '../../../core/app-error.js';
import type { SourceParser } from '../../source-parser.js';
import { buildBoundaryBatch, type RawBoundaryFeature } from './boundary-batch.js';
import { storeDisplayGeometries } from './boundary-display.js';
import { crsFromCoordinates, crsFromMember } from './geojson-crs.js';

interface GeoJsonFeature {
  type?: unknown;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type: string; coordinates?: unknown } | null;
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError(
      'JSON_MALFORMED',
      `${name} is not valid JSON (truncated download?): ${(e as Error).message}`,
      {
        location: { file: name },
        cause: e,
      },
    );
  }
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
    const json = parseJson(file.name, file.text()) as { type?: unknown; features?: unknown; crs?: unknown };
    if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
      throw new AppError('JSON_MALFORMED', 'expected a GeoJSON FeatureCollection with a features array', {
        location: { file: file.name, expected: '{"type":"FeatureCollection","features":[...]}' },
      });
    }
    const features = json.features as GeoJsonFeature[];
    const raw: RawBoundaryFeature[] = features.map((f, i) => ({
      row: i + 1,
      properties: f.properties ?? {},
      id: f.id,
      geometry: f.geometry ?? null,
    }));
    const crs = crsFromMember(json.crs) ?? crsFromCoordinates(raw.map((f) => f.geometry));
    return buildBoundaryBatch({ file, crs, features: raw, ctx, format: `GeoJSON ${crs}` });
  },
  afterWrite: storeDisplayGeometries,
};
