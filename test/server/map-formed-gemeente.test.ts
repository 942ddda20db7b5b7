/**
 * A file on a division older than the one shown, for the gemeenten a later herindeling formed a
 * gemeente of the division shown from (Dongeradeel, Ferwerderadiel and Kollumerland on division
 * 2018; Noardeast-Fryslân, GM1970, from 2019), of which harmonisation could carry nothing: the
 * new gemeente's buurten are not in that source ("Buurt niet in de bron", the explanation names
 * the gemeenten), and its list names no source to load. A file with only some of them (West
 * Betuwe, GM1960, of which only Geldermalsen) does not tell which buurten it covers: those stay
 * "Bron niet geladen". On a synthetic store (division 2020, SQLite and PostgreSQL) with Heerlen's
 * values and the buurten of these two without any value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { fillSyntheticStore } from './synthetic-store.js';

const NOARDEAST_FRYSLAN = 'GM1970';
const WEST_BETUWE = 'GM1960';

/** A KWB 2018 file on division 2018: the corporation share of four buurten per gemeente, none carried over. */
async function writeKwb2018(store: Store, gemeenten: readonly string[]): Promise<void> {
  const batch: ImportBatch = emptyBatch('kwb-2018', 'kwb-2018', {
    source: 'kwb',
    edition: 'KWB 2018 (indeling 2018)',
    table: null,
    publisher: 'test',
    divisionYear: 2018,
  });
  for (const gm of gemeenten)
    for (let i = 1; i <= 4; i++) {
      const code = `BU${gm.slice(2)}ZZ0${i}`;
      batch.areas.push({
        code,
        level: 'buurt',
        name: `${gm} ${i}`,
        gemeenteCode: gm,
        wijkCode: null,
        divisionYear: 2018,
      });
      batch.values.push({
        areaCode: code,
        year: 2018,
        indicator: 'corporation_share',
        value: 20 + i,
        flags: 0,
        column: 'corporation_share',
        divisionYear: 2018,
      });
    }
  await store.writeBatch(batch, {});
  await store.logHarmonisation(
    gemeenten.map((gm) => ({
      fromDivision: 2018,
      toDivision: 2020,
      gemeenteCode: gm,
      byCode: 0,
      byOverlay: 0,
      unmatched: 4,
    })),
  );
}

/** The buurten of `gemeenten` on division 2020 (five each), without any value. */
async function writeBuurtenWithoutValues(store: Store, gemeenten: readonly string[]): Promise<void> {
  const batch: ImportBatch = emptyBatch('buurten-2020', 'buurten-2020', {
    source: 'geo',
    edition: 'buurten 2020',
    table: null,
    publisher: 'test',
    divisionYear: 2020,
  });
  for (const gm of gemeenten) {
    batch.areas.push({
      code: gm,
      level: 'gemeente',
      name: gm,
      gemeenteCode: gm,
      wijkCode: null,
      divisionYear: 2020,
    });
    for (let i = 1; i <= 5; i++)
      batch.areas.push({
        code: `BU${gm.slice(2)}000${i}`,
        level: 'buurt',
        name: `${gm} ${i}`,
        gemeenteCode: gm,
        wijkCode: null,
        divisionYear: 2020,
      });
  }
  await store.writeBatch(batch, {});
}

async function fill(store: Store): Promise<Store> {
  await fillSyntheticStore(store, { gemeenten: 1, buurtenPerGemeente: 5, gemeenteCodes: ['GM0917'] });
  await writeBuurtenWithoutValues(store, [NOARDEAST_FRYSLAN, WEST_BETUWE]);
  // Noardeast-Fryslân's three; of West Betuwe's three only Geldermalsen
  await writeKwb2018(store, ['GM0058', 'GM1722', 'GM0079', 'GM0236']);
  return store;
}

describe('a file on an older division for the gemeenten a later herindeling joined (SQLite)', () =>
  formedGemeenteTests(() => fill(openSqliteStore({ path: ':memory:' }))));

describe.skipIf(!hasPostgres)(
  'a file on an older division for the gemeenten a later herindeling joined (PostgreSQL)',
  () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });
    formedGemeenteTests(async () => fill(await openPgStore({ url: await server.createDatabase('formed') })));
  },
);

/** The same maps and lists on either store. */
function formedGemeenteTests(open: () => Promise<Store>): void {
  let store: Store;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const map = async (area: string): Promise<MapResponse> => {
    const res = await app().request(`/api/maps?map=corporatiebezit&year=2018&area=${area}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const kinds = (m: MapResponse) => [...new Set(m.features.map((f) => f.properties.missing ?? 'value'))];
  const listed = async (area: string) => {
    const res = await app().request(`/api/maps/definitions?area=${area}`);
    expect(res.status).toBe(200);
    const m = MapDefinitionsResponseSchema.parse(await res.json()).maps.find(
      (d) => d.id === 'corporatiebezit',
    )!;
    return [m.availability!.emptyReason, m.availability!.missingSources];
  };

  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store.close());

  it('Noardeast-Fryslân: "Buurt niet in de bron", naming the gemeenten it was formed from; no source to load', async () => {
    const m = await map(NOARDEAST_FRYSLAN);
    expect(kinds(m)).toEqual(['not-in-source']);
    expect(m.meta.emptyReason).toMatchObject({
      code: 'no-values',
      kind: 'not-in-source',
      missingSources: [],
    });
    expect(m.meta.emptyReason!.nl).toBe(
      'Geen waarden voor 2018: de geladen CBS KWB-gegevens van dat jaar delen de gemeenten die nu deze gemeente vormen, Dongeradeel (GM0058), Kollumerland en Nieuwkruisland (GM0079), Ferwerderadiel (GM1722), in volgens buurtindeling 2018 (12 buurten); geen van die buurten kon op buurtindeling 2020 worden overgezet (de codes komen daar niet voor en er was geen overlay). De bron is geladen; opnieuw importeren helpt niet. Kies een ander jaar.',
    );
    expect(await listed(NOARDEAST_FRYSLAN)).toEqual(['no-values', []]);
  });

  it('West Betuwe, of which the file has only Geldermalsen: "Bron niet geladen" and KWB to load', async () => {
    const m = await map(WEST_BETUWE);
    expect(kinds(m)).toEqual(['not-loaded']);
    expect(m.meta.emptyReason).toMatchObject({ code: 'source-not-loaded', missingSources: ['kwb'] });
    expect(await listed(WEST_BETUWE)).toEqual(['source-not-loaded', ['kwb']]);
  });
}
