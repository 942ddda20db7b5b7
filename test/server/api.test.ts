import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BuurtResponseSchema,
  CompareResponseSchema,
  ErrorBodySchema,
  GemeentenResponseSchema,
  MapDefinitionsResponseSchema,
  MapResponseSchema,
  RegionSchema,
  RegionsResponseSchema,
} from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { addUser, ensureOrganisation } from '../../src/service/members/accounts.js';
import { createMembersContext } from '../../src/service/members/members-context.js';
import { createReadContext } from '../../src/service/read-context.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import type { Store } from '../../src/storage/store.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { fillSyntheticStore, syntheticStore } from './synthetic-store.js';

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

const COUNTRY = {
  gemeenten: 4,
  buurtenPerGemeente: 30,
  gemeenteCodes: ['GM0917', 'GM0928', 'GM0363', 'GM0344'],
};

describe('HTTP API on a synthetic store (SQLite)', () => apiTests(() => syntheticStore(COUNTRY)));

describe.skipIf(!hasPostgres)('HTTP API on a synthetic store (PostgreSQL)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  apiTests(async () => {
    const store = await openPgStore({ url: await server.createDatabase('api') });
    await fillSyntheticStore(store, COUNTRY);
    return store;
  });
});

/** The same requests and answers on either store. */
function apiTests(open: () => Promise<Store>): void {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await open();
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(() => store.close());

  it('GET /api/gemeenten lists gemeenten with buurten and years', async () => {
    const res = await app.request('/api/gemeenten');
    expect(res.status).toBe(200);
    const body = GemeentenResponseSchema.parse(await res.json());
    expect(body.gemeenten.map((g) => g.code)).toEqual(['GM0344', 'GM0363', 'GM0917', 'GM0928']);
    expect(body.gemeenten[0]!.buurten).toBe(30);
    expect(body.gemeenten[0]!.years).toContain(2020);
    expect(body.divisionYear).toBe(2020);
    expect(body.demo).toBe(false);
    // each edition with values says how many of the gemeenten it reaches; boundaries have none
    const valued = body.editions.filter((e) => e.source !== 'geo');
    expect(valued.length).toBeGreaterThan(0);
    for (const e of valued) expect(e.gemeenten, e.edition).toBeGreaterThanOrEqual(1);
    for (const e of valued) expect(e.gemeenten, e.edition).toBeLessThanOrEqual(4);
    for (const e of body.editions.filter((x) => x.source === 'geo')) expect(e.gemeenten).toBeNull();
  });

  it('GET /api/regions has Parkstad Limburg; POST (logged in) creates a region and refuses unknown codes', async () => {
    const regions = RegionsResponseSchema.parse(await (await app.request('/api/regions')).json());
    expect(regions.regions.find((r) => r.id === 'parkstad-limburg')?.gemeenten).toContain('GM0917');
    const members = createMembersContext(createReadContext(store));
    const { organisation } = await ensureOrganisation(members, 'Test corporatie');
    await addUser(members, 'cli', {
      email: 'regio@test.example',
      role: 'member',
      organisationId: organisation.id,
      password: 'a long enough password',
    });
    const login = await app.request('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: 'regio@test.example', password: 'a long enough password' }),
      headers: { 'Content-Type': 'application/json' },
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const post = (body: unknown) =>
      app.request('/api/regions', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      });
    const created = await post({ name: 'Zuid Test', gemeenten: ['GM0917', 'gm0928'] });
    expect(created.status).toBe(201);
    expect(RegionSchema.parse(await created.json())).toEqual({
      id: `o${organisation.id}-zuid-test`,
      name: 'Zuid Test',
      gemeenten: ['GM0917', 'GM0928'],
      predefined: false,
      visibility: 'organisation',
    });
    const bad = await post({ name: 'X', gemeenten: ['GM9999'] });
    expect(bad.status).toBe(404);
    expect(ErrorBodySchema.parse(await bad.json()).error.code).toBe('AREA_NOT_FOUND');
    const malformed = await post({ name: '', gemeenten: [] });
    expect(malformed.status).toBe(400);
  });

  it('GET /api/maps/definitions has the nine maps and the layers', async () => {
    const body = MapDefinitionsResponseSchema.parse(
      await (await app.request('/api/maps/definitions')).json(),
    );
    expect(body.maps.map((m) => m.id)).toEqual(NINE);
    expect(body.maps.find((m) => m.id === 'veerkracht-absoluut')?.defaultPeriod).toBe('2016-2020');
    expect(body.layers.some((l) => l.id === 'social_assistance_per_1000_15_64' && l.component)).toBe(true);
  });

  it.each(NINE)('GET /api/maps?map=%s returns one feature per buurt with a legend', async (map) => {
    const res = await app.request(`/api/maps?area=GM0917&map=${map}`);
    expect(res.status).toBe(200);
    const body = MapResponseSchema.parse(await res.json());
    expect(body.features).toHaveLength(30);
    expect(body.features.every((f) => f.geometry !== null)).toBe(true);
    const counted = body.legend.reduce((s, l) => s + l.count, 0);
    expect(counted).toBe(30);
    expect(body.meta.sources.length).toBeGreaterThan(0);
  });

  it('maps a region, an indicator layer, and answers unknown area/map with 404', async () => {
    const region = MapResponseSchema.parse(
      await (
        await app.request('/api/maps?area=parkstad-limburg&map=veerkracht-relatief&period=2016-2020')
      ).json(),
    );
    expect(region.features).toHaveLength(60);
    expect(region.meta.areaName).toBe('Parkstad Limburg');
    expect(region.meta.sensitivity).not.toBeNull();
    const layer = MapResponseSchema.parse(
      await (await app.request('/api/maps?area=GM0917&map=wmo_per_1000&year=2018')).json(),
    );
    expect(layer.meta.year).toBe(2018);
    for (const [url, code] of [
      ['/api/maps?area=GM9999&map=corporatiebezit', 'AREA_NOT_FOUND'],
      ['/api/maps?area=GM0917&map=nope', 'MAP_NOT_FOUND'],
      ['/api/maps?area=nowhere&map=corporatiebezit', 'AREA_NOT_FOUND'],
    ] as const) {
      const res = await app.request(url);
      expect(res.status).toBe(404);
      const body = ErrorBodySchema.parse(await res.json());
      expect(body.error.code).toBe(code);
    }
    const bad = await app.request('/api/maps?area=GM0917&map=veerkracht-absoluut&period=2020-2016');
    expect(bad.status).toBe(400);
  });

  it('serves maps gzipped with an ETag and answers If-None-Match with 304', async () => {
    const res = await app.request('/api/maps?area=GM0917&map=corporatiebezit', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('Cache-Control')).toContain('max-age');
    const etag = res.headers.get('ETag')!;
    // the stored gzip as it is: a strong ETag, not gzipped twice by the compress middleware
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as {
      type: string;
    };
    expect(body.type).toBe('FeatureCollection');
    const again = await app.request('/api/maps?area=GM0917&map=corporatiebezit', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('still gzips a large answer that is not one of the cached routes (the OpenAPI document)', async () => {
    const res = await app.request('/api/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    const doc = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as {
      openapi: string;
    };
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('GET /api/buurten/:code has series, classifications and an explanation', async () => {
    const res = await app.request('/api/buurten/BU09170005');
    expect(res.status).toBe(200);
    const body = BuurtResponseSchema.parse(await res.json());
    expect(body.gemeente).toBe('GM0917');
    expect(body.indicators.find((i) => i.id === 'inhabitants')?.series).toHaveLength(5);
    expect(body.classifications.find((c) => c.period === '2016-2020')?.measureUsed).toBe('lbm_onv');
    expect(body.explanation.nl).toContain('2016–2020');
    expect(body.explanation.en).toContain('standard deviations');
    expect((await app.request('/api/buurten/BU99990000')).status).toBe(404);
  });

  it('GET /api/buurten/:code?period= explains the period the map shows', async () => {
    const body = BuurtResponseSchema.parse(
      await (await app.request('/api/buurten/BU09170005?period=2016-2018')).json(),
    );
    expect(body.explanation.nl).toContain('2016–2018');
    expect(body.explanation.nl).not.toContain('2016–2020');
    expect((await app.request('/api/buurten/BU09170005?period=2020-2016')).status).toBe(400);
  });

  it('GET /api/compare reports per area', async () => {
    const body = CompareResponseSchema.parse(
      await (await app.request('/api/compare?areas=GM0917,parkstad-limburg&period=2016-2020')).json(),
    );
    expect(body.areas.map((a) => a.area)).toEqual(['GM0917', 'parkstad-limburg']);
    const gm = body.areas[0]!;
    expect(gm.perClass.reduce((s, c) => s + c.buurten, 0)).toBe(30);
    expect(gm.meanIndex).not.toBeNull();
    expect(gm).toMatchObject({ meanIndexYear: 2020, meanIndexWeighted: true, corporatiebuurtenYear: 2020 });
    expect(gm.correlationCorporationNuisance).not.toBeNull();
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document of every route; unknown routes are 404', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/gemeenten',
        '/api/regions',
        '/api/maps/definitions',
        '/api/maps',
        '/api/buurten/{code}',
        '/api/compare',
      ]),
    );
    const res = await app.request('/api/nothing');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('ROUTE_NOT_FOUND');
  });
}
