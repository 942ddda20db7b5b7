/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas in src/api so it
 * cannot drift from what the server sends. Served at GET /api/openapi.json.
 */
import { z } from 'zod';
import {
  BuurtResponseSchema,
  BuurtSearchResponseSchema,
  CompareResponseSchema,
  ConfigResponseSchema,
  CreateRegionRequestSchema,
  ErrorBodySchema,
  GemeentenResponseSchema,
  MapDefinitionsResponseSchema,
  MapResponseSchema,
  RegionSchema,
  RegionsResponseSchema,
} from '../api/schemas.js';
import { EDITION_ERRORS, EDITION_PARAMETER, editionPaths, editionSchemas } from './openapi-editions.js';
import { insightsPaths, insightsSchemas } from './openapi-insights.js';
import { membersPaths, membersSchemas } from './openapi-members.js';
import { reportPaths } from './openapi-reports.js';
import { scenarioPaths, scenarioSchemas } from './openapi-scenarios.js';

/**
 * The `area` parameter: a gemeente of the division, one formed after it from whole gemeenten of it
 * (Dijk en Waard on 2019: their buurten together, named in `meta.formedFrom`), or a region id.
 */
const AREA_PARAMETER =
  'Gemeente code (GMgggg) or region id; a gemeente formed after the division from whole gemeenten of it (GM1980 Dijk en Waard on 2019) is their buurten together, and `meta.formedFrom` names them';

const SCHEMAS = {
  GemeentenResponse: GemeentenResponseSchema,
  RegionsResponse: RegionsResponseSchema,
  Region: RegionSchema,
  CreateRegionRequest: CreateRegionRequestSchema,
  MapDefinitionsResponse: MapDefinitionsResponseSchema,
  MapResponse: MapResponseSchema,
  BuurtResponse: BuurtResponseSchema,
  BuurtSearchResponse: BuurtSearchResponseSchema,
  CompareResponse: CompareResponseSchema,
  ConfigResponse: ConfigResponseSchema,
  ErrorBody: ErrorBodySchema,
} as const;

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = {
  '400': json('ErrorBody', 'Invalid parameters (code USAGE)'),
  '404': json(
    'ErrorBody',
    'Unknown area, map, buurt or data edition, or no data (AREA_NOT_FOUND, MAP_NOT_FOUND, EDITION_NOT_FOUND, NO_DATA)',
  ),
  '500': json('ErrorBody', 'Internal error (code INTERNAL)'),
};
const q = (name: string, description: string, required: boolean, example?: string) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string', ...(example ? { example } : {}) },
});

/** The OpenAPI document (plain JSON object). */
export function openApiDocument(): Record<string, unknown> {
  const schemas = {
    ...Object.fromEntries(
      Object.entries(SCHEMAS).map(([k, s]) => [
        k,
        z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }),
      ]),
    ),
    ...membersSchemas(),
    ...scenarioSchemas(),
    ...insightsSchemas(),
    ...editionSchemas(),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Veerkracht API',
      version: '1.0.0',
      description:
        'Open veerkrachtkaarten per gemeente and region: nine maps, buurt profiles and comparisons. Errors are { error: { code, message } } with the stable codes of docs/errors.md. Missing values are null, never 0.',
    },
    paths: {
      '/api/gemeenten': {
        get: {
          summary: 'Gemeenten with buurten, years with data, loaded editions',
          responses: { '200': json('GemeentenResponse', 'OK') },
        },
      },
      '/api/regions': {
        get: {
          summary:
            'Regions (named lists of gemeenten), predefined and user-made; a predefined region only when the store has buurten of one of its gemeenten',
          responses: { '200': json('RegionsResponse', 'OK') },
        },
        post: {
          summary:
            "Create a region (logged in, with the session's X-CSRF-Token): your organisation's, or public (admins); every gemeente code must exist, the name is plain text and new",
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('CreateRegionRequest') } },
          },
          responses: { '201': json('Region', 'Created'), ...errors },
        },
      },
      '/api/maps/definitions': {
        get: {
          summary:
            'The nine maps and the extra layers, with years/periods and texts; with an area, what each map has there (years/periods with data, default, why an empty map is empty) and the first map with data',
          parameters: [
            q(
              'area',
              'Gemeente code (GMgggg, also one formed after the division from whole gemeenten of it: `area.formedFrom`) or region id: list only the years/periods with data for at least half of its buurten (else any), default to the newest, and give per map `availability`',
              false,
              'GM0202',
            ),
            EDITION_PARAMETER,
          ],
          responses: { '200': json('MapDefinitionsResponse', 'OK'), ...errors, ...EDITION_ERRORS },
        },
      },
      '/api/maps': {
        get: {
          summary: 'One map of a gemeente or region as a GeoJSON FeatureCollection with legend and metadata',
          parameters: [
            q('area', AREA_PARAMETER, true, 'GM0917'),
            q(
              'map',
              'Map id (corporatiebezit, …, veerkracht-relatief, lage-inkomens) or an indicator id',
              true,
              'veerkracht-absoluut',
            ),
            q(
              'period',
              'Period for change and classification maps, t0-t1 (default: the one the app opens on for the area, as GET /api/maps/definitions?area= gives it)',
              false,
              '2016-2020',
            ),
            q(
              'year',
              'Year for level maps (default: the newest year with data for the area, as GET /api/maps/definitions?area= gives it)',
              false,
              '2020',
            ),
            EDITION_PARAMETER,
          ],
          responses: {
            '200': json('MapResponse', 'OK (gzip when accepted; ETag; 304 on If-None-Match)'),
            '304': { description: 'Not modified' },
            ...errors,
            ...EDITION_ERRORS,
          },
        },
      },
      ...Object.fromEntries(
        (
          [
            ['csv', 'text/csv', 'CSV (UTF-8 with BOM)'],
            ['geojson', 'application/geo+json', 'GeoJSON in WGS84 (the display geometry)'],
            ['gpkg', 'application/geopackage+sqlite3', 'GeoPackage in RD New (EPSG:28992)'],
            ['pdf', 'application/pdf', 'PDF of the app’s print view (A4 or A3 landscape)'],
          ] as const
        ).map(([ext, type, what]) => [
          `/api/maps.${ext}`,
          {
            get: {
              summary: `One map of a gemeente or region as a file: ${what}; per buurt value, class, flags, the changes in concentration and nuisance that drive a class, and the source editions`,
              parameters: [
                q('area', AREA_PARAMETER, true, 'GM0917'),
                q('map', 'Map id or an indicator id', true, 'veerkracht-relatief'),
                q('period', 'Period for change and classification maps, t0-t1', false, '2016-2020'),
                q('year', 'Year for level maps', false, '2020'),
                EDITION_PARAMETER,
                ...(ext === 'pdf'
                  ? [
                      q('size', 'a4 (default) or a3', false, 'a4'),
                      q('lang', 'nl (default) or en', false, 'nl'),
                    ]
                  : []),
              ],
              responses: {
                '200': {
                  description: 'The file, as an attachment',
                  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
                },
                ...errors,
                ...EDITION_ERRORS,
              },
            },
          },
        ]),
      ),
      '/api/buurten': {
        get: {
          summary: 'Buurten whose name (or code) contains q, accents and case ignored, best first',
          parameters: [
            q('q', 'At least 2 characters of a buurt name or code', true, 'Burg'),
            q('limit', 'At most this many buurten (1–50, default 20)', false, '20'),
          ],
          responses: { '200': json('BuurtSearchResponse', 'OK'), ...errors },
        },
      },
      '/api/buurten/{code}': {
        get: {
          summary: 'A buurt: all indicators over all years, class per period, explanation',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', example: 'BU09173300' } },
            q(
              'period',
              'Period t0-t1 the explanation is about (default: the default period)',
              false,
              '2016-2020',
            ),
            EDITION_PARAMETER,
          ],
          responses: { '200': json('BuurtResponse', 'OK'), ...errors, ...EDITION_ERRORS },
        },
      },
      '/api/compare': {
        get: {
          summary:
            'Key figures per area: buurten and inhabitants per class, corporatiebuurten, mean index, correlation',
          parameters: [
            q('areas', 'Comma-separated gemeente codes or region ids', true, 'GM0917,GM0928'),
            q('period', 'Period t0-t1', false, '2016-2020'),
            EDITION_PARAMETER,
          ],
          responses: { '200': json('CompareResponse', 'OK'), ...errors, ...EDITION_ERRORS },
        },
      },
      '/api/config': {
        get: {
          summary:
            'The engine configuration in effect (thresholds, periods, weights, minimum population, …), its hash and the keys changed from the defaults',
          responses: { '200': json('ConfigResponse', 'OK') },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OK' } } } },
      ...membersPaths(),
      ...reportPaths(),
      ...scenarioPaths(),
      ...insightsPaths(),
      ...editionPaths(),
    },
    components: { schemas },
  };
}
