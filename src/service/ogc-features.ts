/**
 * OGC API – Features (Part 1 Core with GeoJSON, Part 2 CRS by reference) over the maps: one
 * collection per map of the nine (and the maps outside them) and per indicator layer; items are
 * buurten with code, name, gemeente, value, class, flags and the source editions, in CRS84 (the
 * simplified display geometry the app draws) or EPSG:28992 (the stored RD New geometry, full
 * detail). A collection is national; `gemeente` narrows it to one gemeente (or region), whose
 * classes and default year or period are then exactly those of the app's map of that area.
 * Routes: src/server/routes/ogc.ts.
 */
import type { OgcItemsQuery } from '../api/ogc.js';
import { AppError } from '../core/app-error.js';
import type { PolygonGeometry } from '../core/records.js';
import { getMapDefinitions } from './maps.js';
import { displayGeometries, getMapRows, rdGeometries, type MapRow, type MapRows } from './map-rows.js';
import type { ReadContext } from './read-context.js';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const RD_NEW = 'http://www.opengis.net/def/crs/EPSG/0/28992';
const CRS_LIST = [CRS84, RD_NEW];
const LEGACY_RD_CRS = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } as const;
/** The Netherlands, generously (CRS84). */
const NL_BBOX_CRS84 = [3.2, 50.7, 7.3, 53.6];

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

export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  links: OgcLink[];
  extent: { spatial: { bbox: number[][]; crs: string } };
  itemType: 'feature';
  crs: string[];
  storageCrs: string;
  /** What the year/period parameter offers, and the default (as the app shows the map). */
  'veerkracht:kind': 'level' | 'change' | 'classification' | 'layer';
  'veerkracht:years'?: number[];
  'veerkracht:periods'?: string[];
  'veerkracht:default'?: string | number;
}

export interface OgcFeature {
  type: 'Feature';
  id: string;
  geometry: PolygonGeometry | null;
  properties: Record<string, string | number | null>;
}

export interface OgcItems {
  type: 'FeatureCollection';
  /** In EPSG:28992 also the GeoJSON 2008 `crs` member, which GDAL's GeoJSON reader (and QGIS) honour. */
  crs?: { type: 'name'; properties: { name: string } };
  features: OgcFeature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: OgcLink[];
}

/** A CRS named by its URI (or EPSG:28992 / CRS84 for short); USAGE otherwise. */
export function parseCrs(raw: string | undefined, parameter: string): string {
  if (raw === undefined) return CRS84;
  const s = raw.trim().replace(/^\[(.*)\]$/, '$1');
  if (s === CRS84 || /^(OGC:)?CRS84$/i.test(s)) return CRS84;
  if (s === RD_NEW || /^EPSG:28992$/i.test(s) || s === 'http://www.opengis.net/def/crs/EPSG/0/28992')
    return RD_NEW;
  throw new AppError(
    'USAGE',
    `parameter '${parameter}': '${raw}' is not offered; use ${CRS_LIST.join(' or ')}`,
  );
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

/** Every collection: the nine maps, the maps outside them, then the indicator layers. */
export async function ogcCollections(ctx: ReadContext, base: string) {
  const defs = await getMapDefinitions(ctx);
  const collections: OgcCollection[] = [
    ...[...defs.maps, ...(defs.extraMaps ?? [])].map((m) =>
      collection(
        base,
        m.id,
        m.number !== undefined ? `${m.number}. ${m.titleNl}` : m.titleNl,
        m.howToReadNl,
        {
          'veerkracht:kind': m.kind,
          ...(m.years ? { 'veerkracht:years': m.years } : {}),
          ...(m.periods ? { 'veerkracht:periods': m.periods } : {}),
          ...(m.defaultYear !== undefined ? { 'veerkracht:default': m.defaultYear } : {}),
          ...(m.defaultPeriod !== undefined ? { 'veerkracht:default': m.defaultPeriod } : {}),
        },
      ),
    ),
    ...defs.layers.map((l) => {
      const years = l.years ?? [];
      const last = years[years.length - 1];
      return collection(base, l.id, `Laag: ${l.titleNl}`, `Indicator ${l.titleNl} (${l.unit}) per buurt.`, {
        'veerkracht:kind': 'layer',
        'veerkracht:years': years,
        ...(last !== undefined ? { 'veerkracht:default': last } : {}),
      });
    }),
  ];
  return {
    links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'this document' }],
    collections,
    crs: CRS_LIST,
  };
}

/** One collection; NOT_FOUND-like MAP_NOT_FOUND for an unknown id. */
export async function ogcCollection(ctx: ReadContext, base: string, id: string) {
  const all = await ogcCollections(ctx, base);
  const c = all.collections.find((x) => x.id === id);
  if (!c) throw new AppError('MAP_NOT_FOUND', `no collection '${id}'; GET ${base}/collections lists them`);
  return c;
}

function collection(
  base: string,
  id: string,
  title: string,
  description: string,
  extra: Pick<
    OgcCollection,
    'veerkracht:kind' | 'veerkracht:years' | 'veerkracht:periods' | 'veerkracht:default'
  >,
): OgcCollection {
  const href = `${base}/collections/${encodeURIComponent(id)}`;
  return {
    id,
    title,
    description,
    links: [
      { href, rel: 'self', type: 'application/json', title: 'this collection' },
      { href: `${href}/items`, rel: 'items', type: 'application/geo+json', title: 'buurten' },
      {
        href: `${href}/schema`,
        rel: 'describedby',
        type: 'application/schema+json',
        title: 'JSON Schema of the buurten',
      },
    ],
    extent: { spatial: { bbox: [NL_BBOX_CRS84], crs: CRS84 } },
    itemType: 'feature',
    crs: CRS_LIST,
    storageCrs: RD_NEW,
    ...extra,
  };
}

/** Types of the item properties (ogcFeature), for the collection's JSON Schema. */
const PROPERTY_TYPES: Record<string, 'string' | 'number' | 'integer'> = {
  code: 'string',
  name: 'string',
  gemeente: 'string',
  gemeente_naam: 'string',
  period: 'string',
  value: 'number',
  class_id: 'string',
  class: 'string',
  flags: 'string',
  inhabitants: 'integer',
  delta_concentration: 'number',
  delta_nuisance: 'number',
  edition: 'string',
  data_edition: 'string',
};

/**
 * The JSON Schema of a collection's features (rel `describedby`), so that a client can type the
 * fields instead of guessing from the first page (where a value may be null throughout). GDAL
 * 3.6's OAPIF driver does not read it (it guesses: use `-oo PAGE_SIZE=1000` for a better guess).
 */
export async function ogcCollectionSchema(ctx: ReadContext, base: string, id: string) {
  await ogcCollection(ctx, base, id);
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `${base}/collections/${encodeURIComponent(id)}/schema`,
    title: id,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string' },
      geometry: { format: 'geometry-multipolygon' },
      properties: {
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(PROPERTY_TYPES).map(([k, t]) => [k, { type: [t, 'null'] }]),
        ),
      },
    },
  };
}

/** Items of a collection: filtered by gemeente and bbox, one page (offset, limit) with next/prev links. */
export async function ogcItems(
  ctx: ReadContext,
  base: string,
  id: string,
  q: OgcItemsQuery,
  now: Date = new Date(),
): Promise<OgcItems> {
  const crs = parseCrs(q.crs, 'crs');
  const mapRows = await getMapRows(ctx, {
    area: q.gemeente,
    map: id,
    year: q.year,
    period: q.period,
  });
  let rows = mapRows.rows;
  if (q.bbox !== undefined) {
    const box = parseBbox(q.bbox);
    const bboxCrs = parseCrs(q['bbox-crs'], 'bbox-crs');
    const envelopes =
      bboxCrs === RD_NEW
        ? await rdEnvelopes(ctx, mapRows.divisionYear, rows)
        : await displayEnvelopes(ctx, mapRows.divisionYear, rows);
    rows = rows.filter((r) => {
      const e = envelopes.get(r.code);
      return e !== undefined && e[0] <= box[2] && e[2] >= box[0] && e[1] <= box[3] && e[3] >= box[1];
    });
  }
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const page = rows.slice(offset, offset + limit);
  const geometry =
    crs === RD_NEW
      ? await rdGeometries(
          ctx,
          mapRows.divisionYear,
          page.map((r) => r.code),
        )
      : await displayGeometries(
          ctx,
          mapRows,
          page.map((r) => r.gemeente),
        );
  const shown = mapRows.built.period ?? mapRows.built.year;
  const edition = editionLabel(mapRows);
  const features = page.map((r) =>
    ogcFeature(r, geometry.get(r.code) ?? null, crs, shown, mapRows.demo, edition),
  );
  const self = itemsUrl(base, id, q, offset, limit);
  const links: OgcLink[] = [
    { href: self, rel: 'self', type: 'application/geo+json', title: 'this page' },
    {
      href: `${base}/collections/${encodeURIComponent(id)}`,
      rel: 'collection',
      type: 'application/json',
      title: 'the collection',
    },
  ];
  if (offset + limit < rows.length)
    links.push({
      href: itemsUrl(base, id, q, offset + limit, limit),
      rel: 'next',
      type: 'application/geo+json',
      title: 'next page',
    });
  if (offset > 0)
    links.push({
      href: itemsUrl(base, id, q, Math.max(0, offset - limit), limit),
      rel: 'prev',
      type: 'application/geo+json',
      title: 'previous page',
    });
  return {
    type: 'FeatureCollection',
    ...(crs === RD_NEW ? { crs: LEGACY_RD_CRS } : {}),
    features,
    numberMatched: rows.length,
    numberReturned: features.length,
    timeStamp: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    links,
  };
}

/** One buurt of a collection (AREA_NOT_FOUND when it is not on the map). */
export async function ogcItem(
  ctx: ReadContext,
  base: string,
  id: string,
  featureId: string,
  q: Pick<OgcItemsQuery, 'crs' | 'year' | 'period'>,
): Promise<OgcFeature & { links: OgcLink[] }> {
  const crs = parseCrs(q.crs, 'crs');
  const code = featureId.trim().toUpperCase();
  const state = await ctx.state.get();
  const buurt = state.engine.table.buurten.find((b) => b.code === code);
  if (!buurt) throw new AppError('AREA_NOT_FOUND', `no buurt ${code} in collection '${id}'`);
  const mapRows = await getMapRows(ctx, { area: buurt.gemeente, map: id, year: q.year, period: q.period });
  const row = mapRows.rows.find((r) => r.code === code);
  if (!row) throw new AppError('AREA_NOT_FOUND', `no buurt ${code} in collection '${id}'`);
  const geometry =
    crs === RD_NEW
      ? await rdGeometries(ctx, mapRows.divisionYear, [code])
      : await displayGeometries(ctx, mapRows, [row.gemeente]);
  const shown = mapRows.built.period ?? mapRows.built.year;
  const href = `${base}/collections/${encodeURIComponent(id)}/items/${encodeURIComponent(code)}`;
  return {
    ...ogcFeature(row, geometry.get(code) ?? null, crs, shown, mapRows.demo, editionLabel(mapRows)),
    links: [
      { href, rel: 'self', type: 'application/geo+json', title: 'this buurt' },
      {
        href: `${base}/collections/${encodeURIComponent(id)}`,
        rel: 'collection',
        type: 'application/json',
        title: 'the collection',
      },
    ],
  };
}

function ogcFeature(
  r: MapRow,
  geometry: PolygonGeometry | null,
  crs: string,
  shown: string | number | null,
  demo: boolean,
  dataEdition: string | null = null,
): OgcFeature {
  return {
    type: 'Feature',
    id: r.code,
    geometry: geometry ? roundGeometry(geometry, crs === RD_NEW ? 3 : 7) : null,
    properties: {
      code: r.code,
      name: r.name,
      gemeente: r.gemeente,
      gemeente_naam: r.gemeenteName,
      period: shown === null ? null : String(shown),
      value: r.value,
      class_id: r.classId,
      class: r.label,
      flags: r.flags.join(','),
      inhabitants: r.inhabitants,
      delta_concentration: r.deltaConcentration,
      delta_nuisance: r.deltaNuisance,
      edition: r.editions.join('; ') + (demo ? ' (demo — fictieve gegevens)' : ''),
      data_edition: dataEdition,
    },
  };
}

function itemsUrl(base: string, id: string, q: OgcItemsQuery, offset: number, limit: number): string {
  const p = new URLSearchParams();
  for (const k of ['gemeente', 'year', 'period', 'edition', 'bbox', 'bbox-crs', 'crs', 'f'] as const) {
    const v = q[k];
    if (v !== undefined) p.set(k, String(v));
  }
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return `${base}/collections/${encodeURIComponent(id)}/items?${p.toString()}`;
}

/** `minx,miny,maxx,maxy` (a 6-number 3D box is accepted, heights ignored). */
function parseBbox(raw: string): [number, number, number, number] {
  const n = raw.split(',').map((s) => Number(s.trim()));
  if ((n.length !== 4 && n.length !== 6) || n.some((v) => !Number.isFinite(v)))
    throw new AppError('USAGE', `parameter 'bbox': four numbers minx,miny,maxx,maxy, not '${raw}'`);
  return n.length === 4 ? [n[0]!, n[1]!, n[2]!, n[3]!] : [n[0]!, n[1]!, n[3]!, n[4]!];
}

type Envelope = [number, number, number, number];

async function rdEnvelopes(
  ctx: ReadContext,
  divisionYear: number,
  rows: readonly MapRow[],
): Promise<Map<string, Envelope>> {
  const out = new Map<string, Envelope>();
  for (const gm of new Set(rows.map((r) => r.gemeente)))
    for (const g of await ctx.store.getGeometries({ divisionYear, gemeente: gm })) out.set(g.code, g.bbox);
  return out;
}

async function displayEnvelopes(
  ctx: ReadContext,
  divisionYear: number,
  rows: readonly MapRow[],
): Promise<Map<string, Envelope>> {
  const out = new Map<string, Envelope>();
  const geometry = await displayGeometries(
    ctx,
    { divisionYear },
    rows.map((r) => r.gemeente),
  );
  for (const [code, g] of geometry) if (g) out.set(code, envelope(g));
  return out;
}

function envelope(g: PolygonGeometry): Envelope {
  const e: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys)
    for (const ring of poly)
      for (const p of ring) {
        e[0] = Math.min(e[0], p[0]!);
        e[1] = Math.min(e[1], p[1]!);
        e[2] = Math.max(e[2], p[0]!);
        e[3] = Math.max(e[3], p[1]!);
      }
  return e;
}

function roundGeometry(g: PolygonGeometry, digits: number): PolygonGeometry {
  const f = 10 ** digits;
  const ring = (r: number[][]) => r.map((p) => [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f]);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** The data edition of a map's rows as an item says it: "editie 2026-1 (edition=3)". */
function editionLabel(m: MapRows): string | null {
  return m.dataEdition ? `${m.dataEdition.label} (edition=${m.dataEdition.id})` : null;
}
