/**
 * A gemeente formed after the division shown from whole gemeenten of that division (Dijk en Waard,
 * GM1980, 2022: Heerhugowaard and Langedijk) is an area of its own: its maps, map list, table and
 * downloads are the buurten of those gemeenten together, and every answer says which gemeenten
 * and since when. One formed with a split (Land van Cuijk: Sint Anthonis went partly to Boekel) is
 * not: its area on the old division is not exactly a set of gemeenten. On a synthetic store
 * (division 2020).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { ensureOrganisation } from '../../src/service/members/accounts.js';
import { createMembersContext } from '../../src/service/members/members-context.js';
import type { UserViewer } from '../../src/service/members/viewer.js';
import { createReadContext } from '../../src/service/read-context.js';
import { createRegion } from '../../src/service/regions.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { exportSubtitle } from '../../web/src/export/map-export.js';
import { syntheticStore } from './synthetic-store.js';

const HEERHUGOWAARD = 'GM0398';
const LANGEDIJK = 'GM0416';
const DIJK_EN_WAARD = 'GM1980';
const MAP = '/api/maps?map=concentratie-kwetsbaren&year=2020';

describe('a gemeente formed after the division shown, from whole gemeenten of it', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const get = (path: string) => app().request(path);
  const map = async (area: string): Promise<MapResponse> => {
    const res = await get(`${MAP}&area=${area}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const formedFrom = {
    since: 2022,
    gemeenten: [
      { code: HEERHUGOWAARD, name: 'Gemeente 0398' },
      { code: LANGEDIJK, name: 'Gemeente 0416' },
    ],
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 6,
      gemeenteCodes: [HEERHUGOWAARD, LANGEDIJK, 'GM0917'],
    });
  });

  it('is the buurten of the gemeenten it was formed from, with the same values, named as it is now', async () => {
    const merged = await map(DIJK_EN_WAARD);
    const parts = [await map(HEERHUGOWAARD), await map(LANGEDIJK)];
    const valueOf = (m: MapResponse) =>
      Object.fromEntries(m.features.map((f) => [f.properties.code, f.properties.value ?? null]));
    expect(merged.features).toHaveLength(12);
    expect(merged.features.filter((f) => f.properties.value != null).length).toBeGreaterThan(6);
    expect(valueOf(merged)).toEqual({ ...valueOf(parts[0]!), ...valueOf(parts[1]!) });
    expect(merged.meta.area).toBe(DIJK_EN_WAARD);
    expect(merged.meta.areaName).toBe('Dijk en Waard');
    expect(merged.meta.formedFrom).toEqual(formedFrom);
    expect(merged.meta.divisionYear).toBe(2020);
    // a gemeente of the division says nothing of the kind
    expect(parts[0]!.meta.formedFrom).toBeUndefined();
  });

  it('is named in the PNG export’s subtitle with the gemeenten whose buurten the picture shows', async () => {
    const merged = await map(DIJK_EN_WAARD);
    expect(exportSubtitle(merged.meta, 'nl')).toBe(
      'Dijk en Waard (gebied van Gemeente 0398 en Gemeente 0416) · 2020',
    );
    expect(exportSubtitle(merged.meta, 'en')).toBe(
      'Dijk en Waard (area of Gemeente 0398 and Gemeente 0416) · 2020',
    );
    expect(exportSubtitle((await map(HEERHUGOWAARD)).meta, 'nl')).toBe('Gemeente 0398 · 2020');
  });

  it('has a map list that names it and the gemeenten it was formed from', async () => {
    const res = await get(`/api/maps/definitions?area=${DIJK_EN_WAARD}`);
    expect(res.status).toBe(200);
    const defs = MapDefinitionsResponseSchema.parse(await res.json());
    expect(defs.area).toEqual({ id: DIJK_EN_WAARD, name: 'Dijk en Waard', formedFrom });
    expect(defs.defaultMap).not.toBeNull();
  });

  it('downloads as CSV with one row per buurt of both gemeenten', async () => {
    const res = await get(`/api/maps.csv?map=concentratie-kwetsbaren&year=2020&area=${DIJK_EN_WAARD}`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    const codes = lines.slice(1).map((l) => l.split(/[;,]/)[0]!.replace(/"/g, ''));
    expect(codes.filter((c) => c.startsWith('BU0398'))).toHaveLength(6);
    expect(codes.filter((c) => c.startsWith('BU0416'))).toHaveLength(6);
  });

  it('stands for the gemeenten it was formed from in a new region', async () => {
    const ctx = createReadContext(store, { checkIntervalMs: 0 });
    const { organisation } = await ensureOrganisation(createMembersContext(ctx), 'Woonstichting');
    const viewer: UserViewer = {
      kind: 'user',
      userId: 1,
      email: 'adviseur@test.example',
      name: null,
      organisationId: organisation.id,
      role: 'member',
      sessionIdHash: 'x',
      csrfToken: 'x',
      expiresAt: '2100-01-01T00:00:00Z',
    };
    const region = await createRegion(ctx, { name: 'Noord', gemeenten: [DIJK_EN_WAARD, 'GM0917'] }, viewer);
    expect(region.gemeenten).toEqual([HEERHUGOWAARD, LANGEDIJK, 'GM0917']);
    await expect(createRegion(ctx, { name: 'Cuijk', gemeenten: ['GM1982'] }, viewer)).rejects.toMatchObject({
      code: 'AREA_NOT_FOUND',
    });
  });

  it('is not found when a gemeente it was formed from is not loaded, or when a split formed it', async () => {
    // Eemsdelta (2021: Appingedam, Delfzijl, Loppersum): none loaded; Land van Cuijk (2022): a split
    for (const area of ['GM1979', 'GM1982']) {
      const res = await get(`${MAP}&area=${area}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AREA_NOT_FOUND');
    }
  });
});
