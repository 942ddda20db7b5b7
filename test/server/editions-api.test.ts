/**
 * Data editions over HTTP (in-process app on a SQLite store filled by real import runs):
 * `edition=` on the map, download and OGC routes, its own response-cache entries, the error codes
 * (USAGE, EDITION_NOT_FOUND 404, EDITION_GONE 410), GET /api/editions and /api/editions/changes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditionChangesResponse, EditionsResponse } from '../../src/api/editions.js';
import type { MapResponse } from '../../src/api/schemas.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import {
  BUURTEN,
  share,
  writeBoundaries,
  writeFirstValues,
  writeNewerValues,
} from '../service/editions-fixture.js';

describe('data editions over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-editions-api-'));
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  let first: number;
  let second: number;
  const map = (q = '') => app.request(`/api/maps?area=GM0917&map=corporatiebezit&year=2020${q}`);
  const value = async (res: Response) =>
    ((await res.json()) as MapResponse).features.find((f) => f.id === BUURTEN[0])!.properties.value;
  const error = async (res: Response) => [
    res.status,
    ((await res.json()) as { error: { code: string } }).error.code,
  ];

  beforeAll(async () => {
    store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
    await importPaths(store, [writeBoundaries(dir), writeFirstValues(dir)], { divisionYear: 2021 });
    expect(await value(await map())).toBe(share(0, 2020)); // cached under the first edition
    await importPaths(store, [writeNewerValues(dir)], { divisionYear: 2021 });
    [first, second] = (await store.listDataEditions()).map((e) => e.id) as [number, number];
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/maps: edition= pins the older numbers, without it the newest; each has its own cache entry', async () => {
    expect(await value(await map(`&edition=${first}`))).toBe(share(0, 2020));
    expect(await value(await map())).toBe(share(0, 2020) + 20);
    expect(await value(await map(`&edition=${second}`))).toBe(share(0, 2020) + 20);
    expect(await value(await map(`&edition=${first}`))).toBe(share(0, 2020)); // a cache hit, not the newest
    const meta = ((await (await map(`&edition=${first}`)).json()) as MapResponse).meta;
    expect(meta.dataEdition).toMatchObject({
      id: first,
      current: false,
      label: expect.stringMatching(/^editie \d{4}-1$/),
    });
  });

  it('an unknown edition is 404 EDITION_NOT_FOUND, a malformed one 400 USAGE', async () => {
    expect(await error(await map('&edition=99'))).toEqual([404, 'EDITION_NOT_FOUND']);
    expect(await error(await map('&edition=abc'))).toEqual([400, 'USAGE']);
    expect(await error(await map('&edition=0'))).toEqual([400, 'USAGE']);
    expect(await error(await app.request('/api/buurten/BU09170001?edition=99'))).toEqual([
      404,
      'EDITION_NOT_FOUND',
    ]);
  });

  it('the buurt profile, definitions, compare, downloads and OGC items take the edition', async () => {
    for (const path of [
      `/api/buurten/${BUURTEN[0]}?edition=${first}`,
      `/api/maps/definitions?area=GM0917&edition=${first}`,
    ])
      expect((await app.request(path)).status, path).toBe(200);
    // (the fixture has no period with data for compare: the edition is checked before that)
    expect(await error(await app.request('/api/compare?areas=GM0917&edition=99'))).toEqual([
      404,
      'EDITION_NOT_FOUND',
    ]);
    const csv = await app.request(`/api/maps.csv?area=GM0917&map=corporatiebezit&year=2020&edition=${first}`);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="veerkracht-GM0917-corporatiebezit-2020-editie${first}.csv"`,
    );
    const row = (await csv.text()).split('\r\n').find((l) => l.startsWith(BUURTEN[0]!))!;
    expect(row).toContain(`,${share(0, 2020)},`);
    const items = (await (
      await app.request(`/ogc/collections/corporatiebezit/items?gemeente=GM0917&year=2020&edition=${first}`)
    ).json()) as { features: { id: string; properties: Record<string, unknown> }[] };
    const item = items.features.find((f) => f.id === BUURTEN[0])!;
    expect(item.properties['value']).toBe(share(0, 2020));
    expect(item.properties['data_edition']).toMatch(new RegExp(`^editie \\d{4}-1 \\(edition=${first}\\)$`));
  });

  it('GET /api/editions lists them; /api/editions/changes compares the newest with the one before', async () => {
    const list = (await (await app.request('/api/editions')).json()) as EditionsResponse;
    expect(list.current?.id).toBe(second);
    expect(list.editions.map((e) => [e.id, e.current, e.available, e.divisionYear])).toEqual([
      [first, false, true, 2021],
      [second, true, true, 2021],
    ]);
    const changes = (await (
      await app.request('/api/editions/changes?area=GM0917')
    ).json()) as EditionChangesResponse;
    expect([changes.area, changes.from.id, changes.to.id]).toEqual([
      { id: 'GM0917', name: 'Heerlen' },
      first,
      second,
    ]);
    expect(changes.changes.find((c) => c.code === BUURTEN[1])?.reasons).toEqual([
      'new-source-year',
      'revised-figures',
    ]);
    expect(await error(await app.request(`/api/editions/changes?area=GM0917&to=${first}`))).toEqual([
      404,
      'EDITION_NOT_FOUND',
    ]);
    expect(await error(await app.request('/api/editions/changes?area=GM9999'))).toEqual([
      404,
      'AREA_NOT_FOUND',
    ]);
    expect(await error(await app.request('/api/editions/changes?area=GM0917&since=1'))).toEqual([
      400,
      'USAGE',
    ]);
  });

  it('an edition dropped by retention is 410 EDITION_GONE, naming the newest', async () => {
    const file = join(dir, 'waarden-late.csv');
    writeFileSync(file, `code,year,indicator,value\n${BUURTEN[7]},2022,corporation_share,80\n`);
    await importPaths(store, [file], { divisionYear: 2021, edition: { retain: 2 } });
    const res = await map(`&edition=${first}`);
    expect(res.status).toBe(410);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('EDITION_GONE');
    expect(body.error.message).toMatch(/no longer kept.*the newest is editie \d{4}-3 \(edition=\d+\)/);
  });
});
