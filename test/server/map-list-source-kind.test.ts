/**
 * A map and its entry in the map list per area say the same about a missing source, by one rule
 * (gemeenteSourceKind, src/domain/engine/missing-kinds.ts): "Bron niet geladen" and a source to
 * load only where no loaded file of the source covers the gemeente. A file that covers it but does
 * not hold the indicator makes the map say "Niet gepubliceerd in deze editie" and the list name no
 * source to load. On a synthetic store (division 2020) where Appingedam (GM0003, merged into
 * Eemsdelta GM1979 in 2021) has no values on division 2020, and Eemsdelta's KWB 2020 file, on its
 * own division 2021 that harmonisation could not carry over, has only the corporation share.
 * Kerkrade (GM0928) has no values but the inhabitants of a KWB 2024 file, whose low-income share
 * (of Groningen) the map of low incomes does not show: from 2024 it shows persons in poverty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore, writeUncarriedKwb } from './synthetic-store.js';

const APPINGEDAM = 'GM0003';
const EEMSDELTA = 'GM1979';
const KERKRADE = 'GM0928';

/** Eemsdelta's KWB 2020 file on division 2021: the corporation share of eight buurten, carried over by nothing. */
async function writeEemsdeltaCorporationShare(store: SqliteStore): Promise<void> {
  await writeUncarriedKwb(store, {
    file: 'kwb-eemsdelta',
    edition: 'KWB 2020 Eemsdelta (indeling 2021)',
    gemeente: EEMSDELTA,
    codes: Array.from({ length: 8 }, (_, k) => `BU19790${String(k + 1).padStart(3, '0')}`),
    name: (i) => `Eemsdelta ${i}`,
    value: (i) => 20 + i,
    column: 'corporation_share',
  });
}

/** A KWB 2024 file on division 2020: Kerkrade's inhabitants, Groningen's low-income share. */
async function writeKwb2024(store: SqliteStore): Promise<void> {
  const batch: ImportBatch = emptyBatch('kwb-2024', 'kwb-2024', {
    source: 'kwb',
    edition: 'KWB 2024',
    table: null,
    publisher: 'test',
    divisionYear: 2020,
  });
  for (let i = 0; i < 6; i++)
    for (const [gm, indicator] of [
      ['0928', 'inhabitants'],
      ['0014', 'low_income_households_share'],
    ] as const)
      batch.values.push({
        areaCode: `BU${gm}00${String(i).padStart(2, '0')}`,
        year: 2024,
        indicator,
        value: 500 + i,
        flags: 0,
        column: indicator,
        divisionYear: 2020,
      });
  await store.writeBatch(batch, {});
}

describe('a source that covers the gemeente without the indicator: the map and the list agree', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const map = async (query: string, area = APPINGEDAM): Promise<MapResponse> => {
    const res = await app().request(`/api/maps?${query}&area=${area}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const kinds = (m: MapResponse) => [...new Set(m.features.map((f) => f.properties.missing ?? 'value'))];
  const listed = async (area = APPINGEDAM): Promise<Record<string, [string | null, string[]]>> => {
    const res = await app().request(`/api/maps/definitions?area=${area}`);
    expect(res.status).toBe(200);
    const d = MapDefinitionsResponseSchema.parse(await res.json());
    return Object.fromEntries(
      d.maps.map((m) => [m.id, [m.availability!.emptyReason, m.availability!.missingSources]]),
    );
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 6,
      gemeenteCodes: [APPINGEDAM, 'GM0014', KERKRADE],
    });
    for (const gm of [APPINGEDAM, KERKRADE])
      store.db
        .prepare('DELETE FROM area_values WHERE area_id IN (SELECT id FROM value_areas WHERE code LIKE ?)')
        .run(`BU${gm.slice(2)}%`);
    await writeEemsdeltaCorporationShare(store);
    await writeKwb2024(store);
  });
  afterAll(() => store.close());

  it('the corporation share, which the file holds: "Buurt niet in de bron", nothing to load', async () => {
    const m = await map('map=corporatiebezit&year=2020');
    expect(kinds(m)).toEqual(['not-in-source']);
    expect(m.meta.emptyReason).toMatchObject({
      code: 'no-values',
      kind: 'not-in-source',
      missingSources: [],
    });
    expect((await listed())['corporatiebezit']).toEqual(['no-values', []]);
  });

  it('low incomes, which the loaded KWB file does not hold: "Niet gepubliceerd in deze editie" on the map, no source to load in the list', async () => {
    const m = await map('map=lage-inkomens&year=2020');
    expect(kinds(m)).toEqual(['not-published']);
    expect(m.meta.emptyReason).toMatchObject({
      code: 'no-values',
      kind: 'not-published',
      missingSources: [],
    });
    expect(m.meta.emptyReason!.nl).toContain('publiceert deze gegevens (nog) niet');
    expect((await listed())['lage-inkomens']).toEqual(['no-values', []]);
  });

  it('a year no KWB file covers Appingedam or Eemsdelta: "Bron niet geladen" with how to load it', async () => {
    const m = await map('map=lage-inkomens&year=2019');
    expect(kinds(m)).toEqual(['not-loaded']);
    expect(m.meta.emptyReason).toMatchObject({ code: 'source-not-loaded', missingSources: ['kwb'] });
  });

  it('the Leefbaarometer, of which no file covers them: the map and the list say to load it', async () => {
    expect(kinds(await map('map=leefbaarheid&year=2020'))).toEqual(['not-loaded']);
    expect((await listed())['leefbaarheid']).toEqual(['source-not-loaded', ['lbm']]);
  });

  it('a file the map does not show (the low-income share of 2024, when the map shows persons in poverty): the list still says to load KWB, as the map does', async () => {
    const m = await map('map=lage-inkomens', KERKRADE);
    expect(m.meta.year).toBe(2020);
    expect(kinds(m)).toEqual(['not-loaded']);
    expect(m.meta.emptyReason).toMatchObject({ code: 'source-not-loaded', missingSources: ['kwb'] });
    expect((await listed(KERKRADE))['lage-inkomens']).toEqual(['source-not-loaded', ['kwb']]);
  });
});
