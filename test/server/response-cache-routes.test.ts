import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../src/api/schemas.js';
import { emptyBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from './synthetic-store.js';

describe('the response cache behind every GET route', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const budget = 2 * 1024 * 1024;
  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 20,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0, responseCacheBytes: budget });
  });
  afterAll(() => store.close());

  const errorCode = async (res: Response) => ErrorBodySchema.parse(await res.json()).error.code;

  it('refuses an unknown query parameter on every route with USAGE, naming it and the allowed ones', async () => {
    for (const path of [
      '/api/maps?area=GM0917&map=corporatiebezit&bust=1',
      '/api/maps/definitions?x=1',
      '/api/gemeenten?_=123',
      '/api/buurten/BU09170001?foo=bar',
      '/api/compare?areas=GM0917&zzz=1',
      '/api/config?v=2',
      '/api/regions?q=1',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      const body = ErrorBodySchema.parse(await res.json());
      expect(body.error.code).toBe('USAGE');
      expect(body.error.message).toMatch(/unknown parameter '(bust|x|_|foo|zzz|v|q)'/);
    }
    const maps = await app.request('/api/maps?area=GM0917&map=corporatiebezit&bust=1');
    expect((await maps.json()) as unknown).toMatchObject({
      error: { message: expect.stringContaining('allowed: area, map, period, year') },
    });
  });

  it('answers equal queries in any parameter order with the same cached body (same ETag)', async () => {
    const a = await app.request('/api/maps?area=GM0917&map=corporatiebezit');
    const b = await app.request('/api/maps?map=corporatiebezit&area=GM0917');
    expect(a.status).toBe(200);
    expect(a.headers.get('ETag')).toBe(b.headers.get('ETag'));
  });

  it('stays within its byte budget under cache-busting: 5,000 unique query strings', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 5000; i++) {
      const res = await app.request(`/api/maps?area=GM0917&map=corporatiebezit&nocache=${i}`);
      expect(res.status).toBe(400);
    }
    // Valid but distinct requests: every buurt's profile for many periods and every layer year.
    const { features } = (await (await app.request('/api/maps?area=GM0917&map=corporatiebezit')).json()) as {
      features: { id: string }[];
    };
    for (const f of features) expect((await app.request(`/api/buurten/${f.id}`)).status).toBe(200);
    for (let i = 0; i < 300; i++) {
      const res = await app.request(
        `/api/buurten/${features[i % features.length]!.id}?period=20${10 + (i % 10)}-2020`,
      );
      expect([200, 400, 404]).toContain(res.status);
    }
    const heapAfter = process.memoryUsage().heapUsed;
    expect(heapAfter - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('does not cache errors: an unknown buurt is AREA_NOT_FOUND every time', async () => {
    for (let i = 0; i < 3; i++)
      expect(await errorCode(await app.request('/api/buurten/BU99999999'))).toBe('AREA_NOT_FOUND');
  });

  it('serves the new data after an import changes the store (the version is part of the key)', async () => {
    const before = await app.request('/api/gemeenten');
    const etag = before.headers.get('ETag');
    const batch = emptyBatch('late.csv', 'late-sha', {
      source: 'tidy',
      edition: 'late edition',
      table: null,
      publisher: 'test',
      divisionYear: 2020,
    });
    await store.writeBatch(batch, {});
    const after = await app.request('/api/gemeenten');
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(JSON.stringify(await after.json())).toContain('late edition');
  });
});
