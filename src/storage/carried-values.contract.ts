/**
 * Reads of values carried by code (`copyValuesByCode`), part of the store contract
 * (store.contract.ts runs it): every read — getValues with each filter, getBulkValues whole and
 * per level, a bulk snapshot, coverage, areaCounts, listDivisionYears and a data edition — sees a
 * carried value exactly as the row it is today. Written before the way carried values are stored
 * changes (docs/decisions/007-import-values-as-columns.md, item 3), so that a new storage can be
 * checked against it. Each test on a fresh store with the same hand-made scenario.
 */
import { describe, expect, it } from 'vitest';
import { emptyBatch, VALUE_FLAGS, type ImportBatch, type ParsedArea } from '../core/records.js';
import { ValueColumns } from '../core/value-columns.js';
import { captureDataEdition } from './capture-data-edition.js';
import type { BulkValueQuery, BulkValues, Store, ValueRow } from './store.js';

/** The division values are carried from, one nearer to the reference, and the reference division. */
const SOURCE = 2020;
const NEARER = 2021;
const REFERENCE = 2023;
const BY_CODE = 'code (indeling 2020)';
const BY_NEARER_CODE = 'code (indeling 2021)';
/** The areas carried from SOURCE onto REFERENCE (BU09171002 and the Kerkrade buurt are not). */
const CARRIED_CODES = ['BU09171000', 'BU09171001', 'WK091710', 'GM0917'];

const { suppressed, harmonised, estimated } = VALUE_FLAGS;
const COLUMN: Record<string, string> = {
  inhabitants: 'a_inw',
  corporation_share: 'p_wcorpw',
  income: 'g_ink',
};
const EDITION = {
  [SOURCE]: { edition: 'kwb 2020', table: 'T20' },
  [NEARER]: { edition: 'kwb 2021', table: 'T21' },
  [REFERENCE]: { edition: 'kwb 2023', table: 'T23' },
} as const;

/** [code, indicator, year, value, flags]: one value as a source file has it. */
type Cell = [string, string, number, number | null, number];

function area(code: string, divisionYear: number): ParsedArea {
  const level = code.startsWith('BU') ? 'buurt' : code.startsWith('WK') ? 'wijk' : 'gemeente';
  return {
    code,
    level,
    name: `naam ${code}`,
    gemeenteCode: `GM${code.slice(2, 6)}`,
    wijkCode: level === 'buurt' ? `WK${code.slice(2, 8)}` : null,
    divisionYear,
  };
}

function batch(
  checksum: string,
  divisionYear: number,
  edition: { edition: string; table: string },
  areaCodes: string[],
  cells: Cell[],
): ImportBatch {
  const b = emptyBatch(`${checksum}.csv`, checksum, {
    source: 'tidy',
    publisher: 'CBS',
    divisionYear,
    ...edition,
  });
  b.areas = areaCodes.map((code) => area(code, divisionYear));
  b.values = ValueColumns.from(
    cells.map(([areaCode, indicator, year, value, flags]) => ({
      areaCode,
      indicator,
      year,
      value,
      flags,
      column: COLUMN[indicator]!,
      divisionYear,
    })),
  );
  b.rowsRead = cells.length;
  return b;
}

const SOURCE_CELLS: Cell[] = [
  ['BU09171000', 'corporation_share', 2020, null, suppressed],
  ['BU09171000', 'inhabitants', 2019, 100, 0],
  ['BU09171000', 'inhabitants', 2020, 110, 0],
  ['BU09171001', 'corporation_share', 2020, 35.5, 0],
  ['BU09171001', 'inhabitants', 2019, 200, 0],
  ['BU09171001', 'inhabitants', 2020, 210, 0],
  ['BU09171002', 'inhabitants', 2020, 300, 0],
  ['BU09280000', 'inhabitants', 2020, 1200, 0],
  ['GM0917', 'inhabitants', 2020, 87000, estimated],
  ['WK091710', 'inhabitants', 2020, 610, 0],
];
const SOURCE_AREAS = ['GM0917', 'WK091710', 'BU09171000', 'BU09171001', 'BU09171002', 'BU09280000'];
const REFERENCE_CELLS: Cell[] = [
  ['BU09171000', 'income', 2023, 31.2, 0],
  ['BU09171001', 'inhabitants', 2020, 215, 0], // wins over the carried 210
  ['BU09171001', 'inhabitants', 2023, 230, 0],
];
const REFERENCE_AREAS = ['GM0917', 'WK091710', 'BU09171000', 'BU09171001'];

/**
 * The scenario: originals on SOURCE, NEARER and REFERENCE; BU09171000's inhabitants of 2019
 * carried onto REFERENCE from NEARER (writeHarmonisedValues); then the four areas carried by code
 * from SOURCE onto REFERENCE, keeping what NEARER carried.
 */
async function carriedStore(makeStore: () => Store | Promise<Store>): Promise<Store> {
  const store = await makeStore();
  await store.writeBatch(batch('source', SOURCE, EDITION[SOURCE], SOURCE_AREAS, SOURCE_CELLS), {});
  await store.writeBatch(
    batch('nearer', NEARER, EDITION[NEARER], [], [['BU09171000', 'inhabitants', 2019, 105, 0]]),
    {},
  );
  await store.writeBatch(
    batch('reference', REFERENCE, EDITION[REFERENCE], REFERENCE_AREAS, REFERENCE_CELLS),
    {},
  );
  const nearerEdition = (await store.editionIdOf(EDITION[NEARER].edition))!;
  const fromNearer = {
    areaCode: 'BU09171000',
    divisionYear: REFERENCE,
    indicator: 'inhabitants',
    year: 2019,
    value: 105,
    flags: harmonised,
    sourceColumn: 'a_inw',
    method: BY_NEARER_CODE,
    fromDivision: NEARER,
  };
  expect(await store.writeHarmonisedValues([fromNearer], () => nearerEdition)).toBe(1);
  expect(await carryBySource(store)).toBe(6);
  return store;
}

function carryBySource(store: Store, toDivision = REFERENCE): Promise<number> {
  return store.copyValuesByCode({
    fromDivision: SOURCE,
    toDivision,
    codes: CARRIED_CODES,
    method: BY_CODE,
    keepFrom: [NEARER],
  });
}

/** A value row as getValues returns it; `carried` names the division and method it came by. */
function valueRow(
  divisionYear: number,
  [areaCode, indicator, year, value, flags]: Cell,
  editionDivision: keyof typeof EDITION,
  carried?: { from: number; method: string },
): ValueRow {
  return {
    areaCode,
    divisionYear,
    indicator,
    year,
    value,
    flags,
    edition: EDITION[editionDivision].edition,
    table: EDITION[editionDivision].table,
    sourceColumn: COLUMN[indicator]!,
    method: carried?.method ?? null,
    fromDivision: carried?.from ?? null,
  };
}

const bySource = { from: SOURCE, method: BY_CODE };
/** Every value row of the scenario by `code@division indicator year`. */
const ROWS = new Map<string, ValueRow>(
  [
    ...SOURCE_CELLS.map((c) => valueRow(SOURCE, c, SOURCE)),
    valueRow(NEARER, ['BU09171000', 'inhabitants', 2019, 105, 0], NEARER),
    ...REFERENCE_CELLS.map((c) => valueRow(REFERENCE, c, REFERENCE)),
    valueRow(
      REFERENCE,
      ['BU09171000', 'corporation_share', 2020, null, suppressed | harmonised],
      SOURCE,
      bySource,
    ),
    valueRow(REFERENCE, ['BU09171000', 'inhabitants', 2019, 105, harmonised], NEARER, {
      from: NEARER,
      method: BY_NEARER_CODE,
    }),
    valueRow(REFERENCE, ['BU09171000', 'inhabitants', 2020, 110, harmonised], SOURCE, bySource),
    valueRow(REFERENCE, ['BU09171001', 'corporation_share', 2020, 35.5, harmonised], SOURCE, bySource),
    valueRow(REFERENCE, ['BU09171001', 'inhabitants', 2019, 200, harmonised], SOURCE, bySource),
    valueRow(REFERENCE, ['GM0917', 'inhabitants', 2020, 87000, estimated | harmonised], SOURCE, bySource),
    valueRow(REFERENCE, ['WK091710', 'inhabitants', 2020, 610, harmonised], SOURCE, bySource),
  ].map((r) => [`${r.areaCode}@${r.divisionYear} ${r.indicator} ${r.year}`, r]),
);

function rows(keys: string[]): ValueRow[] {
  return keys.map((k) => {
    const row = ROWS.get(k);
    if (!row) throw new Error(`no row ${k} in the scenario`);
    return row;
  });
}

/** The reference division after the carry, in the order getValues returns it (code, division, indicator, year). */
const REFERENCE_KEYS = [
  'BU09171000@2023 corporation_share 2020', // carried, suppressed
  'BU09171000@2023 income 2023', // original
  'BU09171000@2023 inhabitants 2019', // carried from the nearer division, kept
  'BU09171000@2023 inhabitants 2020', // carried
  'BU09171001@2023 corporation_share 2020', // carried
  'BU09171001@2023 inhabitants 2019', // carried
  'BU09171001@2023 inhabitants 2020', // original, not replaced
  'BU09171001@2023 inhabitants 2023', // original
  'GM0917@2023 inhabitants 2020', // carried, estimated
  'WK091710@2023 inhabitants 2020', // carried
];
/** What stays on the reference division when the carry from SOURCE is cleared. */
const REFERENCE_WITHOUT_CARRY = [
  'BU09171000@2023 income 2023',
  'BU09171000@2023 inhabitants 2019',
  'BU09171001@2023 inhabitants 2020',
  'BU09171001@2023 inhabitants 2023',
];

/** One value of a bulk read or a value row as the same comparable line: area, series, value, flags, source. */
function comparable(
  area: string,
  indicator: string,
  year: number,
  value: number | null,
  flags: number,
  source: { edition: string; table: string | null; sourceColumn: string },
): string {
  return JSON.stringify([
    area,
    indicator,
    year,
    value,
    flags,
    source.edition,
    source.table,
    source.sourceColumn,
  ]);
}

/**
 * The values of a bulk read as comparable lines, sorted (the order of a bulk read is unspecified).
 * Also checks its shape: each area code once, each series' sources distinct, a source per value.
 */
function bulkLines(b: BulkValues): string[] {
  expect(new Set(b.areaCodes).size).toBe(b.areaCodes.length);
  for (const s of b.series)
    expect(new Set(s.sources.map((x) => JSON.stringify(x))).size).toBe(s.sources.length);
  expect(b.source).toBeDefined();
  return Array.from({ length: b.count }, (_, i) => {
    const series = b.series[b.seriesOf[i]!]!;
    const value = b.value[i]!;
    return comparable(
      b.areaCodes[b.area[i]!]!,
      series.indicator,
      series.year,
      Number.isNaN(value) ? null : value,
      b.flags[i]!,
      series.sources[b.source![i]!]!,
    );
  }).sort();
}

function rowLines(valueRows: readonly ValueRow[]): string[] {
  return valueRows.map((r) => comparable(r.areaCode, r.indicator, r.year, r.value, r.flags, r)).sort();
}

const LEVEL_PREFIX = { buurt: 'BU', wijk: 'WK', gemeente: 'GM' } as const;

/** The row read that a bulk read must equal: getValues of the division, of the level's areas. */
async function rowReadOf(store: Store, q: BulkValueQuery): Promise<ValueRow[]> {
  const values = await store.getValues({
    divisionYear: q.divisionYear,
    ...(q.indicators ? { indicators: q.indicators } : {}),
  });
  return q.level ? values.filter((v) => v.areaCode.startsWith(LEVEL_PREFIX[q.level!])) : values;
}

const BULK_QUERIES: BulkValueQuery[] = [
  { divisionYear: REFERENCE },
  { divisionYear: REFERENCE, level: 'buurt' },
  { divisionYear: REFERENCE, level: 'wijk' },
  { divisionYear: REFERENCE, level: 'gemeente' },
  { divisionYear: REFERENCE, indicators: ['inhabitants'] },
  { divisionYear: REFERENCE, indicators: ['corporation_share', 'income'], level: 'buurt' },
];

/** Every bulk read of BULK_QUERIES equals the row read of the same division. */
async function expectBulkEqualsRowRead(store: Store): Promise<void> {
  for (const q of BULK_QUERIES) {
    expect({ q, lines: bulkLines(await store.getBulkValues(q)) }).toEqual({
      q,
      lines: rowLines(await rowReadOf(store, q)),
    });
  }
}

/** coverage() of the reference division only. */
async function referenceCoverage(store: Store): Promise<Awaited<ReturnType<Store['coverage']>>> {
  return (await store.coverage()).filter((c) => c.divisionYear === REFERENCE);
}

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
