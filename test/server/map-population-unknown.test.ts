/**
 * The veerkracht maps of a gemeente whose buurten have no inhabitants: the explanation advises
 * loading KWB only where no loaded KWB file of a year the gemeente existed in covers it — one rule
 * for the maps and the map list (populationSourceOf). Weesp (GM0457, merged into Amsterdam in
 * 2022): the loaded KWB files have Amsterdam's inhabitants, none Weesp itself, so KWB of 2014–2022
 * is to be loaded; with its other KWB values there is nothing to load; Kerkrade: no KWB file
 * covers it. The map list says the same, also when the buurten have the other inputs
 * of the maps (then it said "no comparable years"). On synthetic stores (division 2020) without
 * any value of the buurten of Weesp and Kerkrade, or without Weesp's inhabitants and Kerkrade's
 * KWB values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { deleteValues, recordValuesDivision, syntheticStore } from './synthetic-store.js';

const WEESP = 'GM0457';
const KERKRADE = 'GM0928';
const VEERKRACHT_MAPS = ['veerkracht-absoluut', 'veerkracht-relatief'];

describe('veerkracht maps of buurten without inhabitants: what to load', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const map = async (id: string, area: string): Promise<MapResponse> => {
    const res = await app().request(`/api/maps?map=${id}&period=2016-2020&area=${area}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const listed = async (area: string, id: string) => {
    const res = await app().request(`/api/maps/definitions?area=${area}`);
    expect(res.status).toBe(200);
    const m = MapDefinitionsResponseSchema.parse(await res.json()).maps.find((d) => d.id === id)!;
    return [m.availability!.emptyReason, m.availability!.missingSources];
  };

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0363', WEESP, KERKRADE],
    });
    for (const gm of [WEESP, KERKRADE]) deleteValues(store, `BU${gm.slice(2)}%`);
    // the values stand for files on division 2024, after the herindelingen, carried onto 2020
    recordValuesDivision(store, 2024);
  });
  afterAll(() => store.close());

  it('Weesp: "Inwonertal onbekend"; the KWB files loaded have Amsterdam, none has Weesp itself: KWB of the years Weesp existed in to load, on the map and in the list', async () => {
    for (const id of VEERKRACHT_MAPS) {
      const m = await map(id, WEESP);
      expect(new Set(m.features.map((f) => f.properties.missing)), id).toEqual(
        new Set(['population-unknown']),
      );
      expect(m.meta.emptyReason, id).toEqual({
        code: 'source-not-loaded',
        kind: 'population-unknown',
        missingSources: ['kwb'],
        nl: "Geen waarden voor 2016–2020: het inwonertal van de buurten is onbekend op deze buurtindeling. Weesp (GM0457) bestond tot en met de indeling van 2022 en is opgegaan in Amsterdam (GM0363); er is geen CBS KWB-bestand geladen van een jaar waarin de gemeente nog bestond (2014 t/m 2022), en zo'n bestand heeft haar buurten met hun inwonertal. Laad ze met `veerkracht fetch --sources kwb --years 2014-2022`, of importeer een KWB-bestand van 2014 t/m 2022 met `veerkracht import <bestand>`.",
        en: "No values for 2016–2020: the buurten's population is unknown on this division. Weesp (GM0457) existed up to the division of 2022 and went into Amsterdam (GM0363); no CBS KWB file is loaded of a year the gemeente still existed in (2014 to 2022), and such a file has its buurten with their inhabitants. Load them with `veerkracht fetch --sources kwb --years 2014-2022`, or import a KWB file of 2014 to 2022 with `veerkracht import <file>`.",
      });
      expect(await listed(WEESP, id), id).toEqual(['source-not-loaded', ['kwb']]);
    }
  });

  it('Kerkrade, which no KWB file covers: "Inwonertal onbekend" with how to load KWB', async () => {
    for (const id of VEERKRACHT_MAPS) {
      const m = await map(id, KERKRADE);
      expect(m.meta.emptyReason, id).toMatchObject({
        code: 'source-not-loaded',
        kind: 'population-unknown',
        missingSources: ['kwb'],
      });
      expect(m.meta.emptyReason!.nl, id).toContain('`veerkracht fetch --sources kwb`');
      expect((await listed(KERKRADE, id))[0], id).toBe('source-not-loaded');
    }
  });
});

describe('veerkracht maps of buurten with the index components and the nuisance measures but no inhabitants: the list says the same as the map', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0363', WEESP, KERKRADE],
    });
    // Weesp without its inhabitants (Amsterdam has them); Kerkrade without any KWB value
    for (const [gm, indicators] of [
      [WEESP, `indicator = 'inhabitants'`],
      [KERKRADE, `indicator NOT LIKE 'lbm_%' AND indicator NOT LIKE 'rivm_%'`],
    ])
      deleteValues(store, `BU${gm!.slice(2)}%`, indicators);
  });
  afterAll(() => store.close());

  it('Weesp: no values and nothing to load (not "no comparable years"); Kerkrade: KWB to load, on the map and in the list', async () => {
    for (const [gm, reason, sources] of [
      [WEESP, 'no-values', []],
      [KERKRADE, 'source-not-loaded', ['kwb']],
    ] as const) {
      const res = await app().request(`/api/maps/definitions?area=${gm}`);
      const defs = MapDefinitionsResponseSchema.parse(await res.json());
      for (const id of VEERKRACHT_MAPS) {
        const a = defs.maps.find((d) => d.id === id)!.availability!;
        expect([a.emptyReason, a.missingSources], `${gm} ${id}`).toEqual([reason, sources]);
        const m = MapResponseSchema.parse(
          await (await app().request(`/api/maps?map=${id}&period=2016-2020&area=${gm}`)).json(),
        );
        expect(new Set(m.features.map((f) => f.properties.missing)), `${gm} ${id}`).toEqual(
          new Set(['population-unknown']),
        );
        expect([m.meta.emptyReason?.code, m.meta.emptyReason?.missingSources], `${gm} ${id}`).toEqual([
          reason,
          sources,
        ]);
      }
    }
  });
});
