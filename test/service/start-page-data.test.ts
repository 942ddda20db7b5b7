/**
 * What the start page is told (GET /api/gemeenten and GET /api/regions): on the demo set only the
 * demo edition and its two invented gemeenten, and no predefined region, since the store has no
 * buurt of any of their gemeenten; on an empty store nothing at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, GemeentenResponseSchema, RegionsResponseSchema } from '../../src/api/schemas.js';
import { loadDemoDataset } from '../../src/pipeline/demo/load-demo.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

describe('what the start page is told', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-start-'));
  let demo: SqliteStore;
  let empty: SqliteStore;
  const appOf = (store: SqliteStore) => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const get = async (store: SqliteStore, path: string): Promise<unknown> => {
    const res = await appOf(store).request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    demo = openSqliteStore({ path: join(dir, 'demo.db') });
    await loadDemoDataset(demo);
    empty = openSqliteStore({ path: join(dir, 'empty.db') });
  });
  afterAll(async () => {
    await demo.close();
    await empty.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on the demo set: the demo edition only, its two gemeenten, flagged as demo', async () => {
    const body = GemeentenResponseSchema.parse(await get(demo, '/api/gemeenten'));
    expect(body.demo).toBe(true);
    expect(body.editions).toEqual([
      { source: 'demo', edition: 'demo — fictieve gegevens', table: null, gemeenten: 2 },
    ]);
    expect(body.gemeenten.map((g) => [g.code, g.name, g.buurten])).toEqual([
      ['GM9998', 'Demodorp', 24],
      ['GM9999', 'Demostad', 48],
    ]);
  });

  it('on the demo set: no region, since none of Parkstad Limburg’s gemeenten has buurten there', async () => {
    expect(RegionsResponseSchema.parse(await get(demo, '/api/regions'))).toEqual({ regions: [] });
  });

  it('on the demo set: a direct link to Parkstad Limburg is AREA_NOT_FOUND saying why, not an empty map without a reason', async () => {
    const res = await appOf(demo).request('/api/maps?area=parkstad-limburg&map=veerkracht-absoluut');
    expect(res.status).toBe(404);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe('AREA_NOT_FOUND');
    expect(body.error.message).toContain('parkstad-limburg (Parkstad Limburg) has no buurten');
    expect(body.error.message).toContain('GM0917');
  });

  it('on an empty store: no gemeenten, no editions, no region, not demo', async () => {
    expect(GemeentenResponseSchema.parse(await get(empty, '/api/gemeenten'))).toEqual({
      gemeenten: [],
      editions: [],
      divisionYear: null,
      demo: false,
    });
    expect(RegionsResponseSchema.parse(await get(empty, '/api/regions'))).toEqual({ regions: [] });
  });
});
