/**
 * The stand-in CBS OData services, as documented and as the public clients meet them:
 *
 * v3 (opendata.cbs.nl for catalog CBS, dataderden.cbs.nl for third parties — a table exists on
 * its own host only; elsewhere 404):
 *   /ODataApi/odata/<id>[/<collection>]   the standard API: metadata, and data queries of at
 *       most 10,000 cells — a TypedDataSet query above that is refused with HTTP 500
 *       ("query returns more than 10000 records"); it never pages (no odata.nextLink)
 *   /ODataFeed/odata/<id>[/<collection>]  the Feed (bulk): every collection 10,000 rows a page,
 *       `odata.nextLink` absolute at the official host, repeating the query plus `$skip`
 *   Without `$format=json` (or an Accept of JSON) both answer Atom XML, as the real ones do.
 *   `$select`, `$filter` (per dimension, see odata-query.ts), `$top`, `$skip`.
 *
 * v4 (datasets.cbs.nl/odata/v1/CBS/<id>): the index of collections, Observations (long: one
 * row per area and measure; 10,000 a page with an absolute `@odata.nextLink`), MeasureCodes,
 * MeasureGroups, Dimensions, <Dimension>Codes, Properties.
 */
import type { CbsTable } from './cbs-tables.js';
import { cubeRow, FilterError, parseFilter, selectCube, type Cube } from './odata-query.js';
import type { Exchange } from './server.js';

export const FEED_PAGE = 10_000;
export const API_CELL_LIMIT = 10_000;
export const V4_PAGE = 10_000;

function odataError(x: Exchange, status: number, message: string): void {
  x.json(status, { 'odata.error': { code: '', message: { lang: 'en-US', value: message } } });
}

function wantsJson(x: Exchange): boolean {
  return x.url.searchParams.get('$format') === 'json' || /json/i.test(String(x.req.headers['accept'] ?? ''));
}

/** The Atom the v3 services send without $format=json (enough to break a JSON parser). */
function atom(x: Exchange, id: string, collection: string): void {
  x.text(
    200,
    `<?xml version="1.0" encoding="utf-8"?><feed xml:base="https://${x.host}/ODataFeed/odata/${id}/" xmlns="http://www.w3.org/2005/Atom" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><id>https://${x.host}/ODataFeed/odata/${id}/${collection}</id><title type="text">${collection}</title></feed>`,
    'application/atom+xml;type=feed;charset=utf-8',
  );
}

function encodeParams(params: [string, string][]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%24/g, '$')}`).join('&');
}

/** The query's parameters in their order, `$skip` replaced. */
function withSkip(url: URL, skip: number): string {
  const params = [...url.searchParams.entries()].filter(([k]) => k !== '$skip');
  params.push(['$skip', String(skip)]);
  return encodeParams(params);
}

const COLLECTIONS = ['TableInfos', 'UntypedDataSet', 'TypedDataSet', 'DataProperties', 'CategoryGroups'];

function tableInfos(t: CbsTable, x: Exchange): Record<string, unknown>[] {
  const cells = t.cube.dimensions.reduce((n, d) => n * d.keys.length, 1);
  return [
    {
      ID: 0,
      Title: t.title,
      ShortTitle: t.title.slice(0, 40),
      Identifier: t.id,
      Summary: t.title,
      Modified: '2025-01-01T02:00:00',
      MetaDataModified: '2025-01-01T02:00:00',
      ReasonDelivery: 'Actualisering',
      Frequency: 'Perjaar',
      Period: '',
      Catalog: t.catalog,
      ApiUrl: `https://${x.host}/ODataApi/odata/${t.id}`,
      FeedUrl: `https://${x.host}/ODataFeed/odata/${t.id}`,
      RecordCount: cells,
      ColumnCount: t.properties.length,
    },
  ];
}

function pageOf<T>(rows: T[], skip: number, top: number | undefined): T[] {
  return rows.slice(skip, top !== undefined ? skip + top : undefined);
}

/** Handles /ODataApi/… and /ODataFeed/… on a CBS v3 host; false when the path is not one of them. */
export function handleCbsV3(x: Exchange, tables: ReadonlyMap<string, CbsTable>): boolean {
  const m = /^\/(ODataApi|ODataFeed)\/odata\/([^/]+)(?:\/([^/?]+))?\/?$/i.exec(x.path);
  if (!m) return false;
  const feed = m[1]!.toLowerCase() === 'odatafeed';
  const service = feed ? 'ODataFeed' : 'ODataApi';
  const id = m[2]!;
  const collection = m[3];
  const t = [...tables.values()].find((tb) => tb.id.toLowerCase() === id.toLowerCase());
  if (!t || t.host !== x.host || t.goneFromV3) {
    odataError(x, t?.goneFromV3 ?? 404, `Tabel ${id} bestaat niet (of niet meer) op ${x.host}`);
    return true;
  }
  if (x.method === 'HEAD') {
    x.text(200, '', 'application/json;charset=utf-8');
    return true;
  }
  const base = `https://${x.host}/${service}/odata/${t.id}`;
  if (!wantsJson(x)) {
    atom(x, t.id, collection ?? '');
    return true;
  }
  const skip = Number(x.url.searchParams.get('$skip') ?? 0);
  const topRaw = x.url.searchParams.get('$top');
  const top = topRaw === null ? undefined : Number(topRaw);
  /** Rows of a non-data collection, paged on the Feed. */
  const list = (rows: Record<string, unknown>[], metadata: string): void => {
    if (!feed) {
      x.json(200, { 'odata.metadata': `${base}/$metadata#${metadata}`, value: pageOf(rows, skip, top) });
      return;
    }
    const limit = top !== undefined ? Math.min(top, FEED_PAGE) : FEED_PAGE;
    const value = rows.slice(skip, skip + limit);
    const body: Record<string, unknown> = { 'odata.metadata': `${base}/$metadata#${metadata}`, value };
    const end = top !== undefined ? Math.min(rows.length, skip + top) : rows.length;
    if (skip + value.length < end)
      body['odata.nextLink'] = `${base}/${collection}?${withSkip(x.url, skip + value.length)}`;
    x.json(200, body);
  };
  if (collection === undefined) {
    const names = [...COLLECTIONS, ...t.lists.keys()];
    x.json(200, {
      'odata.metadata': `${base}/$metadata`,
      value: names.map((name) => ({ name, url: `${base}/${name}` })),
    });
    return true;
  }
  if (collection === 'TableInfos') return (list(tableInfos(t, x), 'Cbs.OData.WebAPI.TableInfos'), true);
  if (collection === 'DataProperties') return (list(t.properties, 'Cbs.OData.WebAPI.DataProperties'), true);
  if (collection === 'CategoryGroups') return (list([], 'Cbs.OData.WebAPI.CategoryGroups'), true);
  const dimension = t.lists.get(collection);
  if (dimension)
    return (list(dimension as unknown as Record<string, unknown>[], `Cbs.OData.WebAPI.${collection}`), true);
  if (collection !== 'TypedDataSet' && collection !== 'UntypedDataSet') {
    odataError(x, 404, `Resource ${collection} bestaat niet`);
    return true;
  }
  dataSet(x, t, feed, base, collection, skip, top);
  return true;
}

function selectedColumns(x: Exchange, cube: Cube): string[] | undefined {
  const select = x.url.searchParams.get('$select');
  if (!select) return undefined;
  const known = new Set(['ID', ...cube.dimensions.map((d) => d.key), ...cube.topics]);
  const cols = select.split(',').map((s) => s.trim());
  const unknown = cols.find((c) => !known.has(c));
  if (unknown) throw new FilterError(`Could not find a property named '${unknown}'`);
  return cols;
}

function dataSet(
  x: Exchange,
  t: CbsTable,
  feed: boolean,
  base: string,
  collection: string,
  skip: number,
  top: number | undefined,
): void {
  let cols: string[] | undefined;
  let sel;
  try {
    cols = selectedColumns(x, t.cube);
    const f = x.url.searchParams.get('$filter');
    sel = selectCube(t.cube, f ? parseFilter(f) : undefined);
  } catch (e) {
    if (e instanceof FilterError) return odataError(x, 400, e.message);
    throw e;
  }
  const columns = cols ?? ['ID', ...t.cube.dimensions.map((d) => d.key), ...t.cube.topics];
  const available = Math.max(0, (top !== undefined ? Math.min(sel.count, skip + top) : sel.count) - skip);
  if (!feed && available * columns.length > API_CELL_LIMIT) {
    odataError(
      x,
      500,
      `query returns more than ${API_CELL_LIMIT} records (${available} rows × ${columns.length} columns); use the bulk feed (ODataFeed) or a filter`,
    );
    return;
  }
  const take = feed ? Math.min(available, FEED_PAGE) : available;
  const value: Record<string, unknown>[] = [];
  for (let n = skip; n < skip + take; n++) {
    const { id, dims } = cubeRow(t.cube, sel, n);
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      if (c === 'ID') row[c] = id;
      else if (c in dims) row[c] = dims[c];
      else {
        const v = t.cube.value(dims, c);
        row[c] = collection === 'UntypedDataSet' && v !== null ? String(v) : v;
      }
    }
    value.push(row);
  }
  const body: Record<string, unknown> = {
    'odata.metadata': `${base}/$metadata#Cbs.OData.WebAPI.${collection}`,
    value,
  };
  if (feed && take < available)
    body['odata.nextLink'] = `${base}/${collection}?${withSkip(x.url, skip + take)}`;
  x.json(200, body);
}

/** v4: the KWB tables of `tables` (and any other) as long observations. */
export function handleCbsV4(x: Exchange, tables: ReadonlyMap<string, CbsTable>): boolean {
  const m = /^\/odata\/v1\/CBS\/([^/]+)(?:\/([^/?]+))?\/?$/.exec(x.path);
  if (!m) return false;
  const t = [...tables.values()].find((tb) => tb.id.toLowerCase() === m[1]!.toLowerCase());
  const base = `https://${x.host}/odata/v1/CBS/${m[1]}`;
  if (!t || t.cube.dimensions.length !== 1) {
    x.json(404, { error: { code: 'NotFound', message: `Dataset ${m[1]} not found` } });
    return true;
  }
  const v4 = v4Model(t);
  const collection = m[2];
  const skip = Number(x.url.searchParams.get('$skip') ?? 0);
  const page = (rows: Record<string, unknown>[], name: string): void => {
    const value = rows.slice(skip, skip + V4_PAGE);
    const body: Record<string, unknown> = { '@odata.context': `${base}/$metadata#${name}`, value };
    if (skip + value.length < rows.length)
      body['@odata.nextLink'] = `${base}/${name}?${withSkip(x.url, skip + value.length)}`;
    x.json(200, body);
  };
  switch (collection) {
    case undefined:
      x.json(200, {
        '@odata.context': `${base}/$metadata`,
        value: [
          'Observations',
          'Dimensions',
          'WijkenEnBuurtenCodes',
          'MeasureCodes',
          'MeasureGroups',
          'Properties',
        ].map((name) => ({ name, kind: name === 'Properties' ? 'Singleton' : 'EntitySet', url: name })),
      });
      return true;
    case 'MeasureCodes':
      return (page(v4.measures, collection), true);
    case 'MeasureGroups':
      return (page(v4.groups, collection), true);
    case 'Dimensions':
      return (page(v4.dimensions, collection), true);
    case 'WijkenEnBuurtenCodes':
      return (page(v4.areas, collection), true);
    case 'Properties':
      x.json(200, { '@odata.context': `${base}/$metadata#Properties`, Identifier: t.id, Title: t.title });
      return true;
    case 'Observations': {
      let sel;
      try {
        const f = x.url.searchParams.get('$filter');
        sel = selectCube(v4.cube, f ? parseFilter(f) : undefined);
      } catch (e) {
        if (e instanceof FilterError) {
          x.json(400, { error: { code: 'BadRequest', message: e.message } });
          return true;
        }
        throw e;
      }
      const take = Math.max(0, Math.min(V4_PAGE, sel.count - skip));
      const value: Record<string, unknown>[] = [];
      for (let n = skip; n < skip + take; n++) {
        const { id, dims } = cubeRow(v4.cube, sel, n);
        const v = v4.cube.value(dims, '');
        value.push({
          Id: id,
          Measure: dims['Measure'],
          ValueAttribute: v === null ? 'Confidential' : 'None',
          Value: typeof v === 'number' ? v : null,
          StringValue: typeof v === 'string' ? v.trim() : null,
          WijkenEnBuurten: dims['WijkenEnBuurten'],
        });
      }
      const body: Record<string, unknown> = { '@odata.context': `${base}/$metadata#Observations`, value };
      if (skip + take < sel.count)
        body['@odata.nextLink'] = `${base}/Observations?${withSkip(x.url, skip + take)}`;
      x.json(200, body);
      return true;
    }
    default:
      x.json(404, { error: { code: 'NotFound', message: `${collection} not found` } });
      return true;
  }
}

interface V4Model {
  measures: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  dimensions: Record<string, unknown>[];
  areas: Record<string, unknown>[];
  cube: Cube;
}

const v4Cache = new WeakMap<CbsTable, V4Model>();

/** The v4 view of a one-dimension (KWB-like) v3 table: measure ids `M` + position, groups `G` + id. */
function v4Model(t: CbsTable): V4Model {
  const hit = v4Cache.get(t);
  if (hit) return hit;
  const topics = t.properties.filter((p) => p.Type === 'Topic');
  const measureId = new Map(topics.map((p, i) => [p.Key, `M${String(i + 1).padStart(6, '0')}`]));
  const keyOf = new Map([...measureId].map(([k, id]) => [id, k]));
  const geo = t.properties.find((p) => p.Key === 'WijkenEnBuurten');
  const areaKeys = t.lists.get('WijkenEnBuurten') ?? [];
  const v3 = t.cube;
  const model: V4Model = {
    measures: topics.map((p, i) => ({
      Identifier: measureId.get(p.Key),
      Index: i + 1,
      Title: p.Title,
      Description: '',
      MeasureGroupId: p.ParentID === null || p.ParentID === undefined ? null : `G${p.ParentID}`,
      DataType: p['Datatype'] ?? 'Long',
      Unit: p.Unit ?? '',
      Decimals: p['Decimals'] ?? 0,
      PresentationType: p['PresentationType'] ?? '',
    })),
    groups: t.properties
      .filter((p) => p.Type === 'TopicGroup')
      .map((p, i) => ({
        Id: `G${p.ID}`,
        Index: i + 1,
        Title: p.Title,
        Description: '',
        ParentId: p.ParentID === null || p.ParentID === undefined ? null : `G${p.ParentID}`,
      })),
    dimensions: [
      {
        Identifier: 'WijkenEnBuurten',
        Title: 'Wijken en buurten',
        Kind: 'GeoDimension',
        MapYear: Number(geo?.MapYear) || null,
      },
    ],
    areas: areaKeys.map((a, i) => ({
      Identifier: a.Key.trim(),
      Index: i + 1,
      Title: a.Title,
      DimensionGroupId: null,
    })),
    cube: {
      dimensions: [
        { key: 'WijkenEnBuurten', keys: areaKeys.map((a) => a.Key.trim()) },
        { key: 'Measure', keys: topics.map((p) => measureId.get(p.Key)!) },
      ],
      topics: [],
      value: (dims) =>
        v3.value({ WijkenEnBuurten: dims['WijkenEnBuurten']!.padEnd(10, ' ') }, keyOf.get(dims['Measure']!)!),
    },
  };
  v4Cache.set(t, model);
  return model;
}
