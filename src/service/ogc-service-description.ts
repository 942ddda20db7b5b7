/**
 * The documents of the OGC API – Features that describe the service rather than the data: the
 * landing page, the conformance classes and the OpenAPI description of /ogc.
 * Routes: src/server/routes/ogc.ts.
 */
import { CRS_LIST, CRS84 } from './ogc-crs.js';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export interface OgcLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export function ogcLanding(base: string) {
  return {
    title: 'Veerkracht — veerkrachtkaarten (OGC API – Features)',
    description:
      'De negen veerkrachtkaarten en elke indicator als laag, per buurt; in CRS84 of RD New (EPSG:28992).',
    links: [
      { href: `${base}`, rel: 'self', type: 'application/json', title: 'this document' },
      { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'conformance' },
      { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'collections' },
      {
        href: `${base}/api`,
        rel: 'service-desc',
        type: 'application/vnd.oai.openapi+json;version=3.0',
        title: 'OpenAPI description of /ogc',
      },
    ],
  };
}

const param = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  style: 'form',
  explode: false,
});

/**
 * The OpenAPI description of /ogc. Clients read the items parameters from it: GDAL's OAPIF
 * driver sends an attribute filter `gemeente = '…'` to the server because `gemeente` is listed,
 * and takes its page size from the maximum of `limit`.
 */
export function ogcApiDocument(base: string) {
  const json = { 'application/json': { schema: { type: 'object' } } };
  const geojson = { 'application/geo+json': { schema: { type: 'object' } } };
  const items = [
    param('limit', 'buurten per page', { type: 'integer', minimum: 1, maximum: 10000, default: 100 }),
    param('offset', 'buurten to skip (the next link sets it)', { type: 'integer', minimum: 0, default: 0 }),
    param('bbox', 'minx,miny,maxx,maxy in bbox-crs', {
      type: 'array',
      minItems: 4,
      maxItems: 6,
      items: { type: 'number' },
    }),
    param('bbox-crs', 'CRS of bbox', { type: 'string', enum: CRS_LIST, default: CRS84 }),
    param('crs', 'CRS of the geometry', { type: 'string', enum: CRS_LIST, default: CRS84 }),
    param(
      'gemeente',
      'a gemeente code (GM0917) or region id: its buurten, classed as the app shows that area',
      {
        type: 'string',
      },
    ),
    param('year', 'level maps and layers: the year (default: the newest with data)', { type: 'integer' }),
    param('period', 'change and veerkracht maps: the period, e.g. 2016-2020 (default: as the app shows it)', {
      type: 'string',
      pattern: '^\\d{4}-\\d{4}$',
    }),
    param('edition', 'a data edition id (GET /api/editions); absent = the newest', {
      type: 'integer',
      minimum: 1,
    }),
  ];
  const collectionId = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } };
  const featureId = { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } };
  const ok = (content: object) => ({ '200': { description: 'OK', content } });
  return {
    openapi: '3.0.3',
    info: { title: 'Veerkracht OGC API – Features', version: '1.0.0' },
    servers: [{ url: base }],
    paths: {
      '/': { get: { operationId: 'landingPage', responses: ok(json) } },
      '/conformance': { get: { operationId: 'conformance', responses: ok(json) } },
      '/collections': { get: { operationId: 'collections', responses: ok(json) } },
      '/collections/{collectionId}': {
        get: { operationId: 'collection', parameters: [collectionId], responses: ok(json) },
      },
      '/collections/{collectionId}/items': {
        get: { operationId: 'items', parameters: [collectionId, ...items], responses: ok(geojson) },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'item',
          parameters: [
            collectionId,
            featureId,
            ...items.filter((p) => ['crs', 'year', 'period'].includes(p.name)),
          ],
          responses: ok(geojson),
        },
      },
    },
  };
}

export function ogcConformance() {
  return { conformsTo: CONFORMANCE };
}
