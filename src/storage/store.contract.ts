/**
 * The behaviour every Store implementation must have. Run it with a factory:
 *   describe('SqliteStore', () => runStoreContract(() => openSqliteStore({ path: ':memory:' })));
 * A PostgreSQL store runs the same contract.
 */
import { describe, expect, it } from 'vitest';
import { emptyBatch, VALUE_FLAGS, type ImportBatch } from '../core/records.js';
import { ValueColumns } from '../core/value-columns.js';
import { runCarriedValuesContract } from './carried-values.contract.js';
import { runStoreMethodsContract } from './store-methods.contract.js';
import type { Store } from './store.js';

/** Three areas, three values (one suppressed) and one geometry on division 2019. */
export function sampleBatch(checksum = 'abc'): ImportBatch {
  const batch = emptyBatch('sample.csv', checksum, {
    source: 'tidy',
    edition: 'sample edition',
    table: 'T1',
    publisher: 'test',
    divisionYear: 2019,
  });
  batch.areas = [
    {
      code: 'GM0917',
      level: 'gemeente',
      name: 'Heerlen',
      gemeenteCode: 'GM0917',
      wijkCode: null,
      divisionYear: 2019,
    },
    {
      code: 'BU09171000',
      level: 'buurt',
      name: 'Maria Gewanden',
      gemeenteCode: 'GM0917',
      wijkCode: 'WK091710',
      divisionYear: 2019,
    },
    {
      code: 'BU09280000',
      level: 'buurt',
      name: 'Kerkrade-Centrum',
      gemeenteCode: 'GM0928',
      wijkCode: 'WK092800',
      divisionYear: 2019,
    },
  ];
  batch.values = ValueColumns.from([
    {
      areaCode: 'BU09171000',
      year: 2018,
      indicator: 'inhabitants',
      value: 3455,
      flags: 0,
      column: 'a_inw',
      divisionYear: 2019,
    },
    {
      areaCode: 'BU09171000',
      year: 2018,
      indicator: 'corporation_share',
      value: null,
      flags: VALUE_FLAGS.suppressed,
      column: 'p_wcorpw',
      divisionYear: 2019,
    },
    {
      areaCode: 'BU09280000',
      year: 2018,
      indicator: 'inhabitants',
      value: 1200,
      flags: 0,
      column: 'a_inw',
      divisionYear: 2019,
    },
  ]);
  batch.geometries = [
    {
      code: 'BU09171000',
      divisionYear: 2019,
      rd: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [100, 0],
            [100, 50],
            [0, 50],
            [0, 0],
          ],
        ],
      },
      areaM2: 5000,
    },
  ];
  batch.rowsRead = 3;
  return batch;
}

export function runStoreContract(makeStore: () => Store | Promise<Store>): void {
  runStoreMethodsContract(makeStore);
  runCarriedValuesContract(makeStore);
  describe('writeBatch', () => {
    it('stores areas, values with their edition and source column, and geometries', async () => {
      const store = await makeStore();
      const result = await store.writeBatch(sampleBatch(), { ok: true });
      expect(result).toMatchObject({ areasWritten: 3, valuesWritten: 3, geometriesWritten: 1 });
      const values = await store.getValues({ gemeente: 'GM0917' });
      expect(values).toHaveLength(2);
      const corp = values.find((v) => v.indicator === 'corporation_share')!;
      expect(corp).toMatchObject({
        value: null,
        flags: VALUE_FLAGS.suppressed,
        edition: 'sample edition',
        table: 'T1',
        sourceColumn: 'p_wcorpw',
      });
      const geoms = await store.getGeometries({ divisionYear: 2019, gemeente: 'GM0917' });
      expect(geoms.map((g) => [g.code, g.areaM2, g.bbox])).toEqual([['BU09171000', 5000, [0, 0, 100, 50]]]);
      expect(await store.listAreaNames('GM0917')).toEqual([
        { code: 'BU09171000', name: 'Maria Gewanden', level: 'buurt' },
        { code: 'GM0917', name: 'Heerlen', level: 'gemeente' },
      ]);
      expect(await store.findGemeenteByName('heerlen')).toEqual(['GM0917']);
      await store.close();
    });

    it('is idempotent: writing the same batch twice leaves one row per key', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      await store.writeBatch(sampleBatch(), {});
      expect(await store.getValues({})).toHaveLength(3);
      expect(await store.findImport('abc')).toBeDefined();
      expect(await store.listEditions()).toHaveLength(1);
      await store.close();
    });
  });

  describe('transaction', () => {
    it('rolls back everything written inside it when the function throws', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch('first'), {});
      const second = sampleBatch('second');
      second.values = ValueColumns.from(second.values.toArray().map((v) => ({ ...v, year: 2019 })));
      await expect(
        store.transaction(async (tx) => {
          await tx.writeBatch(second, {});
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.getValues({ years: [2019] })).toEqual([]);
      expect((await store.listImports()).map((i) => i.checksum)).toEqual(['first']);
      await store.close();
    });
  });

  describe('getValues filters', () => {
    it('filters by codes, indicators, years and division', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      expect((await store.getValues({ codes: ['BU09280000'] })).map((v) => v.value)).toEqual([1200]);
      expect(await store.getValues({ codes: [] })).toEqual([]);
      expect((await store.getValues({ indicators: ['inhabitants'], years: [2018] })).length).toBe(2);
      expect(await store.getValues({ divisionYear: 2020 })).toEqual([]);
      await store.close();
    });
  });

  describe('getBulkValues', () => {
    it('returns the values getValues returns, columnar, with distinct sources per series', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const gm = { ...sampleBatch('gm'), edition: { ...sampleBatch().edition, edition: 'gemeente edition' } };
      gm.areas = [];
      gm.geometries = [];
      gm.values = ValueColumns.from([
        {
          areaCode: 'GM0917',
          year: 2018,
          indicator: 'inhabitants',
          value: 87000,
          flags: 0,
          column: 'a_inw',
          divisionYear: 2019,
        },
      ]);
      await store.writeBatch(gm, {});
      const bulk = await store.getBulkValues({ divisionYear: 2019 });
      const rows = Array.from({ length: bulk.count }, (_, i) => {
        const s = bulk.series[bulk.seriesOf[i]!]!;
        return [bulk.areaCodes[bulk.area[i]!], s.indicator, s.year, bulk.value[i], bulk.flags[i]];
      });
      expect(rows.sort()).toEqual(
        [
          ['BU09171000', 'corporation_share', 2018, NaN, VALUE_FLAGS.suppressed],
          ['BU09171000', 'inhabitants', 2018, 3455, 0],
          ['BU09280000', 'inhabitants', 2018, 1200, 0],
          ['GM0917', 'inhabitants', 2018, 87000, 0],
        ].sort(),
      );
      const inhabitants = bulk.series.find((s) => s.indicator === 'inhabitants')!;
      expect(inhabitants.sources.map((s) => [s.edition, s.table, s.sourceColumn]).sort()).toEqual([
        ['gemeente edition', 'T1', 'a_inw'],
        ['sample edition', 'T1', 'a_inw'],
      ]);
      const buurten = await store.getBulkValues({
        divisionYear: 2019,
        level: 'buurt',
        indicators: ['inhabitants'],
      });
      expect(buurten.count).toBe(2);
      expect([...buurten.areaCodes].sort()).toEqual(['BU09171000', 'BU09280000']);
      expect(buurten.series.map((s) => s.sources.map((x) => x.edition))).toEqual([['sample edition']]);
      expect((await store.getBulkValues({ divisionYear: 2020 })).count).toBe(0);
      expect((await store.getBulkValues({ divisionYear: 2019, indicators: [] })).count).toBe(0);
      expect(await store.listGeometryCodes(2019)).toEqual(['BU09171000']);
      expect(await store.listGeometryCodes(2020)).toEqual([]);
      await store.close();
    });
  });

  describe('copyValuesByCode', () => {
    it('copies values to another division flagged harmonised, never over originals, never twice', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const original = {
        ...sampleBatch('def'),
        edition: { ...sampleBatch().edition, edition: 'reference edition', divisionYear: 2021 },
      };
      original.areas = [];
      original.geometries = [];
      original.values = ValueColumns.from([
        {
          areaCode: 'BU09280000',
          year: 2018,
          indicator: 'inhabitants',
          value: 1250,
          flags: 0,
          column: 'a_inw',
          divisionYear: 2021,
        },
      ]);
      await store.writeBatch(original, {});
      const method = 'code (indeling 2019)';
      expect(
        await store.copyValuesByCode({
          fromDivision: 2019,
          toDivision: 2021,
          codes: ['BU09171000', 'BU09280000'],
          method,
        }),
      ).toBe(2);
      const carried = await store.getValues({ divisionYear: 2021 });
      expect(
        carried.map((v) => [v.areaCode, v.indicator, v.value, v.flags, v.method, v.edition]).sort(),
      ).toEqual([
        [
          'BU09171000',
          'corporation_share',
          null,
          VALUE_FLAGS.suppressed | VALUE_FLAGS.harmonised,
          method,
          'sample edition',
        ],
        ['BU09171000', 'inhabitants', 3455, VALUE_FLAGS.harmonised, method, 'sample edition'],
        ['BU09280000', 'inhabitants', 1250, 0, null, 'reference edition'],
      ]);
      expect(
        await store.copyValuesByCode({ fromDivision: 2021, toDivision: 2022, codes: ['BU09171000'], method }),
      ).toBe(0);
      expect(carried.map((v) => v.fromDivision ?? null).sort()).toEqual([2019, 2019, null]);
      await store.close();
    });

    it("keeps values carried from a nearer division (keepFrom) and clears one division's carried rows", async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const editionId = (await store.editionIdOf('sample edition'))!;
      const nearer = {
        areaCode: 'BU09171000',
        divisionYear: 2021,
        indicator: 'inhabitants',
        year: 2018,
        value: 3400,
        flags: VALUE_FLAGS.harmonised,
        sourceColumn: 'a_inw',
        method: 'code (indeling 2020)',
        fromDivision: 2020,
      };
      expect(await store.writeHarmonisedValues([nearer], () => editionId)).toBe(1);
      const copy = {
        fromDivision: 2019,
        toDivision: 2021,
        codes: ['BU09171000'],
        method: 'code (indeling 2019)',
      };
      expect(await store.copyValuesByCode({ ...copy, keepFrom: [2020] })).toBe(1); // only corporation_share
      const rows = async () =>
        (await store.getValues({ divisionYear: 2021 })).map((v) => [v.indicator, v.value, v.fromDivision]);
      expect(await rows()).toEqual([
        ['corporation_share', null, 2019],
        ['inhabitants', 3400, 2020],
      ]);
      await store.logHarmonisation([
        {
          fromDivision: 2019,
          toDivision: 2021,
          gemeenteCode: 'GM0917',
          byCode: 1,
          byOverlay: 0,
          unmatched: 0,
        },
      ]);
      expect(await store.clearHarmonisation({ fromDivision: 2019, toDivision: 2021 })).toBe(1);
      expect(await rows()).toEqual([['inhabitants', 3400, 2020]]);
      expect(await store.listHarmonisation()).toEqual([]);
      await store.close();
    });
  });

  describe('regions', () => {
    it('stores and lists regions', async () => {
      const store = await makeStore();
      await store.upsertRegion({
        id: 'test',
        name: 'Test regio',
        gemeenten: ['GM0917', 'GM0928'],
        predefined: false,
      });
      expect(await store.listRegions()).toContainEqual({
        id: 'test',
        name: 'Test regio',
        gemeenten: ['GM0917', 'GM0928'],
        predefined: false,
      });
      await store.close();
    });
  });

  describe('data editions', () => {
    it('adds editions labelled per year, lists them, reads their content back, and drops the oldest beyond retention', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const values = await store.getBulkValues({ divisionYear: 2019, level: 'buurt' });
      const content = {
        buurten: [{ code: 'BU09171000', name: 'Maria Gewanden', gemeente: 'GM0917' }],
        gemeenteNames: [['GM0917', 'Heerlen']] as [string, string][],
        sourceEditions: await store.listEditions(),
        engineConfig: { minimumPopulation: 100 },
        values,
      };
      const add = (hash: string, at: string) =>
        store.addDataEdition(
          { divisionYear: 2019, importIds: [1], dataVersion: `v${hash}`, contentHash: hash, content },
          { retain: 2, now: new Date(at) },
        );
      const first = await add('h1', '2025-03-01T10:00:00Z');
      expect(first).toMatchObject({
        label: 'editie 2025-1',
        divisionYear: 2019,
        importIds: [1],
        available: true,
      });
      expect(first.createdAt).toBe('2025-03-01T10:00:00.000Z');
      const read = (await store.readDataEdition(first.id))!;
      expect(read.buurten).toEqual(content.buurten);
      expect(read.gemeenteNames).toEqual([['GM0917', 'Heerlen']]);
      expect(read.engineConfig).toEqual({ minimumPopulation: 100 });
      expect(read.sourceEditions.map((e) => e.edition)).toEqual(['sample edition']);
      expect(read.values.count).toBe(values.count);
      expect([...read.values.value].map((v) => (Number.isNaN(v) ? null : v))).toEqual(
        [...values.value].map((v) => (Number.isNaN(v) ? null : v)),
      );
      const second = await add('h2', '2025-09-01T10:00:00Z');
      const third = await add('h3', '2026-01-05T10:00:00Z');
      expect([second.label, third.label]).toEqual(['editie 2025-2', 'editie 2026-1']);
      const listed = await store.listDataEditions();
      expect(listed.map((e) => [e.id, e.contentHash, e.available])).toEqual([
        [first.id, 'h1', false],
        [second.id, 'h2', true],
        [third.id, 'h3', true],
      ]);
      expect(await store.readDataEdition(first.id)).toBeUndefined();
      expect(await store.readDataEdition(third.id + 1)).toBeUndefined();
      await store.close();
    });

    it('rolls an edition back with the transaction it was added in', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const values = await store.getBulkValues({ divisionYear: 2019, level: 'buurt' });
      const edition = {
        divisionYear: 2019,
        importIds: [1],
        dataVersion: 'v',
        contentHash: 'h',
        content: { buurten: [], gemeenteNames: [], sourceEditions: [], engineConfig: null, values },
      };
      await expect(
        store.transaction(async (tx?: Store) => {
          await (tx ?? store).addDataEdition(edition, { retain: 5 });
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await store.listDataEditions()).toEqual([]);
      await store.close();
    });
  });
}
