/**
 * GET /api/maps/definitions?area=: the map list says a source is not loaded (and the app offers
 * the command to load it) only where the map itself says "Bron niet geladen". A gemeente of the
 * division shown that a later herindeling merged into another (Weesp → Amsterdam) or split up
 * (Haaren → Oisterwijk and others) is covered by the loaded files of the gemeente it went into:
 * its maps say "Buurt niet in de bron", and its list says the maps have no values there, without
 * a source to load. On a synthetic store (division 2020) without any value for the buurten of
 * Weesp, Haaren and Kerkrade (which no herindeling touched).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MapDefinitionsResponseSchema,
  MapResponseSchema,
  type MapDefinitionsResponse,
} from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { deleteValues, recordValuesDivision, syntheticStore } from './synthetic-store.js';

const WEESP = 'GM0457';
const HAAREN = 'GM0788';
const KERKRADE = 'GM0928';

/** Per map (or layer) without data in the area: why, and the sources the list says to load. */
function withoutData(
  list: MapDefinitionsResponse['maps'] | MapDefinitionsResponse['layers'],
): Record<string, [string | null, string[]]> {
  return Object.fromEntries(
    list
      .filter((d) => !d.availability!.hasData)
      .map((d) => [d.id, [d.availability!.emptyReason, d.availability!.missingSources]]),
  );
}

describe('GET /api/maps/definitions?area=: a gemeente merged or split after the division shown', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const definitions = async (area: string): Promise<MapDefinitionsResponse> => {
    const res = await app().request(`/api/maps/definitions?area=${area}`);
    expect(res.status).toBe(200);
    return MapDefinitionsResponseSchema.parse(await res.json());
  };
  /** The kinds of missing on the map (each once, sorted). */
  const mapKinds = async (area: string, query: string): Promise<string[]> => {
    const res = await app().request(`/api/maps?${query}&area=${area}`);
    expect(res.status).toBe(200);
    const m = MapResponseSchema.parse(await res.json());
    return [...new Set(m.features.map((f) => f.properties.missing ?? 'value'))].sort();
  };

  beforeAll(async () => {
    // Amsterdam (GM0363) and Oisterwijk (GM0824) keep their values
    store = await syntheticStore({
      gemeenten: 5,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0363', WEESP, HAAREN, 'GM0824', KERKRADE],
    });
    for (const gm of [WEESP, HAAREN, KERKRADE]) deleteValues(store, `BU${gm.slice(2)}%`);
    // the values stand for files on division 2024, after the herindelingen, carried onto 2020
    recordValuesDivision(store, 2024);
  });
  afterAll(() => store.close());

  const maps = [
    'map=lage-inkomens&year=2020',
    'map=leefbaarheid&year=2020',
    'map=ontwikkeling-overlast&period=2016-2020',
  ];

  it('the maps of Weesp and Haaren say "Buurt niet in de bron", those of Kerkrade "Bron niet geladen"', async () => {
    for (const query of maps) {
      for (const gm of [WEESP, HAAREN])
        expect(await mapKinds(gm, query), `${gm} ${query}`).toEqual(['not-in-source']);
      expect(await mapKinds(KERKRADE, query), query).toEqual(['not-loaded']);
    }
  });

  it('the explanations of their period maps, as of their level maps, name the gemeenten they went into', async () => {
    const reason = async (area: string, query: string) => {
      const res = await app().request(`/api/maps?${query}&area=${area}`);
      return MapResponseSchema.parse(await res.json()).meta.emptyReason;
    };
    for (const [gm, into] of [
      [WEESP, 'Amsterdam (GM0363)'],
      [HAAREN, 'Boxtel (GM0757), Oisterwijk (GM0824), Tilburg (GM0855), Vught (GM0865)'],
    ] as const) {
      expect(await reason(gm, 'map=ontwikkeling-overlast&period=2016-2020'), gm).toEqual({
        code: 'no-values',
        kind: 'not-in-source',
        missingSources: [],
        nl: `Geen waarden voor 2016–2020: de geladen Leefbaarometer-gegevens van die jaren dekken de gemeente, die is opgegaan in ${into}, maar bevatten deze buurten niet. De bron is geladen; opnieuw importeren helpt niet. Kies een andere periode.`,
        en: `No values for 2016–2020: the loaded Leefbaarometer data of those years cover the gemeente, which went into ${into}, but do not contain these buurten. The source is loaded; importing it again does not help. Choose another period.`,
      });
      expect((await reason(gm, 'map=leefbaarheid&year=2020'))?.nl, gm).toBe(
        `Geen waarden voor 2020: de geladen Leefbaarometer-gegevens van dat jaar dekken de gemeente, die is opgegaan in ${into}, maar bevatten deze buurten niet. De bron is geladen; opnieuw importeren helpt niet. Kies een ander jaar.`,
      );
    }
  });

  it('the list of Weesp and Haaren names no source to load, for no map and no layer but the inhabitants of the veerkracht maps; no values (their inputs are absent), not "no comparable years"', async () => {
    for (const gm of [WEESP, HAAREN]) {
      const d = await definitions(gm);
      // the inhabitants (the population of the classes) of any year: only a KWB file of a year
      // the gemeente existed in has its own buurten (populationSourceOf), and none is loaded
      expect(withoutData(d.maps), gm).toEqual({
        corporatiebezit: ['no-values', []],
        'concentratie-kwetsbaren': ['no-values', []],
        'ontwikkeling-concentratie': ['no-values', []],
        leefbaarheid: ['no-values', []],
        'overlast-onveiligheid': ['no-values', []],
        'ontwikkeling-overlast': ['no-values', []],
        'veerkracht-absoluut': ['source-not-loaded', ['kwb']],
        'veerkracht-relatief': ['source-not-loaded', ['kwb']],
        'lage-inkomens': ['no-values', []],
      });
      expect(d.defaultMap, gm).toBeNull();
      const layers = withoutData(d.layers);
      expect(Object.keys(layers), gm).toEqual(d.layers.map((l) => l.id));
      expect(
        new Set(Object.values(layers).map(([reason, sources]) => [reason, ...sources].join(' '))),
        gm,
      ).toEqual(new Set(['no-values']));
    }
  });

  it('the list of Kerkrade, which no loaded file covers, names the sources to load', async () => {
    const d = await definitions(KERKRADE);
    expect(withoutData(d.maps)).toEqual({
      corporatiebezit: ['source-not-loaded', ['kwb']],
      'concentratie-kwetsbaren': ['source-not-loaded', ['kwb', 'rivm']],
      'ontwikkeling-concentratie': ['source-not-loaded', ['kwb', 'rivm']],
      leefbaarheid: ['source-not-loaded', ['lbm']],
      'overlast-onveiligheid': ['source-not-loaded', ['lbm']],
      'ontwikkeling-overlast': ['source-not-loaded', ['kwb', 'lbm', 'politie', 'rivm']],
      'veerkracht-absoluut': ['source-not-loaded', ['kwb', 'lbm', 'politie', 'rivm']],
      'veerkracht-relatief': ['source-not-loaded', ['kwb', 'lbm', 'politie', 'rivm']],
      'lage-inkomens': ['source-not-loaded', ['kwb']],
    });
    expect(withoutData(d.layers)['corporation_share']).toEqual(['source-not-loaded', ['kwb']]);
    expect(withoutData(d.layers)['lbm_onv']).toEqual(['source-not-loaded', ['lbm']]);
  });

  it('Amsterdam and Oisterwijk, which the files cover, have every map', async () => {
    for (const gm of ['GM0363', 'GM0824']) expect(withoutData((await definitions(gm)).maps), gm).toEqual({});
  });
});
