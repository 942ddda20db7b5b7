/**
 * GET /api/maps (and `veerkracht maps`) without a year or period open a map where the app does:
 * on the newest year (or period) with data for the area asked — what GET /api/maps/definitions
 * gives the area as default — not on the country's newest, which the area may have nothing of
 * (on the national data the Leefbaarometer 2024 covers Heerlen and Kerkrade only, and Arnhem's
 * leefbaarheid map opened on 2024 with every buurt "Bron niet geladen").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema } from '../../src/api/schemas.js';
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { SYNTHETIC_DIVISION, syntheticStore } from './synthetic-store.js';

describe('GET /api/maps without a year: the newest year with data for the area', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const get = async (url: string) => {
    const res = await app().request(url);
    expect(res.status, url).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 10,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    // a later year of corporation_share for Heerlen's buurten only
    const batch: ImportBatch = emptyBatch('later-year', 'later-year', {
      source: 'tidy',
      edition: 'corporation share 2031, Heerlen only',
      table: null,
      publisher: 'test',
      divisionYear: SYNTHETIC_DIVISION,
    });
    const buurten = (
      await store.listAreas({ level: 'buurt', gemeente: 'GM0917', divisionYear: SYNTHETIC_DIVISION })
    ).map((a) => a.code);
    expect(buurten.length).toBe(10);
    for (const code of buurten)
      batch.values.push({
        areaCode: code,
        year: 2031,
        indicator: 'corporation_share',
        value: 40,
        flags: 0,
        column: 'corporation_share',
        divisionYear: SYNTHETIC_DIVISION,
      });
    await store.writeBatch(batch, {});
  });
  afterAll(() => store.close());

  it('opens Kerkrade, which has nothing of 2031, on its own newest year, with values', async () => {
    const definitions = MapDefinitionsResponseSchema.parse(
      await (await app().request('/api/maps/definitions?area=GM0928')).json(),
    );
    const corporation = definitions.maps.find((m) => m.id === 'corporatiebezit')!;
    expect(corporation.years).not.toContain(2031);
    const kerkrade = await get('/api/maps?area=GM0928&map=corporatiebezit');
    expect(kerkrade.meta.year).toBe(corporation.defaultYear);
    expect(kerkrade.meta.year).not.toBe(2031);
    expect(kerkrade.features.filter((f) => f.properties.value !== null).length).toBeGreaterThan(5);
    expect(kerkrade.meta.emptyReason).toBeNull();
    // the layer too
    const layer = await get('/api/maps?area=GM0928&map=corporation_share');
    expect(layer.meta.year).toBe(kerkrade.meta.year);
  });

  it('opens Heerlen on 2031, and a year asked is still the year shown', async () => {
    expect((await get('/api/maps?area=GM0917&map=corporatiebezit')).meta.year).toBe(2031);
    const asked = await get('/api/maps?area=GM0928&map=corporatiebezit&year=2031');
    expect(asked.meta.year).toBe(2031);
    expect(asked.features.every((f) => f.properties.value === null)).toBe(true);
  });
});
