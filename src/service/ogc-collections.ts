/**
 * The collections of the OGC API – Features: one per map of the nine (and the maps outside them)
 * and per indicator layer, each with the years or periods it offers, and the JSON Schema of its
 * features. Routes: src/server/routes/ogc.ts.
 */
import { AppError } from '../core/app-error.js';
import { getMapDefinitions } from './maps.js';
import { CRS_LIST, CRS84, RD_NEW } from './ogc-crs.js';
import type { OgcLink } from './ogc-service-description.js';
import type { ReadContext } from './read-context.js';

/** The Netherlands, generously (CRS84). */
const NL_BBOX_CRS84 = [3.2, 50.7, 7.3, 53.6];

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
