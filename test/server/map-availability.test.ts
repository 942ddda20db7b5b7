/**
 * GET /api/maps/definitions?area=: per map what a gemeente or region has (years or periods with
 * data, the newest as default, why an empty map is empty), the first map with data, and
 * GET /api/buurten?q= (buurten by name). On a synthetic store where one gemeente lacks the
 * corporation share (as 354 of 355 gemeenten in the national real data do) while its other KWB
 * values are loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BuurtSearchResponseSchema,
  ErrorBodySchema,
  MapDefinitionsResponseSchema,
  MapResponseSchema,
  type MapDefinitionsResponse,
} from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from './synthetic-store.js';

describe('GET /api/maps/definitions?area= and GET /api/buurten?q=', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const definitions = async (query = ''): Promise<MapDefinitionsResponse> => {
    const res = await app.request(`/api/maps/definitions${query}`);
    expect(res.status).toBe(200);
    return MapDefinitionsResponseSchema.parse(await res.json());
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 20,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    // Kerkrade without the corporation share: its corporation map has nothing to show.
    store.db
      .prepare(
        `DELETE FROM area_values
          WHERE indicator_id IN (SELECT id FROM value_indicators WHERE indicator = 'corporation_share')
            AND area_id IN (SELECT id FROM value_areas WHERE code LIKE 'BU0928%')`,
      )
      .run();
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(() => store.close());

  it('without an area: the national lists, no availability, titles of components and measures', async () => {
    const body = await definitions();
    expect(body.area).toBeUndefined();
    expect(body.maps.every((m) => m.availability === undefined)).toBe(true);
    expect(body.components?.find((c) => c.id === 'anxiety-depression')?.titleNl).toBe(
      'Hoog risico op angst of depressie',
    );
    expect(body.measures?.map((m) => m.id)).toContain('lbm_onv');
    expect(body.measures?.find((m) => m.id === 'lbm_onv')?.titleNl).not.toBe('lbm_onv');
  });

  it('a gemeente with every source: every map has data, defaults are the newest year or period', async () => {
    const body = await definitions('?area=GM0917');
    expect(body.area).toEqual({ id: 'GM0917', name: expect.any(String) as string });
    expect(body.defaultMap).toBe('corporatiebezit');
    for (const m of body.maps) {
      const a = m.availability!;
      expect(a.hasData, m.id).toBe(true);
      expect(a.halfCovered, m.id).toBe(true);
      expect(a.emptyReason).toBeNull();
      expect(a.buurten).toBe(20);
      if (m.kind === 'level') {
        expect(m.defaultYear).toBe(Math.max(...m.years!));
        for (const y of m.years!) expect(a.counts[String(y)]! * 2).toBeGreaterThanOrEqual(20);
      } else {
        const ends = m.periods!.map((p) => Number(p.slice(5)));
        expect(Number(m.defaultPeriod!.slice(5))).toBe(Math.max(...ends));
        for (const p of m.periods!) expect(a.counts[p]! * 2).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('a gemeente without the corporation share in its loaded KWB: that map is empty, names no source to load (KWB is loaded), and is not the default', async () => {
    const body = await definitions('?area=GM0928');
    const corporation = body.maps.find((m) => m.id === 'corporatiebezit')!;
    expect(corporation.years).toEqual([]);
    expect(corporation.defaultYear).toBeUndefined();
    // as the map says: "Niet gepubliceerd in deze editie", not "Bron niet geladen"
    expect(corporation.availability).toMatchObject({
      hasData: false,
      halfCovered: false,
      missingSources: [],
      emptyReason: 'no-values',
    });
    const map = await app.request('/api/maps?map=corporatiebezit&year=2020&area=GM0928');
    const kinds = new Set(
      MapResponseSchema.parse(await map.json()).features.map((f) => f.properties.missing),
    );
    expect([...kinds]).toEqual(['not-published']);
    expect(Object.values(corporation.availability!.counts).every((n) => n === 0)).toBe(true);
    expect(body.defaultMap).toBe('concentratie-kwetsbaren');
    const layer = body.layers.find((l) => l.id === 'corporation_share')!;
    expect(layer.availability?.hasData).toBe(false);
    expect(layer.years).toEqual([]);
  });

  it('a region sums its gemeenten; unknown areas are 404 and unknown parameters 400', async () => {
    const body = await definitions('?area=parkstad-limburg');
    const corporation = body.maps.find((m) => m.id === 'corporatiebezit')!;
    expect(corporation.availability!.buurten).toBe(40);
    expect(corporation.availability!.hasData).toBe(true);
    expect(Math.max(...Object.values(corporation.availability!.counts))).toBe(20);
    const missing = await app.request('/api/maps/definitions?area=GM9999');
    expect(missing.status).toBe(404);
    expect(ErrorBodySchema.parse(await missing.json()).error.code).toBe('AREA_NOT_FOUND');
    expect((await app.request('/api/maps/definitions?area=GM0917&x=1')).status).toBe(400);
  });

  it('GET /api/buurten?q= finds buurten by name, best first, and refuses a one-letter query', async () => {
    const res = await app.request('/api/buurten?q=buurt%202-1');
    expect(res.status).toBe(200);
    const body = BuurtSearchResponseSchema.parse(await res.json());
    expect(body.buurten[0]).toMatchObject({ name: 'Buurt 2-1', gemeente: 'GM0928' });
    expect(body.buurten.map((b) => b.name)).toContain('Buurt 2-10');
    const limited = BuurtSearchResponseSchema.parse(
      await (await app.request('/api/buurten?q=BUURT&limit=3')).json(),
    );
    expect(limited.buurten).toHaveLength(3);
    const none = BuurtSearchResponseSchema.parse(await (await app.request('/api/buurten?q=zzz')).json());
    expect(none.buurten).toEqual([]);
    expect((await app.request('/api/buurten?q=b')).status).toBe(400);
  });
  it('the OpenAPI document describes ?area= and GET /api/buurten?q=', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters?: { name: string }[] } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths['/api/maps/definitions']!.get.parameters?.map((p) => p.name)).toEqual([
      'area',
      'edition',
    ]);
    expect(doc.paths['/api/buurten']!.get.parameters?.map((p) => p.name)).toEqual(['q', 'limit']);
    expect(JSON.stringify(doc.components.schemas['MapDefinitionsResponse'])).toContain('missingSources');
    expect(doc.components.schemas['BuurtSearchResponse']).toBeDefined();
  });
});
