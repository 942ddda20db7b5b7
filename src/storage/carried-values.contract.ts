/**
 * Reads of values carried by code (`copyValuesByCode`), part of the store contract
 * (store.contract.ts runs it): every read — getValues with each filter, getBulkValues whole and
 * per level, a bulk snapshot, coverage, areaCounts, listDivisionYears and a data edition — sees a
 * carried value exactly as the row it is today. Written before the way carried values are stored
 * changes (docs/decisions/007-import-values-as-columns.md, item 3), so that a new storage can be
 * checked against it. Each test on a fresh store with the same hand-made scenario
 * (carried-values.scenario.ts).
 */
import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../core/records.js';
import { captureDataEdition } from './capture-data-edition.js';
import {
  batch,
  BULK_QUERIES,
  bulkLines,
  carriedStore,
  carryBySource,
  type Cell,
  comparable,
  EDITION,
  expectBulkEqualsRowRead,
  NEARER,
  REFERENCE,
  REFERENCE_KEYS,
  REFERENCE_WITHOUT_CARRY,
  referenceCoverage,
  rowLines,
  ROWS,
  rows,
  SOURCE_CELLS,
  SOURCE,
  valueRow,
} from './carried-values.scenario.js';
import type { Store, ValueRow } from './store.js';

const { suppressed, harmonised } = VALUE_FLAGS;

export function runCarriedValuesContract(makeStore: () => Store | Promise<Store>): void {
  describe('reads of values carried by code', () => {
    it('getValues returns each carried value as its row: value (null when suppressed), flags, method, fromDivision, edition, table, source column', async () => {
      const store = await carriedStore(makeStore);
      expect(await store.getValues({ divisionYear: REFERENCE })).toEqual(rows(REFERENCE_KEYS));
      const all = await store.getValues({});
      expect(all).toHaveLength(ROWS.size);
      expect(all.filter((v) => v.divisionYear === REFERENCE)).toEqual(rows(REFERENCE_KEYS));
      expect(all.filter((v) => v.divisionYear === SOURCE)).toEqual(
        SOURCE_CELLS.map((c) => valueRow(SOURCE, c, SOURCE)),
      );
      await store.close();
    });

    it('getValues filters (codes, gemeente, indicators, years, division; alone and combined) select carried values like originals', async () => {
      const store = await carriedStore(makeStore);
      const reads: [Parameters<Store['getValues']>[0], string[]][] = [
        // only carried values
        [
          { divisionYear: REFERENCE, codes: ['GM0917', 'WK091710'] },
          ['GM0917@2023 inhabitants 2020', 'WK091710@2023 inhabitants 2020'],
        ],
        [
          { divisionYear: REFERENCE, indicators: ['corporation_share'] },
          ['BU09171000@2023 corporation_share 2020', 'BU09171001@2023 corporation_share 2020'],
        ],
        [
          { divisionYear: REFERENCE, years: [2019] },
          ['BU09171000@2023 inhabitants 2019', 'BU09171001@2023 inhabitants 2019'],
        ],
        // only originals
        [
          { divisionYear: REFERENCE, years: [2023] },
          ['BU09171000@2023 income 2023', 'BU09171001@2023 inhabitants 2023'],
        ],
        [{ indicators: ['income'] }, ['BU09171000@2023 income 2023']],
        // carried values and originals
        [{ divisionYear: REFERENCE, gemeente: 'GM0917' }, REFERENCE_KEYS],
        [
          { divisionYear: REFERENCE, codes: ['BU09171001'] },
          REFERENCE_KEYS.filter((k) => k.startsWith('BU09171001')),
        ],
        [
          { codes: ['BU09171001'], indicators: ['inhabitants'], years: [2019, 2020] },
          [
            'BU09171001@2020 inhabitants 2019',
            'BU09171001@2020 inhabitants 2020',
            'BU09171001@2023 inhabitants 2019',
            'BU09171001@2023 inhabitants 2020',
          ],
        ],
        [
          { gemeente: 'GM0917', indicators: ['inhabitants'], years: [2019] },
          [
            'BU09171000@2020 inhabitants 2019',
            'BU09171000@2021 inhabitants 2019',
            'BU09171000@2023 inhabitants 2019',
            'BU09171001@2020 inhabitants 2019',
            'BU09171001@2023 inhabitants 2019',
          ],
        ],
        [
          { divisionYear: REFERENCE, gemeente: 'GM0917', codes: ['GM0917', 'BU09171000'], years: [2020] },
          [
            'BU09171000@2023 corporation_share 2020',
            'BU09171000@2023 inhabitants 2020',
            'GM0917@2023 inhabitants 2020',
          ],
        ],
        // none
        [{ divisionYear: REFERENCE, gemeente: 'GM0928' }, []],
        [{ divisionYear: REFERENCE, codes: ['BU09171002', 'BU09280000'] }, []],
        [{ divisionYear: REFERENCE, indicators: ['income'], years: [2020] }, []],
        [{ divisionYear: 2022 }, []],
        [{ divisionYear: REFERENCE, codes: [] }, []],
      ];
      for (const [q, keys] of reads)
        expect({ q, rows: await store.getValues(q) }).toEqual({ q, rows: rows(keys) });
      await store.close();
    });

    it('getBulkValues (whole division, per level, some indicators) equals the row read, carried values included', async () => {
      const store = await carriedStore(makeStore);
      await expectBulkEqualsRowRead(store);
      const wijk = await store.getBulkValues({ divisionYear: REFERENCE, level: 'wijk' });
      expect(wijk.areaCodes).toEqual(['WK091710']);
      expect(wijk.series).toEqual([
        {
          indicator: 'inhabitants',
          year: 2020,
          sources: [{ edition: 'kwb 2020', table: 'T20', sourceColumn: 'a_inw' }],
        },
      ]);
      expect([wijk.count, wijk.value[0], wijk.flags[0]]).toEqual([1, 610, harmonised]);
      const buurten = await store.getBulkValues({ divisionYear: REFERENCE, level: 'buurt' });
      expect(buurten.count).toBe(8);
      expect([...buurten.areaCodes].sort()).toEqual(['BU09171000', 'BU09171001']);
      const sourcesOf = (indicator: string, year: number) =>
        buurten.series
          .find((s) => s.indicator === indicator && s.year === year)!
          .sources.map((s) => s.edition)
          .sort();
      expect(sourcesOf('inhabitants', 2019)).toEqual(['kwb 2020', 'kwb 2021']);
      expect(sourcesOf('inhabitants', 2020)).toEqual(['kwb 2020', 'kwb 2023']);
      const suppressedAt = Array.from({ length: buurten.count }, (_, i) => i).find(
        (i) => buurten.flags[i] === (suppressed | harmonised),
      )!;
      expect(buurten.value[suppressedAt]).toBeNaN();
      await store.close();
    });

    it('a bulk snapshot equals the read without one, and is not served stale after copyValuesByCode or clearHarmonisation', async () => {
      const store = await carriedStore(makeStore);
      const snapshotQueries = BULK_QUERIES.filter((q) => !q.indicators);
      for (const q of snapshotQueries) {
        const direct = await store.getBulkValues(q);
        await store.refreshBulkSnapshot?.(q);
        expect(await store.getBulkValues(q)).toEqual(direct);
      }
      await store.clearHarmonisation({ fromDivision: SOURCE, toDivision: REFERENCE });
      expect(bulkLines(await store.getBulkValues({ divisionYear: REFERENCE }))).toEqual(
        rowLines(rows(REFERENCE_WITHOUT_CARRY)),
      );
      const corrected = batch(
        'source corrected',
        SOURCE,
        EDITION[SOURCE],
        [],
        [['WK091710', 'inhabitants', 2020, 620, 0]],
      );
      await store.writeBatch(corrected, {});
      for (const q of snapshotQueries) await store.refreshBulkSnapshot?.(q);
      expect(await carryBySource(store)).toBe(6);
      const wijk = await store.getBulkValues({ divisionYear: REFERENCE, level: 'wijk' });
      expect([wijk.areaCodes, wijk.count, wijk.value[0], wijk.flags[0]]).toEqual([
        ['WK091710'],
        1,
        620,
        harmonised,
      ]);
      await expectBulkEqualsRowRead(store);
      for (const q of snapshotQueries) await store.refreshBulkSnapshot?.(q);
      await store.clearHarmonisation({ fromDivision: SOURCE, toDivision: REFERENCE });
      expect((await store.getBulkValues({ divisionYear: REFERENCE, level: 'wijk' })).count).toBe(0);
      await expectBulkEqualsRowRead(store);
      await store.close();
    });

    it('coverage counts carried values like originals (a suppressed one as missing); areaCounts and listDivisionYears go by areas, not values', async () => {
      const store = await carriedStore(makeStore);
      expect(await store.coverage()).toEqual([
        { indicator: 'corporation_share', divisionYear: SOURCE, year: 2020, areas: 2, missing: 1 },
        { indicator: 'corporation_share', divisionYear: REFERENCE, year: 2020, areas: 2, missing: 1 },
        { indicator: 'income', divisionYear: REFERENCE, year: 2023, areas: 1, missing: 0 },
        { indicator: 'inhabitants', divisionYear: SOURCE, year: 2019, areas: 2, missing: 0 },
        { indicator: 'inhabitants', divisionYear: SOURCE, year: 2020, areas: 6, missing: 0 },
        { indicator: 'inhabitants', divisionYear: NEARER, year: 2019, areas: 1, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2019, areas: 2, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2020, areas: 4, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2023, areas: 1, missing: 0 },
      ]);
      const areaCounts = [
        { level: 'buurt', divisionYear: SOURCE, count: 4, withGeometry: 0 },
        { level: 'gemeente', divisionYear: SOURCE, count: 1, withGeometry: 0 },
        { level: 'wijk', divisionYear: SOURCE, count: 1, withGeometry: 0 },
        { level: 'buurt', divisionYear: REFERENCE, count: 2, withGeometry: 0 },
        { level: 'gemeente', divisionYear: REFERENCE, count: 1, withGeometry: 0 },
        { level: 'wijk', divisionYear: REFERENCE, count: 1, withGeometry: 0 },
      ];
      expect(await store.areaCounts()).toEqual(areaCounts);
      // NEARER holds values but no areas: not listed. A division holding only carried values is
      // listed once its areas are written (the boundary import), not before.
      expect(await store.listDivisionYears()).toEqual([SOURCE, REFERENCE]);
      expect(await carryBySource(store, 2024)).toBe(8);
      expect((await store.getValues({ divisionYear: 2024 })).every((v) => v.fromDivision === SOURCE)).toBe(
        true,
      );
      expect(await store.listDivisionYears()).toEqual([SOURCE, REFERENCE]);
      expect(await store.areaCounts()).toEqual(areaCounts);
      await store.writeBatch(
        batch(
          'boundaries 2024',
          2024,
          { edition: 'wijk- en buurtkaart 2024', table: '' },
          ['GM0917', 'BU09171000'],
          [],
        ),
        {},
      );
      expect(await store.listDivisionYears()).toEqual([SOURCE, REFERENCE, 2024]);
      expect(await store.listDivisionYears('buurt')).toEqual([SOURCE, REFERENCE, 2024]);
      expect(await store.listDivisionYears('wijk')).toEqual([SOURCE, REFERENCE]);
      expect(await store.listDivisionYears('gemeente')).toEqual([SOURCE, REFERENCE, 2024]);
      expect(await store.listDivisionYears('land')).toEqual([]);
      await store.close();
    });

    it('a data edition captured after the carry changes its content hash when a carried value changed at the source, not when nothing did', async () => {
      const store = await carriedStore(makeStore);
      const first = (await captureDataEdition(store, REFERENCE, { now: new Date('2026-01-01T00:00:00Z') }))!;
      expect(first).toMatchObject({ divisionYear: REFERENCE, available: true });
      const frozen = (await store.readDataEdition(first.id))!;
      expect(bulkLines(frozen.values)).toEqual(
        rowLines(rows(REFERENCE_KEYS.filter((k) => k.startsWith('BU')))),
      );
      const recarry = async () => {
        await store.clearHarmonisation({ fromDivision: SOURCE, toDivision: REFERENCE });
        return carryBySource(store);
      };
      expect(await recarry()).toBe(6);
      expect(await captureDataEdition(store, REFERENCE)).toBeUndefined(); // same content hash
      const corrected = batch(
        'source corrected',
        SOURCE,
        EDITION[SOURCE],
        [],
        [['BU09171000', 'inhabitants', 2020, 111, 0]],
      );
      await store.writeBatch(corrected, {});
      expect(await captureDataEdition(store, REFERENCE)).toBeUndefined(); // the carried copy is still 110
      expect(await recarry()).toBe(6);
      const second = (await captureDataEdition(store, REFERENCE))!;
      expect(second.contentHash).not.toBe(first.contentHash);
      const lines = bulkLines((await store.readDataEdition(second.id))!.values);
      expect(lines).toContain(
        comparable('BU09171000', 'inhabitants', 2020, 111, harmonised, {
          ...EDITION[SOURCE],
          sourceColumn: 'a_inw',
        }),
      );
      expect(lines).not.toContain(
        comparable('BU09171000', 'inhabitants', 2020, 110, harmonised, {
          ...EDITION[SOURCE],
          sourceColumn: 'a_inw',
        }),
      );
      expect((await store.listDataEditions()).map((e) => e.id)).toEqual([first.id, second.id]);
      await store.close();
    });

    it("clearHarmonisation removes the carried values from every read, keeping the reference's originals and the nearer division's values", async () => {
      const store = await carriedStore(makeStore);
      expect(await store.clearHarmonisation({ fromDivision: SOURCE, toDivision: REFERENCE })).toBe(6);
      expect(await store.getValues({ divisionYear: REFERENCE })).toEqual(rows(REFERENCE_WITHOUT_CARRY));
      expect(await store.getValues({ divisionYear: REFERENCE, codes: ['GM0917', 'WK091710'] })).toEqual([]);
      expect(await store.getValues({ divisionYear: SOURCE })).toEqual(
        SOURCE_CELLS.map((c) => valueRow(SOURCE, c, SOURCE)),
      );
      await expectBulkEqualsRowRead(store);
      expect(bulkLines(await store.getBulkValues({ divisionYear: REFERENCE }))).toEqual(
        rowLines(rows(REFERENCE_WITHOUT_CARRY)),
      );
      expect(await referenceCoverage(store)).toEqual([
        { indicator: 'income', divisionYear: REFERENCE, year: 2023, areas: 1, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2019, areas: 1, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2020, areas: 1, missing: 0 },
        { indicator: 'inhabitants', divisionYear: REFERENCE, year: 2023, areas: 1, missing: 0 },
      ]);
      expect((await store.areaCounts()).filter((c) => c.divisionYear === REFERENCE)).toEqual([
        { level: 'buurt', divisionYear: REFERENCE, count: 2, withGeometry: 0 },
        { level: 'gemeente', divisionYear: REFERENCE, count: 1, withGeometry: 0 },
        { level: 'wijk', divisionYear: REFERENCE, count: 1, withGeometry: 0 },
      ]);
      expect(await store.listDivisionYears()).toEqual([SOURCE, REFERENCE]);
      await store.close();
    });

    it('an original written into the reference division after the carry replaces the carried value in every read', async () => {
      const store = await carriedStore(makeStore);
      // snapshots taken before the write: the bulk reads below must not be served from them
      for (const q of BULK_QUERIES) if (!q.indicators) await store.refreshBulkSnapshot?.(q);
      const late = batch(
        'reference late',
        REFERENCE,
        { edition: 'kwb 2023 revisie', table: 'T23r' },
        [],
        [
          ['BU09171000', 'inhabitants', 2020, 120, 0],
          ['WK091710', 'inhabitants', 2020, null, suppressed],
        ],
      );
      await store.writeBatch(late, {});
      const replaced = (cell: Cell): ValueRow => ({
        ...valueRow(REFERENCE, cell, REFERENCE),
        edition: 'kwb 2023 revisie',
        table: 'T23r',
      });
      const expected = [
        ...rows(REFERENCE_KEYS.slice(0, 3)),
        replaced(['BU09171000', 'inhabitants', 2020, 120, 0]),
        ...rows(REFERENCE_KEYS.slice(4, 9)),
        replaced(['WK091710', 'inhabitants', 2020, null, suppressed]),
      ];
      expect(await store.getValues({ divisionYear: REFERENCE })).toEqual(expected);
      await expectBulkEqualsRowRead(store);
      expect(bulkLines(await store.getBulkValues({ divisionYear: REFERENCE }))).toEqual(rowLines(expected));
      expect(
        (await referenceCoverage(store)).find((c) => c.indicator === 'inhabitants' && c.year === 2020),
      ).toEqual({
        indicator: 'inhabitants',
        divisionYear: REFERENCE,
        year: 2020,
        areas: 4,
        missing: 1,
      });
      // neither clearing nor carrying again touches the late originals
      expect(await store.clearHarmonisation({ fromDivision: SOURCE, toDivision: REFERENCE })).toBe(4);
      expect(await carryBySource(store)).toBe(4);
      expect(await store.getValues({ divisionYear: REFERENCE })).toEqual(expected);
      await expectBulkEqualsRowRead(store);
      await store.close();
    });
  });
}
