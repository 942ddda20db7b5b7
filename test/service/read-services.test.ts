import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { getBuurtProfile } from '../../src/service/buurt-profile.js';
import { compareAreas } from '../../src/service/compare.js';
import { listGemeenten } from '../../src/service/gemeente-list.js';
import { getMap, getMapDefinitions } from '../../src/service/maps.js';
import { createReadContext, type ReadContext } from '../../src/service/read-context.js';
import { regionsResponse } from '../../src/service/regions.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from '../server/synthetic-store.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the read services', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-read-'));
  const path = join(dir, 'veerkracht.db');
  let store: SqliteStore;
  let ctx: ReadContext;
  let app: ReturnType<typeof createApp>;
  let before: string;

  beforeAll(async () => {
    const written = await syntheticStore(
      { gemeenten: 3, buurtenPerGemeente: 12, gemeenteCodes: ['GM0917', 'GM0928', 'GM0882'] },
      path,
    );
    written.db.pragma('journal_mode = DELETE');
    await written.close();
    before = sha256(path);
    // read-only: any write on a read path would throw (SQLITE_READONLY) and fail a request
    store = openSqliteStore({ path, readonly: true });
    ctx = createReadContext(store, { checkIntervalMs: 0 });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answer every GET route on a read-only store, and the store file is unchanged', async () => {
    const { features } = await getMap(ctx, { area: 'GM0917', map: 'corporatiebezit' });
    for (const path of [
      '/api/gemeenten',
      '/api/regions',
      '/api/maps/definitions',
      '/api/maps?area=GM0917&map=veerkracht-relatief',
      '/api/maps?area=parkstad-limburg&map=concentratie-kwetsbaren',
      `/api/buurten/${features[0]!.id}`,
      '/api/compare?areas=GM0917,parkstad-limburg',
      '/api/config',
    ]) {
      expect((await app.request(path)).status, path).toBe(200);
    }
    expect(sha256(path)).toBe(before);
  });

  it('list the predefined regions without storing them', async () => {
    const { regions } = await regionsResponse(ctx);
    expect(regions.map((r) => r.id)).toEqual(['parkstad-limburg']);
    expect(await store.listRegions()).toEqual([]);
  });

  it('give the CLI exactly what the API serves', async () => {
    const json = async (p: string) => (await app.request(p)).json();
    expect(await json('/api/gemeenten')).toEqual(await listGemeenten(ctx));
    expect(await json('/api/maps/definitions')).toEqual(await getMapDefinitions(ctx));
    expect(await json('/api/maps?area=GM0928&map=veerkracht-absoluut')).toEqual(
      await getMap(ctx, { area: 'GM0928', map: 'veerkracht-absoluut' }),
    );
    const map = await getMap(ctx, { area: 'GM0882', map: 'corporatiebezit' });
    const code = map.features[3]!.id;
    expect(await json(`/api/buurten/${code.toLowerCase()}`)).toEqual(await getBuurtProfile(ctx, { code }));
    expect(await json('/api/compare?areas=GM0917,GM0928')).toEqual(
      await compareAreas(ctx, { areas: ['GM0917', 'GM0928'] }),
    );
  });

  it('refuse what is not there with the stable codes', async () => {
    await expect(getBuurtProfile(ctx, { code: 'BU00000000' })).rejects.toMatchObject({
      code: 'AREA_NOT_FOUND',
    });
    await expect(getMap(ctx, { area: 'GM0917', map: 'nope' })).rejects.toMatchObject({
      code: 'MAP_NOT_FOUND',
    });
    await expect(getMap(ctx, { area: 'nowhere', map: 'corporatiebezit' })).rejects.toMatchObject({
      code: 'AREA_NOT_FOUND',
    });
    await expect(compareAreas(ctx, { areas: [] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
