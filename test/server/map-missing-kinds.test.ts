/**
 * GET /api/maps: a buurt without a value says "Bron niet geladen" only when no loaded file of the
 * source covers it for the year, and "Buurt niet in de bron" when the source is loaded for its
 * gemeente but holds nothing for the buurt — also when the file has the gemeente's buurten only on
 * a division none of whose codes could be carried onto the reference division (as Amsterdam's
 * 2024 files on the 2019 division). The export of stored values (export-table.ts) says the same.
 * On a synthetic store (division 2020, GM0917 and GM0928).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapDefinitionsResponseSchema, MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { createApp } from '../../src/server/app.js';
import { buildBuurtTable } from '../../src/service/export-table.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { recordValuesDivision, syntheticStore, writeUncarriedKwb } from './synthetic-store.js';

const CORPORATION_2020 = '/api/maps?map=corporatiebezit&year=2020';

/** Deletes the KWB values (of every year, or of `year`) of the buurten whose code is LIKE `pattern` (division 2020). */
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

/** The KWB 2020 file of GM0928 on its own division 2021: ten buurten under codes 2020 does not have. */
async function writeRecodedGemeente(store: SqliteStore): Promise<void> {
  const edition = {
    source: 'kwb' as const,
    edition: 'KWB 2020 (indeling 2021)',
    table: null,
    publisher: 'test',
    divisionYear: 2021,
  };
  const batch: ImportBatch = emptyBatch('kwb-2021-division', 'kwb-2021-division', edition);
  for (let i = 1; i <= 10; i++) {
    const code = `BU0928AA${String(i).padStart(2, '0')}`;
    batch.areas.push({
      code,
      level: 'buurt',
      name: `Nieuwe buurt ${i}`,
      gemeenteCode: 'GM0928',
      wijkCode: null,
      divisionYear: 2021,
    });
    for (const [indicator, value] of [
      ['inhabitants', 1000 + i],
      ['corporation_share', 30 + i],
    ] as const)
      batch.values.push({
        areaCode: code,
        year: 2020,
        indicator,
        value,
        flags: 0,
        column: indicator,
        divisionYear: 2021,
      });
  }
  await store.writeBatch(batch, {});
  await store.logHarmonisation([
    { fromDivision: 2021, toDivision: 2020, gemeenteCode: 'GM0928', byCode: 0, byOverlay: 0, unmatched: 10 },
  ]);
}

describe('GET /api/maps: "Bron niet geladen" or "Buurt niet in de bron"', () => {
  let store: SqliteStore;
  /** A fresh app: its engine state is loaded from the store as it is now. */
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const map = async (server: ReturnType<typeof createApp>, area: string): Promise<MapResponse> => {
    const res = await server.request(`${CORPORATION_2020}&area=${area}`);
    expect(res.status).toBe(200);
    return MapResponseSchema.parse(await res.json());
  };
  const specials = (m: MapResponse) =>
    m.legend
      .filter((l) => !/^c\d$/.test(l.classId) && l.count > 0)
      .map((l) => ({ classId: l.classId, label: l.label, labelEn: l.labelEn, count: l.count }));

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 10,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    dropKwb(store, 'BU09170003', 2020); // one buurt of Heerlen is not in the KWB file of 2020
    dropKwb(store, 'BU0928%'); // no KWB of Kerkrade on division 2020, in any year
  });
  afterAll(() => store.close());

  it('a buurt missing from a file that covers the rest of its gemeente is "not in the source"', async () => {
    const m = await map(app(), 'GM0917');
    expect(specials(m)).toEqual([
      {
        classId: 'not-in-source',
        label: 'Buurt niet in de bron',
        labelEn: 'Buurt not in the source',
        count: 1,
      },
    ]);
    expect(m.features.find((f) => f.properties.code === 'BU09170003')!.properties).toMatchObject({
      value: null,
      missing: 'not-in-source',
    });
    expect(m.meta.emptyReason).toBeNull();
    const table = await buildBuurtTable(store, {
      gemeente: 'GM0917',
      year: 2020,
      indicators: ['corporation_share'],
    });
    expect(table.rows.find((r) => r.code === 'BU09170003')!.missing).toEqual({
      corporation_share: 'not-in-source',
    });
  });

  it('a gemeente no loaded file covers says "source not loaded" and how to load it', async () => {
    const m = await map(app(), 'GM0928');
    expect(specials(m)).toEqual([
      { classId: 'not-loaded', label: 'Bron niet geladen', labelEn: 'Source not loaded', count: 10 },
    ]);
    expect(m.meta.emptyReason).toMatchObject({
      code: 'source-not-loaded',
      kind: 'not-loaded',
      missingSources: ['kwb'],
    });
    expect(m.meta.emptyReason!.nl).toContain('veerkracht fetch --sources kwb');
    const definitions = await app().request('/api/maps/definitions?area=GM0928');
    const corporation = MapDefinitionsResponseSchema.parse(await definitions.json()).maps.find(
      (d) => d.id === 'corporatiebezit',
    )!;
    expect(corporation.availability).toMatchObject({
      emptyReason: 'source-not-loaded',
      missingSources: ['kwb'],
    });
    const table = await buildBuurtTable(store, {
      gemeente: 'GM0928',
      year: 2020,
      indicators: ['corporation_share'],
    });
    expect(new Set(table.rows.map((r) => r.missing['corporation_share']))).toEqual(new Set(['not-loaded']));
  });

  it('a gemeente whose file is loaded on a division that could not be carried over is "not in the source", without import advice', async () => {
    await writeRecodedGemeente(store);
    const m = await map(app(), 'GM0928');
    expect(specials(m)).toEqual([
      {
        classId: 'not-in-source',
        label: 'Buurt niet in de bron',
        labelEn: 'Buurt not in the source',
        count: 10,
      },
    ]);
    expect(m.legend.find((l) => l.classId === 'not-in-source')!.color).toBe('#e9e9e9');
    expect(m.features.every((f) => f.properties.value === null)).toBe(true);
    expect(m.meta.emptyReason).toEqual({
      code: 'no-values',
      kind: 'not-in-source',
      missingSources: [],
      nl:
        'Geen waarden voor 2020: de geladen CBS KWB-gegevens van dat jaar delen de gemeente in volgens buurtindeling 2021 (10 buurten); ' +
        'geen van die buurten kon op buurtindeling 2020 worden overgezet (de codes komen daar niet voor en er was geen overlay). ' +
        'De bron is geladen; opnieuw importeren helpt niet. Kies een ander jaar.',
      en:
        'No values for 2020: the loaded CBS KWB data of that year divide the gemeente by the buurt division of 2021 (10 buurten); ' +
        'none of those buurten could be carried onto the division of 2020 (the codes do not occur there and there was no overlay). ' +
        'The source is loaded; importing it again does not help. Choose another year.',
    });
    // the map list no longer offers to load KWB for Kerkrade
    const definitions = await app().request('/api/maps/definitions?area=GM0928');
    const corporation = MapDefinitionsResponseSchema.parse(await definitions.json()).maps.find(
      (d) => d.id === 'corporatiebezit',
    )!;
    expect(corporation.availability).toMatchObject({
      hasData: false,
      emptyReason: 'no-values',
      missingSources: [],
    });
    // the export of the stored values says the same
    const table = await buildBuurtTable(store, {
      gemeente: 'GM0928',
      year: 2020,
      indicators: ['corporation_share'],
    });
    expect(new Set(table.rows.map((r) => r.missing['corporation_share']))).toEqual(
      new Set(['not-in-source']),
    );
    // the buurt of Heerlen is unchanged: its gemeente has no uncarried division
    const heerlen = await map(app(), 'GM0917');
    expect(specials(heerlen).map((s) => [s.classId, s.count])).toEqual([['not-in-source', 1]]);
  });
});

describe('GET /api/maps: a gemeente that a herindeling merged or split after the division shown', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const kinds = async (
    area: string,
  ): Promise<{ kinds: Set<string | null | undefined>; meta: MapResponse['meta'] }> => {
    const res = await app().request(`${CORPORATION_2020}&area=${area}`);
    expect(res.status).toBe(200);
    const m = MapResponseSchema.parse(await res.json());
    return { kinds: new Set(m.features.map((f) => f.properties.missing)), meta: m.meta };
  };

  beforeAll(async () => {
    // Appingedam and Delfzijl (both went into Eemsdelta, GM1979, in 2021); Haaren (GM0788, split
    // over four gemeenten in 2021, one of them Oisterwijk, GM0824); all on division 2020
    store = await syntheticStore({
      gemeenten: 4,
      buurtenPerGemeente: 5,
      gemeenteCodes: ['GM0003', 'GM0010', 'GM0788', 'GM0824'],
    });
    for (const gm of ['0003', '0010', '0788']) dropKwb(store, `BU${gm}%`);
    // the values stand for files on division 2024, after the herindelingen, carried onto 2020
    recordValuesDivision(store, 2024);

    // Eemsdelta's KWB on division 2021, under codes division 2020 does not have
    await writeUncarriedKwb(store, {
      file: 'kwb-eemsdelta',
      edition: 'KWB 2020 (indeling 2021)',
      gemeente: 'GM1979',
      codes: Array.from({ length: 8 }, (_, k) => `BU1979${String(k + 1).padStart(4, '0')}`),
      name: (i) => `Buurt ${i}`,
      value: (i) => 20 + i,
      column: 'c',
    });
  });
  afterAll(() => store.close());

  it('the buurten of a gemeente merged into one whose file could not be carried over are "not in the source", naming the new gemeente', async () => {
    for (const gm of ['GM0003', 'GM0010']) {
      const { kinds: k, meta } = await kinds(gm);
      expect([...k], gm).toEqual(['not-in-source']);
      expect(meta.emptyReason, gm).toMatchObject({
        code: 'no-values',
        kind: 'not-in-source',
        missingSources: [],
      });
      expect(meta.emptyReason!.nl, gm).toContain(
        'delen de gemeente, die is opgegaan in Eemsdelta (GM1979), in volgens buurtindeling 2021 (8 buurten)',
      );
      expect(meta.emptyReason!.en, gm).toContain('the gemeente, which went into Eemsdelta (GM1979),');
    }
  });

  it('the buurten of a gemeente split over others that the file covers are "not in the source"', async () => {
    const { kinds: k } = await kinds('GM0788');
    expect([...k]).toEqual(['not-in-source']);
    // the receiving gemeente itself has its values
    const { kinds: oisterwijk } = await kinds('GM0824');
    expect(oisterwijk.has('not-loaded')).toBe(false);
    expect(oisterwijk.has('not-in-source')).toBe(false);
  });
});
