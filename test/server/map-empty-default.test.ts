/**
 * The map an area without any value opens on (GET /api/maps without a year) and the map list's
 * reason agree: when the country's newest year would say "Bron niet geladen" but an older year's
 * loaded file covers the gemeente (here on a division harmonisation could not carry over, as
 * Middelburg's Leefbaarometer on the national store), the map opens on that year and says why
 * ("Buurt niet in de bron"), as the list says there is nothing to load. On a synthetic store
 * (division 2020, Leefbaarometer 2014, 2018, 2020) where Middelburg (GM0687) has no values and
 * a Leefbaarometer 2018 file on division 2019 has its buurten, carried over by nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema } from '../../src/api/schemas.js';
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from './synthetic-store.js';

const MIDDELBURG = 'GM0687';

/** The Leefbaarometer 2018 on division 2019: Middelburg's buurten under codes division 2020 lacks. */
async function writeLbm2018(store: SqliteStore): Promise<void> {
  const batch: ImportBatch = emptyBatch('lbm-2018', 'lbm-2018', {
    source: 'lbm',
    edition: 'Leefbaarometer 2018 (indeling 2019)',
    table: null,
    publisher: 'test',
    divisionYear: 2019,
  });
  for (let i = 1; i <= 6; i++) {
    const code = `BU0687ZZ0${i}`;
    batch.areas.push({
      code,
      level: 'buurt',
      name: `Middelburg ${i}`,
      gemeenteCode: MIDDELBURG,
      wijkCode: null,
      divisionYear: 2019,
    });
    for (const indicator of ['lbm_onv', 'lbm_total'])
      batch.values.push({
        areaCode: code,
        year: 2018,
        indicator,
        value: indicator === 'lbm_onv' ? 0.01 * i : 4 + 0.01 * i,
        flags: 0,
        column: indicator,
        divisionYear: 2019,
      });
  }
  await store.writeBatch(batch, {});
  await store.logHarmonisation([
    { fromDivision: 2019, toDivision: 2020, gemeenteCode: MIDDELBURG, byCode: 0, byOverlay: 0, unmatched: 6 },
  ]);
}

describe('the map an area without values opens on says what its list says', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0917', MIDDELBURG],
    });
    store.db
      .prepare('DELETE FROM area_values WHERE area_id IN (SELECT id FROM value_areas WHERE code LIKE ?)')
      .run('BU0687%');
    await writeLbm2018(store);
  });
  afterAll(() => store.close());

  it('the Leefbaarometer map opens on 2018, "Buurt niet in de bron", not on 2020 with advice to load it', async () => {
    const defs = MapDefinitionsResponseSchema.parse(
      await (await app().request(`/api/maps/definitions?area=${MIDDELBURG}`)).json(),
    );
    const listed = defs.maps.find((m) => m.id === 'leefbaarheid')!.availability!;
    expect([listed.emptyReason, listed.missingSources]).toEqual(['no-values', []]);
    const m = MapResponseSchema.parse(
      await (await app().request(`/api/maps?map=leefbaarheid&area=${MIDDELBURG}`)).json(),
    );
    expect(m.meta.year).toBe(2018);
    expect(new Set(m.features.map((f) => f.properties.missing))).toEqual(new Set(['not-in-source']));
    expect(m.meta.emptyReason).toMatchObject({
      code: 'no-values',
      kind: 'not-in-source',
      missingSources: [],
    });
    expect(m.meta.emptyReason!.nl).toContain('volgens buurtindeling 2019 (6 buurten)');
  });

  it('a year asked for is shown as asked: 2020 has no file covering Middelburg', async () => {
    const m = MapResponseSchema.parse(
      await (await app().request(`/api/maps?map=leefbaarheid&year=2020&area=${MIDDELBURG}`)).json(),
    );
    expect(m.meta.emptyReason).toMatchObject({ code: 'source-not-loaded', missingSources: ['lbm'] });
  });
});
