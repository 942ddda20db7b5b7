/**
 * OGC API – Features under /ogc on a synthetic store (in process): landing page, conformance,
 * the OpenAPI description, collections (the nine maps and the layers), items with paging, the
 * gemeente filter, bbox in both CRSs, EPSG:28992 output, single items, errors, and the same
 * access rules as /api (members mode, share links).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { membersFixture, type MembersFixture } from './members-fixture.js';
import { SYNTHETIC_DIVISION, syntheticStore } from './synthetic-store.js';

const NINE = [
  'corporatiebezit',
  'concentratie-kwetsbaren',
  'ontwikkeling-concentratie',
  'leefbaarheid',
  'overlast-onveiligheid',
  'ontwikkeling-overlast',
  'veerkracht-absoluut',
  'veerkracht-relatief',
  'lage-inkomens',
];
const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

interface Items {
  type: string;
  features: {
    id: string;
    geometry: { type: string; coordinates: number[][][] };
    properties: Record<string, string | number | null>;
  }[];
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string }[];
  crs?: { properties: { name: string } };
}

describe('OGC API – Features on a synthetic store', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const get = async (path: string) => app.request(`http://test.example${path}`);
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 30,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(() => store.close());

  it('landing page links conformance, collections and its OpenAPI description; conformance names Core, GeoJSON and CRS', async () => {
    const landing = await json<{ links: { rel: string; href: string }[] }>('/ogc');
    const rels = Object.fromEntries(landing.links.map((l) => [l.rel, l.href]));
    expect(rels).toMatchObject({
      self: 'http://test.example/ogc',
      conformance: 'http://test.example/ogc/conformance',
      data: 'http://test.example/ogc/collections',
      'service-desc': 'http://test.example/ogc/api',
    });
    const conf = await json<{ conformsTo: string[] }>('/ogc/conformance');
    expect(conf.conformsTo).toEqual([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
    ]);
    const api = await json<{ paths: Record<string, { get: { parameters?: { name: string }[] } }> }>(
      '/ogc/api',
    );
    expect(api.paths['/collections/{collectionId}/items']!.get.parameters!.map((p) => p.name)).toEqual([
      'collectionId',
      'limit',
      'offset',
      'bbox',
      'bbox-crs',
      'crs',
      'gemeente',
      'year',
      'period',
      'edition',
    ]);
  });

  it('collections: the nine maps first, then layers; both CRSs, RD as storage CRS, the default period', async () => {
    const body = await json<{
      collections: {
        id: string;
        crs: string[];
        storageCrs: string;
        links: { rel: string; href: string }[];
        'veerkracht:default'?: string | number;
      }[];
    }>('/ogc/collections');
    expect(body.collections.slice(0, 9).map((c) => c.id)).toEqual(NINE);
    expect(body.collections.map((c) => c.id)).toContain('inhabitants');
    const relatief = body.collections.find((c) => c.id === 'veerkracht-relatief')!;
    expect(relatief.crs).toEqual([CRS84, RD]);
    expect(relatief.storageCrs).toBe(RD);
    expect(relatief['veerkracht:default']).toMatch(/^\d{4}-\d{4}$/);
    expect(relatief.links.find((l) => l.rel === 'items')!.href).toBe(
      'http://test.example/ogc/collections/veerkracht-relatief/items',
    );
    const one = await json<{ id: string }>('/ogc/collections/veerkracht-relatief');
    expect(one.id).toBe('veerkracht-relatief');
    const schema = await json<{
      properties: { properties: { properties: Record<string, { type: string[] }> } };
    }>('/ogc/collections/veerkracht-relatief/schema');
    expect(schema.properties.properties.properties['inhabitants']!.type).toEqual(['integer', 'null']);
    expect((await get('/ogc/collections/nope/schema')).status).toBe(404);
    expect((await get('/ogc/collections/nope')).status).toBe(404);
  });

  it('items page through all buurten with next/prev links; numberMatched counts them', async () => {
    const first = await json<Items>('/ogc/collections/veerkracht-relatief/items?limit=25');
    expect(first.type).toBe('FeatureCollection');
    expect(first.numberMatched).toBe(60);
    expect(first.numberReturned).toBe(25);
    const next = first.links.find((l) => l.rel === 'next')!.href;
    expect(next).toBe('http://test.example/ogc/collections/veerkracht-relatief/items?limit=25&offset=25');
    const codes = new Set(first.features.map((f) => f.id));
    let page = first;
    while (page.links.some((l) => l.rel === 'next')) {
      page = await json<Items>(
        page.links.find((l) => l.rel === 'next')!.href.replace('http://test.example', ''),
      );
      for (const f of page.features) codes.add(f.id);
    }
    expect(codes.size).toBe(60);
    expect(page.numberReturned).toBe(10);
    expect(page.links.find((l) => l.rel === 'prev')!.href).toContain('offset=25');
  });

  it('gemeente filter: the buurten of that gemeente with the same classes as GET /api/maps', async () => {
    const items = await json<Items>('/ogc/collections/veerkracht-relatief/items?gemeente=GM0928&limit=1000');
    expect(items.numberMatched).toBe(30);
    expect(new Set(items.features.map((f) => f.properties['gemeente']))).toEqual(new Set(['GM0928']));
    const map = (await (await get('/api/maps?area=GM0928&map=veerkracht-relatief')).json()) as {
      features: { id: string; properties: { label: string; classId: string } }[];
      meta: { period: string };
    };
    for (const f of items.features) {
      const m = map.features.find((x) => x.id === f.id)!;
      expect(f.properties['class']).toBe(m.properties.label);
      expect(f.properties['class_id']).toBe(m.properties.classId);
      expect(f.properties['period']).toBe(map.meta.period);
    }
    const p = items.features[0]!.properties;
    expect(Object.keys(p)).toEqual([
      'code',
      'name',
      'gemeente',
      'gemeente_naam',
      'period',
      'value',
      'class_id',
      'class',
      'flags',
      'inhabitants',
      'delta_concentration',
      'delta_nuisance',
      'edition',
      'data_edition',
    ]);
    expect(items.features.some((f) => typeof f.properties['delta_concentration'] === 'number')).toBe(true);
    expect(items.features.some((f) => String(f.properties['edition']).includes('synthetic test data'))).toBe(
      true,
    );
  });

  it('crs=EPSG:28992 gives the stored RD geometry (Content-Crs says so); CRS84 the display geometry', async () => {
    const res = await get(
      `/ogc/collections/inhabitants/items?gemeente=GM0917&limit=1&crs=${encodeURIComponent(RD)}`,
    );
    expect(res.headers.get('Content-Crs')).toBe(`<${RD}>`);
    expect(res.headers.get('Content-Type')).toContain('application/geo+json');
    const rd = (await res.json()) as Items;
    const code = rd.features[0]!.id;
    const [stored] = await store.getGeometries({ divisionYear: SYNTHETIC_DIVISION, codes: [code] });
    expect(rd.features[0]!.geometry.coordinates).toEqual(stored!.rd.coordinates);
    expect(rd.crs!.properties.name).toBe('urn:ogc:def:crs:EPSG::28992');
    const wgs = await get('/ogc/collections/inhabitants/items?gemeente=GM0917&limit=1');
    expect(wgs.headers.get('Content-Crs')).toBe(`<${CRS84}>`);
    const [x, y] = ((await wgs.json()) as Items).features[0]!.geometry.coordinates[0]![0]!;
    expect(x).toBeCloseTo(3.3 + 150000 / 70000, 5);
    expect(y).toBeCloseTo(47.1 + 450000 / 111000, 5);
    expect((await get('/ogc/collections/inhabitants/items?crs=EPSG:4326')).status).toBe(400);
  });

  it('bbox in RD (bbox-crs) and in CRS84 select the same buurten', async () => {
    // GM0917 buurten 0..9 lie in x 150000–155000, y 450000–450500 (the first row of squares)
    const rd = await json<Items>(
      `/ogc/collections/inhabitants/items?bbox=150100,450100,154900,450400&bbox-crs=${encodeURIComponent(RD)}`,
    );
    expect(rd.numberMatched).toBe(10);
    const lon = (x: number) => 3.3 + x / 70000;
    const lat = (y: number) => 47.1 + y / 111000;
    const wgs = await json<Items>(
      `/ogc/collections/inhabitants/items?bbox=${lon(150100)},${lat(450100)},${lon(154900)},${lat(450400)}`,
    );
    expect(wgs.features.map((f) => f.id)).toEqual(rd.features.map((f) => f.id));
    expect((await get('/ogc/collections/inhabitants/items?bbox=1,2,3')).status).toBe(400);
  });

  it('one item by its code; unknown codes and unknown parameters are refused', async () => {
    const all = await json<Items>('/ogc/collections/lage-inkomens/items?limit=1');
    const code = all.features[0]!.id;
    const item = await json<{ id: string; properties: { code: string } }>(
      `/ogc/collections/lage-inkomens/items/${code.toLowerCase()}`,
    );
    expect(item.properties.code).toBe(code);
    expect((await get('/ogc/collections/lage-inkomens/items/BU99999999')).status).toBe(404);
    const bad = await get('/ogc/collections/lage-inkomens/items?colour=red');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("'colour'");
  });
});

describe('OGC API – Features: the access rules of /api', () => {
  let members: MembersFixture;
  beforeAll(async () => {
    members = await membersFixture('members');
  });
  afterAll(() => members.store.close());

  it('members mode: anonymous 401, a member reads, a share link is refused (it reads its area on /api only)', async () => {
    const status = async (viewer: keyof MembersFixture['viewers']) =>
      (
        await members.app.request('/ogc/collections/veerkracht-relatief/items?gemeente=GM0917', {
          headers: members.viewers[viewer].headers,
        })
      ).status;
    expect(await status('anonymous')).toBe(401);
    expect(await status('member')).toBe(200);
    expect(await status('link-this-area')).toBe(403);
    expect((await members.app.request('/ogc')).status).toBe(401);
  });
});
