/**
 * The scenario of the carried-values contract (carried-values.contract.ts): values of three
 * divisions, some carried onto the reference division by code, and the rows every read must give
 * for them; with the comparisons the contract makes (a bulk read against the row read).
 */
import { expect } from 'vitest';
import { emptyBatch, VALUE_FLAGS, type ImportBatch, type ParsedArea } from '../core/records.js';
import { ValueColumns } from '../core/value-columns.js';
import type { BulkValueQuery, BulkValues, Store, ValueRow } from './store.js';

/** The division values are carried from, one nearer to the reference, and the reference division. */
export const SOURCE = 2020;
export const NEARER = 2021;
export const REFERENCE = 2023;
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
export const EDITION = {
  [SOURCE]: { edition: 'kwb 2020', table: 'T20' },
  [NEARER]: { edition: 'kwb 2021', table: 'T21' },
  [REFERENCE]: { edition: 'kwb 2023', table: 'T23' },
} as const;

/** [code, indicator, year, value, flags]: one value as a source file has it. */
export type Cell = [string, string, number, number | null, number];

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

export function batch(
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

export const SOURCE_CELLS: Cell[] = [
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
export async function carriedStore(makeStore: () => Store | Promise<Store>): Promise<Store> {
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

export function carryBySource(store: Store, toDivision = REFERENCE): Promise<number> {
  return store.copyValuesByCode({
    fromDivision: SOURCE,
    toDivision,
    codes: CARRIED_CODES,
    method: BY_CODE,
    keepFrom: [NEARER],
  });
}

/** A value row as getValues returns it; `carried` names the division and method it came by. */
export function valueRow(
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
export const ROWS = new Map<string, ValueRow>(
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

export function rows(keys: string[]): ValueRow[] {
  return keys.map((k) => {
    const row = ROWS.get(k);
    if (!row) throw new Error(`no row ${k} in the scenario`);
    return row;
  });
}

/** The reference division after the carry, in the order getValues returns it (code, division, indicator, year). */
export const REFERENCE_KEYS = [
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
export const REFERENCE_WITHOUT_CARRY = [
  'BU09171000@2023 income 2023',
  'BU09171000@2023 inhabitants 2019',
  'BU09171001@2023 inhabitants 2020',
  'BU09171001@2023 inhabitants 2023',
];

/** One value of a bulk read or a value row as the same comparable line: area, series, value, flags, source. */
export function comparable(
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
export function bulkLines(b: BulkValues): string[] {
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

export function rowLines(valueRows: readonly ValueRow[]): string[] {
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

export const BULK_QUERIES: BulkValueQuery[] = [
  { divisionYear: REFERENCE },
  { divisionYear: REFERENCE, level: 'buurt' },
  { divisionYear: REFERENCE, level: 'wijk' },
  { divisionYear: REFERENCE, level: 'gemeente' },
  { divisionYear: REFERENCE, indicators: ['inhabitants'] },
  { divisionYear: REFERENCE, indicators: ['corporation_share', 'income'], level: 'buurt' },
];

/** Every bulk read of BULK_QUERIES equals the row read of the same division. */
export async function expectBulkEqualsRowRead(store: Store): Promise<void> {
  for (const q of BULK_QUERIES) {
    expect({ q, lines: bulkLines(await store.getBulkValues(q)) }).toEqual({
      q,
      lines: rowLines(await rowReadOf(store, q)),
    });
  }
}

/** coverage() of the reference division only. */
export async function referenceCoverage(store: Store): Promise<Awaited<ReturnType<Store['coverage']>>> {
  return (await store.coverage()).filter((c) => c.divisionYear === REFERENCE);
}
