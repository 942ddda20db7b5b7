/**
 * The rest of the store contract (store.contract.ts runs it): the methods the first part does not
 * call — indicators, areas and division years, the import log, edition ids, harmonised values,
 * display geometry, the harmonisation log, the data version, coverage and area counts, bulk
 * snapshots, nested and independent transactions, the postcode table. Each test on a fresh store.
 */
import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../core/records.js';
import { ValueColumns } from '../core/value-columns.js';
import { sampleBatch } from './store.contract.js';
import type { Store } from './store.js';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [5.9, 50.9],
      [5.91, 50.9],
      [5.91, 50.91],
      [5.9, 50.9],
    ],
  ],
};

export function runStoreMethodsContract(makeStore: () => Store | Promise<Store>): void {
  describe('indicators, areas and the import log', () => {
    it('upserts and lists indicators, lists areas by level, gemeente, division and codes', async () => {
      const store = await makeStore();
      const ind = {
        id: 'inhabitants',
        titleNl: 'Inwoners',
        titleEn: 'Inhabitants',
        unit: 'n',
        source: 'CBS',
        definition: 'd',
      };
      await store.upsertIndicators([ind, { ...ind, id: 'a_first', titleNl: 'Eerst' }]);
      await store.upsertIndicators([{ ...ind, titleEn: 'Residents' }]);
      expect(await store.listIndicators()).toEqual([
        { ...ind, id: 'a_first', titleNl: 'Eerst' },
        { ...ind, titleEn: 'Residents' },
      ]);
      await store.writeBatch(sampleBatch(), { file: 1 });
      const later = sampleBatch('later');
      later.edition = { ...later.edition, edition: 'later edition', divisionYear: 2021 };
      later.areas = later.areas.map((a) => ({
        ...a,
        divisionYear: 2021,
        name: a.level === 'gemeente' ? null : a.name,
      }));
      later.values = new ValueColumns();
      later.geometries = [];
      await store.writeBatch(later, { file: 2 });
      const codes = (rows: { code: string; divisionYear: number }[]) =>
        rows.map((a) => `${a.code}@${a.divisionYear}`);
      expect(codes(await store.listAreas({}))).toEqual([
        'BU09171000@2019',
        'BU09171000@2021',
        'BU09280000@2019',
        'BU09280000@2021',
        'GM0917@2019',
        'GM0917@2021',
      ]);
      expect(await store.listAreas({ level: 'buurt', gemeente: 'GM0917', divisionYear: 2019 })).toEqual([
        {
          code: 'BU09171000',
          divisionYear: 2019,
          level: 'buurt',
          name: 'Maria Gewanden',
          gemeenteCode: 'GM0917',
          wijkCode: 'WK091710',
        },
      ]);
      expect(codes(await store.listAreas({ gemeente: 'GM0917', divisionYear: 2021 }))).toEqual([
        'BU09171000@2021',
        'GM0917@2021',
      ]);
      expect((await store.listAreas({ codes: ['GM0917'], divisionYear: 2021 }))[0]?.name).toBeNull();
      expect(await store.listAreas({ codes: [] })).toEqual([]);
      expect(await store.listDivisionYears()).toEqual([2019, 2021]);
      expect(await store.listDivisionYears('gemeente')).toEqual([2019, 2021]);
      expect(await store.listDivisionYears('wijk')).toEqual([]);
      const imports = await store.listImports();
      expect(imports.map((i) => [i.file, i.checksum, i.edition, i.report])).toEqual([
        ['sample.csv', 'abc', 'sample edition', { file: 1 }],
        ['sample.csv', 'later', 'later edition', { file: 2 }],
      ]);
      expect(imports[0]!.id).toBeLessThan(imports[1]!.id);
      expect(Number.isNaN(Date.parse(imports[0]!.importedAt))).toBe(false);
      expect(await store.findImport('nope')).toBeUndefined();
      expect(await store.editionIdOf('later edition')).toBe(
        (await store.listEditions()).find((e) => e.edition === 'later edition')!.id,
      );
      expect(await store.editionIdOf('nope')).toBeUndefined();
      await store.close();
    });

    it('writes a batch of many areas with repeated codes as it would one at a time: a later name wins, a later null keeps the earlier', async () => {
      const store = await makeStore();
      const batch = sampleBatch('many areas');
      batch.values = new ValueColumns();
      batch.geometries = [];
      const buurt = (i: number, name: string | null, wijk: string | null = null) => ({
        code: `BU0917${String(i).padStart(4, '0')}`,
        level: 'buurt' as const,
        name,
        gemeenteCode: 'GM0917',
        wijkCode: wijk,
        divisionYear: 2019,
      });
      batch.areas = [];
      for (let i = 0; i < 700; i++) batch.areas.push(buurt(i, `Buurt ${i}`, i % 2 ? 'WK091700' : null));
      // repeated codes later in the same batch, past the first few hundred rows
      for (let i = 0; i < 700; i += 3) batch.areas.push(buurt(i, i % 2 ? null : `Nieuw ${i}`, 'WK091701'));
      await store.writeBatch(batch, {});
      const areas = await store.listAreas({ level: 'buurt', gemeente: 'GM0917', divisionYear: 2019 });
      expect(areas).toHaveLength(700);
      const byCode = new Map(areas.map((a) => [a.code, a]));
      expect(byCode.get('BU09170000')).toMatchObject({ name: 'Nieuw 0', wijkCode: 'WK091701' });
      expect(byCode.get('BU09170003')).toMatchObject({ name: 'Buurt 3', wijkCode: 'WK091701' });
      expect(byCode.get('BU09170001')).toMatchObject({ name: 'Buurt 1', wijkCode: 'WK091700' });
      expect(byCode.get('BU09170002')).toMatchObject({ name: 'Buurt 2', wijkCode: null });
      expect(byCode.get('BU09170699')).toMatchObject({ name: 'Buurt 699', wijkCode: 'WK091701' });
      expect(byCode.get('BU09170696')).toMatchObject({ name: 'Nieuw 696', wijkCode: 'WK091701' });
      const names = new Map((await store.listAreaNames('GM0917')).map((n) => [n.code, n.name]));
      expect(names.get('BU09170000')).toBe('Nieuw 0');
      expect(names.get('BU09170003')).toBe('Buurt 3');
      expect(names.get('BU09170698')).toBe('Buurt 698');
      await store.close();
    });
  });

  describe('harmonised values, display geometry and the harmonisation log', () => {
    it('writes harmonised values (replacing on the same key), stores display geometry, keeps the last log row per gemeente', async () => {
      const store = await makeStore();
      const { editionId } = await store.writeBatch(sampleBatch(), {});
      const row = {
        areaCode: 'BU09171000',
        divisionYear: 2021,
        indicator: 'inhabitants',
        year: 2018,
        value: 3000,
        flags: VALUE_FLAGS.harmonised,
        sourceColumn: 'a_inw',
        method: 'overlay from indeling 2019 (x)',
        fromDivision: 2019,
      };
      expect(await store.writeHarmonisedValues([row, { ...row, value: 3100 }], () => editionId)).toBe(2);
      expect(await store.getValues({ divisionYear: 2021 })).toEqual([
        { ...row, value: 3100, edition: 'sample edition', table: 'T1' },
      ]);
      await store.setDisplayGeometries(2019, [{ code: 'BU09171000', display: square }]);
      expect((await store.getGeometries({ divisionYear: 2019, codes: ['BU09171000'] }))[0]?.display).toEqual(
        square,
      );
      expect(await store.getGeometries({ divisionYear: 2019, codes: [] })).toEqual([]);
      const log = {
        fromDivision: 2019,
        toDivision: 2021,
        gemeenteCode: 'GM0917',
        byCode: 5,
        byOverlay: 1,
        unmatched: 0,
      };
      const version0 = await store.dataVersion?.();
      await store.logHarmonisation([log, { ...log, gemeenteCode: 'GM0928', byCode: 2 }]);
      await store.logHarmonisation([{ ...log, byCode: 6 }]);
      expect(await store.listHarmonisation()).toEqual([
        { ...log, byCode: 6 },
        { ...log, gemeenteCode: 'GM0928', byCode: 2 },
      ]);
      if (store.dataVersion) expect(await store.dataVersion()).not.toBe(version0);
      expect(await store.clearHarmonisation({ fromDivision: 2019, toDivision: 2021 })).toBe(1);
      expect(await store.listHarmonisation()).toEqual([]);
      expect(await store.getValues({ divisionYear: 2021 })).toEqual([]);
      await store.close();
    });
  });

  describe('status counts and the data version', () => {
    it('counts coverage per indicator and areas per level, and changes the data version on every import', async () => {
      const store = await makeStore();
      const empty = await store.dataVersion?.();
      await store.writeBatch(sampleBatch(), {});
      const once = await store.dataVersion?.();
      expect(await store.coverage()).toEqual([
        { indicator: 'corporation_share', divisionYear: 2019, year: 2018, areas: 1, missing: 1 },
        { indicator: 'inhabitants', divisionYear: 2019, year: 2018, areas: 2, missing: 0 },
      ]);
      expect(await store.areaCounts()).toEqual([
        { level: 'buurt', divisionYear: 2019, count: 2, withGeometry: 1 },
        { level: 'gemeente', divisionYear: 2019, count: 1, withGeometry: 0 },
      ]);
      await store.writeBatch(sampleBatch('again'), {});
      if (store.dataVersion) {
        expect(new Set([empty, once, await store.dataVersion()]).size).toBe(3);
        expect(await store.dataVersion()).toBe(await store.dataVersion());
      }
      await store.close();
    });

    it('serves the bulk read from a snapshot (where the store keeps one) with the same values', async () => {
      const store = await makeStore();
      await store.writeBatch(sampleBatch(), {});
      const q = { divisionYear: 2019, level: 'buurt' as const };
      const direct = await store.getBulkValues(q);
      await store.refreshBulkSnapshot?.(q);
      const again = await store.getBulkValues(q);
      const rows = (b: typeof direct) =>
        Array.from(
          { length: b.count },
          (_, i) => `${b.areaCodes[b.area[i]!]} ${b.series[b.seriesOf[i]!]!.indicator} ${b.value[i]}`,
        ).sort();
      expect(rows(again)).toEqual(rows(direct));
      expect(rows(direct)).toHaveLength(3);
      const more = sampleBatch('more');
      more.values = ValueColumns.from(
        more.values.toArray().map((v) => ({ ...v, value: v.value === null ? null : v.value + 1 })),
      );
      await store.writeBatch(more, {});
      expect(rows(await store.getBulkValues(q))).toEqual([
        'BU09171000 corporation_share NaN',
        'BU09171000 inhabitants 3456',
        'BU09280000 inhabitants 1201',
      ]);
      await store.close();
    });
  });

  describe('nested transactions', () => {
    it('roll back only the nested part when it fails, and everything when the outer one does', async () => {
      const store = await makeStore();
      await store.transaction(async (tx) => {
        await tx.writeBatch(sampleBatch('outer'), {});
        await expect(
          tx.transaction(async (inner) => {
            await inner.writeBatch(sampleBatch('inner'), {});
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        expect((await tx.listImports()).map((i) => i.checksum)).toEqual(['outer']);
      });
      expect((await store.listImports()).map((i) => i.checksum)).toEqual(['outer']);
      await expect(
        store.transaction(async (tx) => {
          await tx.transaction((inner) => inner.writeBatch(sampleBatch('committed inside'), {}));
          throw new Error('outer');
        }),
      ).rejects.toThrow('outer');
      expect((await store.listImports()).map((i) => i.checksum)).toEqual(['outer']);
      await store.close();
    });
  });

  describe('independent transactions', () => {
    const checksums = async (store: Store): Promise<string[]> =>
      (await store.listImports()).map((i) => i.checksum);
    /** Lets every other pending callback run, so that a transaction that could begin does. */
    const otherCallersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

    it('run one after the other when started together: a rollback undoes only its own writes, and the next one still runs', async () => {
      const store = await makeStore();
      const steps: string[] = [];
      const failure = new Error('the second one fails');
      const run = (name: string, fail?: Error): Promise<void> =>
        store.transaction(async (tx) => {
          steps.push(`${name} begins`);
          await tx.writeBatch(sampleBatch(name), {});
          await otherCallersRun();
          steps.push(`${name} ends`);
          if (fail) throw fail;
        });
      const outcomes = await Promise.allSettled([run('first'), run('second', failure), run('third')]);
      expect(outcomes).toEqual([
        { status: 'fulfilled', value: undefined },
        { status: 'rejected', reason: failure },
        { status: 'fulfilled', value: undefined },
      ]);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBe(failure);
      // each ends before the next begins (in which order they begin is the store's to choose)
      const begun = steps.filter((s) => s.endsWith(' begins')).map((s) => s.split(' ')[0]!);
      expect(steps).toEqual(begun.flatMap((name) => [`${name} begins`, `${name} ends`]));
      expect([...begun].sort()).toEqual(['first', 'second', 'third']);
      expect((await checksums(store)).sort()).toEqual(['first', 'third']);
      await store.close();
    });

    it("keep their own savepoints: a nested failure in one rolls back only that savepoint, not the other's writes", async () => {
      const store = await makeStore();
      const outcomes = await Promise.allSettled([
        store.transaction(async (tx) => {
          await tx.writeBatch(sampleBatch('outer'), {});
          await expect(
            tx.transaction(async (inner) => {
              await inner.writeBatch(sampleBatch('inner'), {});
              await otherCallersRun();
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
          await otherCallersRun();
          expect(await checksums(tx)).toContain('outer');
          expect(await checksums(tx)).not.toContain('inner');
        }),
        store.transaction(async (tx) => {
          await tx.writeBatch(sampleBatch('other'), {});
          await otherCallersRun();
          expect(await checksums(tx)).toContain('other');
        }),
      ]);
      expect(outcomes).toEqual([
        { status: 'fulfilled', value: undefined },
        { status: 'fulfilled', value: undefined },
      ]);
      expect((await checksums(store)).sort()).toEqual(['other', 'outer']);
      await store.close();
    });

    it('inside one transaction, savepoints started together take turns: a failing one rolls back only its own writes', async () => {
      const store = await makeStore();
      const steps: string[] = [];
      await store.transaction(async (tx) => {
        const savepoint = (name: string, fail: boolean): Promise<void> =>
          tx.transaction(async (inner) => {
            steps.push(`${name} begins`);
            await inner.writeBatch(sampleBatch(name), {});
            // a savepoint inside, through the outer unit of work: nested in this one, not queued behind it
            await tx.transaction((innermost) => innermost.writeBatch(sampleBatch(`${name} inside`), {}));
            await otherCallersRun();
            steps.push(`${name} ends`);
            if (fail) throw new Error(`${name} fails`);
          });
        const outcomes = await Promise.allSettled([savepoint('a', true), savepoint('b', false)]);
        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
      });
      expect(steps).toEqual(['a begins', 'a ends', 'b begins', 'b ends']);
      expect((await checksums(store)).sort()).toEqual(['b', 'b inside']);
      await store.close();
    });
  });

  describe('postcode table', () => {
    it('adds rows, refuses an address twice, finds the buurten of addresses and says which table is loaded', async () => {
      const store = await makeStore();
      const p = store.postcodes;
      expect(await p.postcodeTableInfo()).toBeUndefined();
      const rows = [
        { postcode: '6411AB', huisnummer: 1, buurtCode: 'BU09171000' },
        { postcode: '6411AB', huisnummer: 3, buurtCode: 'BU09171001' },
      ];
      await store.transaction(async (tx) => {
        expect(await tx.postcodes.addPostcodeRows(rows)).toBeUndefined();
        expect(await tx.postcodes.addPostcodeRows([])).toBeUndefined();
      });
      await expect(
        store.transaction(async (tx) => {
          const duplicate = await tx.postcodes.addPostcodeRows([
            { postcode: '6411AC', huisnummer: 2, buurtCode: 'BU09171000' },
            { postcode: '6411AB', huisnummer: 3, buurtCode: 'BU09171000' },
          ]);
          expect(duplicate).toBe(1);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const info = {
        divisionYear: 2024,
        file: 'pc.csv',
        checksum: 'c',
        rows: 2,
        importedAt: '2026-03-01T00:00:00.000Z',
      };
      await p.setPostcodeTableInfo(info);
      await p.setPostcodeTableInfo({ ...info, rows: 3 });
      expect(await p.postcodeTableInfo()).toEqual({ ...info, rows: 3 });
      const found = await p.findPostcodeBuurten([
        { postcode: '6411AB', huisnummer: 3 },
        { postcode: '6411AC', huisnummer: 2 },
      ]);
      expect([...found]).toEqual([['6411AB|3', 'BU09171001']]);
      await p.clearPostcodeTable();
      expect(await p.postcodeTableInfo()).toBeUndefined();
      expect((await p.findPostcodeBuurten([{ postcode: '6411AB', huisnummer: 1 }])).size).toBe(0);
      await store.close();
    });
  });
}
