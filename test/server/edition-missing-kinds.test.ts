/**
 * GET /api/maps and /api/maps/definitions with `edition=`: the kinds of missing of an older data
 * edition follow what that edition held. An edition that held a file with a gemeente's buurten
 * on a division harmonisation could not carry over says "Buurt niet in de bron" for them (as the
 * newest does), without import advice; an edition made before that file was loaded still says
 * "Bron niet geladen". On a synthetic store (division 2020, GM0917 Heerlen and GM0928 Kerkrade,
 * no KWB values of Kerkrade on division 2020), editions captured as an import run does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { captureDataEdition } from '../../src/storage/capture-data-edition.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore, writeUncarriedKwb } from './synthetic-store.js';

/** Deletes the KWB values on division 2020 of the buurten whose code is LIKE `pattern` (of `year`, or every year). */
function dropKwb(store: SqliteStore, pattern: string, year?: number): void {
  store.db
    .prepare(
      `DELETE FROM area_values
        WHERE (year = ? OR ? IS NULL) AND division_year = 2020
          AND indicator_id IN (SELECT id FROM value_indicators WHERE indicator NOT LIKE 'lbm_%' AND indicator NOT LIKE 'rivm_%')
          AND area_id IN (SELECT id FROM value_areas WHERE code LIKE ?)`,
    )
    .run(year ?? null, year ?? null, pattern);
}

/** The KWB 2020 file of Kerkrade on its own division 2021: ten buurten under codes 2020 does not have, carried over by nothing. */
async function writeRecodedKerkrade(store: SqliteStore): Promise<void> {
  await writeUncarriedKwb(store, {
    file: 'kwb-2021-division',
    edition: 'KWB 2020 (indeling 2021)',
    gemeente: 'GM0928',
    codes: Array.from({ length: 10 }, (_, k) => `BU0928AA${String(k + 1).padStart(2, '0')}`),
    name: (i) => `Nieuwe buurt ${i}`,
    value: (i) => 30 + i,
    column: 'corporation_share',
  });
}

describe('the kinds of missing of an older data edition', () => {
  let store: SqliteStore;
  /** Before the Kerkrade file, with it, and the newest (a later change to Heerlen). */
  let before: number;
  let withFile: number;
  let newest: number;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const kerkrade = async (edition: number): Promise<MapResponse> => {
    const res = await app().request(`/api/maps?map=corporatiebezit&year=2020&area=GM0928&edition=${edition}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const kinds = (m: MapResponse) => [...new Set(m.features.map((f) => f.properties.missing))];
  const listed = async (edition: number) => {
    const res = await app().request(`/api/maps/definitions?area=GM0928&edition=${edition}`);
    expect(res.status).toBe(200);
    const corporation = MapDefinitionsResponseSchema.parse(await res.json()).maps.find(
      (d) => d.id === 'corporatiebezit',
    )!;
    return [corporation.availability!.emptyReason, corporation.availability!.missingSources];
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 10,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    dropKwb(store, 'BU0928%');
    before = (await captureDataEdition(store, 2020))!.id;
    await writeRecodedKerkrade(store);
    // the values on division 2020 are those of `before`: the edition differs by its source editions
    withFile = (await captureDataEdition(store, 2020))!.id;
    dropKwb(store, 'BU09170003', 2020);
    newest = (await captureDataEdition(store, 2020))!.id;
  });
  afterAll(() => store.close());

  it('three editions, the newest current', async () => {
    expect(new Set([before, withFile, newest]).size).toBe(3);
    expect((await store.listDataEditions()).at(-1)!.id).toBe(newest);
  });

  it('an edition that held the file says "Buurt niet in de bron" for Kerkrade, as the newest does, and why', async () => {
    for (const edition of [withFile, newest]) {
      const m = await kerkrade(edition);
      expect(m.meta.dataEdition?.id, String(edition)).toBe(edition);
      expect(kinds(m), String(edition)).toEqual(['not-in-source']);
      expect(m.meta.emptyReason, String(edition)).toMatchObject({
        code: 'no-values',
        kind: 'not-in-source',
        missingSources: [],
      });
      expect(m.meta.emptyReason!.nl).toContain('volgens buurtindeling 2021 (10 buurten)');
      expect(await listed(edition), String(edition)).toEqual(['no-values', []]);
    }
  });

  it('an edition made before the file was loaded says "Bron niet geladen" and how to load it', async () => {
    const m = await kerkrade(before);
    expect(kinds(m)).toEqual(['not-loaded']);
    expect(m.meta.emptyReason).toMatchObject({
      code: 'source-not-loaded',
      kind: 'not-loaded',
      missingSources: ['kwb'],
    });
    expect(await listed(before)).toEqual(['source-not-loaded', ['kwb']]);
  });
});
