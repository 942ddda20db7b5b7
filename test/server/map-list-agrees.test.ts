/**
 * The map list per area (GET /api/maps/definitions?area=) and the map the area opens on (GET
 * /api/maps without a year or period) say the same about an empty map: its entry's emptyReason is
 * the map's code, and its sources to load include the map's (one source of truth). As Middelburg
 * (GM0687) on the national store: its KWB file (of a year without the benefits and Wmo) holds it
 * only on another division, which harmonisation could not carry over (no inhabitants for its
 * buurten), no KWB file of the years with benefits and Wmo covers it, and its RIVM file lacks one
 * of the two RIVM components; the list named KWB for
 * the concentration and veerkracht maps, while the concentration map said "too few data" (its
 * buurten's components: KWB not loaded, RIVM not published) and the veerkracht maps said the
 * population is unknown with nothing to load. On a synthetic store (division 2020).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { deleteValues, syntheticStore, writeUncarriedKwb } from './synthetic-store.js';

const MIDDELBURG = 'GM0687';

describe('the map list and the map an area opens on say the same about an empty map', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0917', MIDDELBURG, 'GM0928'],
      kwbYears: [2016, 2017, 2018, 2019],
    });
    deleteValues(
      store,
      'BU0687%',
      `indicator NOT LIKE 'lbm_%' AND indicator NOT LIKE 'rivm_%' OR indicator = 'rivm_high_risk_anxiety_depression'`,
    );
    await writeUncarriedKwb(store, {
      file: 'kwb-middelburg-2021',
      edition: 'KWB 2020 (indeling 2021)',
      gemeente: MIDDELBURG,
      codes: Array.from({ length: 6 }, (_, k) => `BU0687AA${String(k + 1).padStart(2, '0')}`),
      name: (i) => `Nieuwe buurt ${i}`,
      value: (i) => 30 + i,
      column: 'corporation_share',
    });
  });
  afterAll(() => store.close());

  it('every empty map: the list entry has the map’s reason and names its sources', async () => {
    const res = await app().request(`/api/maps/definitions?area=${MIDDELBURG}`);
    const defs = MapDefinitionsResponseSchema.parse(await res.json());
    const empty = defs.maps.filter((d) => !d.availability!.hasData);
    expect(empty.map((d) => d.id)).toEqual(
      expect.arrayContaining(['concentratie-kwetsbaren', 'veerkracht-absoluut', 'veerkracht-relatief']),
    );
    for (const d of empty) {
      const m = MapResponseSchema.parse(
        await (await app().request(`/api/maps?map=${d.id}&area=${MIDDELBURG}`)).json(),
      );
      const reason = m.meta.emptyReason!;
      expect(d.availability!.emptyReason, d.id).toBe(reason.code);
      expect(d.availability!.missingSources, d.id).toEqual(expect.arrayContaining(reason.missingSources));
      if (reason.code !== 'source-not-loaded') expect(d.availability!.missingSources, d.id).toEqual([]);
    }
  });

  it('the concentration and veerkracht maps and their entries: KWB to load', async () => {
    const res = await app().request(`/api/maps/definitions?area=${MIDDELBURG}`);
    const defs = MapDefinitionsResponseSchema.parse(await res.json());
    for (const id of ['concentratie-kwetsbaren', 'veerkracht-absoluut', 'veerkracht-relatief']) {
      const a = defs.maps.find((d) => d.id === id)!.availability!;
      expect([a.emptyReason, a.missingSources], id).toEqual(['source-not-loaded', ['kwb']]);
      const m = MapResponseSchema.parse(
        await (await app().request(`/api/maps?map=${id}&area=${MIDDELBURG}`)).json(),
      );
      expect([m.meta.emptyReason?.code, m.meta.emptyReason?.missingSources], id).toEqual([
        'source-not-loaded',
        ['kwb'],
      ]);
    }
    // the index's buurten: its most telling missing component, KWB not loaded (was "Geen gegevens")
    const index = MapResponseSchema.parse(
      await (
        await app().request(`/api/maps?map=concentratie-kwetsbaren&year=2020&area=${MIDDELBURG}`)
      ).json(),
    );
    expect(new Set(index.features.map((f) => f.properties.missing))).toEqual(new Set(['not-loaded']));
    // the population: the KWB file has Middelburg only on division 2021; one of 2020 has these buurten
    const classes = MapResponseSchema.parse(
      await (await app().request(`/api/maps?map=veerkracht-absoluut&area=${MIDDELBURG}`)).json(),
    );
    expect(classes.meta.emptyReason!.nl).toBe(
      `Geen waarden voor 2016–2020: het inwonertal van de buurten is onbekend op deze buurtindeling (2020): de geladen CBS KWB-gegevens delen de gemeente in volgens buurtindeling 2021, en geen van die buurten kon op buurtindeling 2020 worden overgezet; een KWB-bestand van 2020 heeft de buurten van deze indeling met hun inwonertal. Laad ze met \`veerkracht fetch --sources kwb --years 2020\`, of importeer een KWB-bestand van 2020 met \`veerkracht import <bestand>\`.`,
    );
  });
});
