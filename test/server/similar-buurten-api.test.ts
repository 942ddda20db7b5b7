import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapResponseSchema } from '../../src/api/schemas.js';
import { SimilarResponseSchema, type SimilarResponse } from '../../src/api/similar-buurten.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { membersFixture } from './members-fixture.js';
import { syntheticStore } from './synthetic-store.js';

describe('GET /api/buurten/:code/similar on a synthetic store', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const similar = async (path: string): Promise<SimilarResponse> => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    return SimilarResponseSchema.parse(await res.json());
  };
  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 40,
      gemeenteCodes: ['GM0917', 'GM0928', 'GM0882'],
    });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(() => store.close());

  it('lists the ten most similar buurten nationally, nearest first, each explained per indicator', async () => {
    const body = await similar('/api/buurten/BU09170005/similar');
    expect(body.code).toBe('BU09170005');
    expect(body.year).toBe(2020);
    expect(body.period).toBe('2016-2020');
    expect(body.indicators.map((i) => i.group)).toEqual([
      ...Array(6).fill('concentration'),
      'corporation',
      'leefbaarometer',
      'size',
    ]);
    // the concentration group's weight 2 is shared by its six components
    expect(body.indicators[0]!.weight).toBeCloseTo(2 / 6, 12);
    expect(body.similar).toHaveLength(10);
    expect(body.similar.map((s) => s.code)).not.toContain('BU09170005');
    expect(new Set(body.similar.map((s) => s.gemeente)).size).toBeGreaterThan(1); // national
    const d = body.similar.map((s) => s.distance);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    for (const s of body.similar) {
      expect(s.shared).toBeGreaterThanOrEqual(body.minShared);
      expect(s.textNl.startsWith(`Lijkt op ${body.name}`)).toBe(true);
      for (const i of s.indicators) {
        if (i.verdict === 'close') expect(s.textNl).toContain(i.titleNl.toLowerCase());
        if (i.verdict === 'missing') expect(i.zDifference).toBeNull();
      }
    }
  });

  it('gives the same distance both ways', async () => {
    const a = await similar('/api/buurten/BU09170005/similar');
    const first = a.similar[0]!;
    const b = await similar(`/api/buurten/${first.code}/similar?limit=50`);
    const back = b.similar.find((s) => s.code === 'BU09170005');
    if (back) expect(back.distance).toBe(first.distance);
    else expect(b.similar[49]!.distance).toBeLessThanOrEqual(first.distance);
  });

  it('lists positive deviants whose nuisance fell or class improved, as the maps show them', async () => {
    let checked = 0;
    for (const code of ['BU09170001', 'BU09170005', 'BU09280010', 'BU08820020']) {
      const body = await similar(`/api/buurten/${code}/similar`);
      for (const dv of body.deviants) {
        expect(dv.nuisanceFell || dv.classImproved).toBe(true);
        const map = MapResponseSchema.parse(
          await (
            await app.request(`/api/maps?area=${dv.gemeente}&map=ontwikkeling-overlast&period=${body.period}`)
          ).json(),
        );
        const value = map.features.find((f) => f.properties.code === dv.code)!.properties.value;
        if (dv.nuisanceFell) {
          expect(value).not.toBeNull();
          expect(Math.abs(value! - dv.dO!)).toBeLessThanOrEqual(5.01e-5);
          expect(dv.dO!).toBeLessThan(0);
          expect(dv.outcomeNl).toMatch(/namen af \(−/);
        }
        if (dv.classImproved) expect(dv.outcomeNl).toMatch(/[Kk]lasse verbeterde/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('takes a limit and refuses bad input', async () => {
    expect((await similar('/api/buurten/bu09170005/similar?limit=3')).similar).toHaveLength(3);
    for (const [path, status, code] of [
      ['/api/buurten/BU09170005/similar?limit=0', 400, 'USAGE'],
      ['/api/buurten/BU09170005/similar?limit=x', 400, 'USAGE'],
      ['/api/buurten/BU09170005/similar?top=3', 400, 'USAGE'],
      ['/api/buurten/BU09999999/similar', 404, 'AREA_NOT_FOUND'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/buurten/{code}/similar');
  });
});

describe('GET /api/buurten/:code/similar for a share link', () => {
  it('in members mode lists only buurten of the link’s area; in public mode the whole country', async () => {
    for (const access of ['members', 'public'] as const) {
      const f = await membersFixture(access);
      try {
        const res = await f.app.request(`/api/buurten/${f.ids.buurtA}/similar?limit=20`, {
          headers: f.viewers['link-this-area'].headers,
        });
        expect(res.status).toBe(200);
        const body = SimilarResponseSchema.parse(await res.json());
        const gemeenten = new Set([...body.similar, ...body.deviants].map((s) => s.gemeente));
        if (access === 'members') expect([...gemeenten]).toEqual(['GM0917']);
        else expect(gemeenten.size).toBeGreaterThan(1);
        // the same answer is not served to an anonymous reader from the cache (public mode)
        if (access === 'public') {
          const anon = SimilarResponseSchema.parse(
            await (await f.app.request(`/api/buurten/${f.ids.buurtA}/similar?limit=20`)).json(),
          );
          expect(anon.similar.map((s) => s.code)).toEqual(body.similar.map((s) => s.code));
        }
      } finally {
        f.store.close();
      }
    }
  });
});
