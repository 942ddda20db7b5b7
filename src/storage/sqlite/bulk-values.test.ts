import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyBatch } from '../../core/records.js';
import type { BulkSeries, BulkValueQuery, BulkValues } from '../store.js';
import { inKeyOrder, readBulkValues } from './bulk-values.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

const DIVISION = 2021;
const AREAS = ['BU00010001', 'BU00010002', 'BU00020101', 'WK000100', 'WK000201', 'GM0001', 'GM0002'];
const INDICATORS = ['inwoners', 'woz_waarde', 'aandeel_65plus'];
const COLUMNS = ['kolom_a', 'kolom_b', 'kolom_c'];

interface Written {
  area: string;
  indicator: string;
  year: number;
  value: number | null;
  flags: number;
  column: string;
}

/** Doubles the JSON path could get wrong, next to arbitrary ones (fast-check's include -0 and ±Infinity). */
const doubles = fc.oneof(
  fc.double({ noNaN: true }),
  fc.constantFrom(
    -0,
    5e-324,
    -5e-324,
    2.2250738585072009e-308,
    1e-300,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    0.1 + 0.2,
    1 / 3,
    3,
    -7,
    2 ** 53,
    2 ** 63,
    1e21,
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constant(null),
);

/** Values of distinct keys (area, indicator, year), over several areas of each level, series and columns. */
const writtenValues = fc.uniqueArray(
  fc.record({
    area: fc.constantFrom(...AREAS),
    indicator: fc.constantFrom(...INDICATORS),
    year: fc.integer({ min: 2015, max: 2019 }),
    value: doubles,
    flags: fc.constantFrom(0, 1, 6),
    column: fc.constantFrom(...COLUMNS),
  }),
  { selector: (v) => `${v.area}|${v.indicator}|${v.year}`, minLength: 1, maxLength: 150 },
);

/**
 * Writes the values through the store, alternately in two imports (two editions). `firstColumnId`:
 * where the store's column ids start (the next after an existing column of id firstColumnId − 1).
 */
async function storeOf(values: Written[], firstColumnId = 1): Promise<SqliteStore> {
  const store = openSqliteStore({ path: ':memory:' });
  if (firstColumnId > 1)
    store.db
      .prepare('INSERT INTO value_columns (id, source_column) VALUES (?, ?)')
      .run(firstColumnId - 1, 'kolom_0');
  for (const edition of ['editie 1', 'editie 2']) {
    const batch = emptyBatch(`${edition}.csv`, edition, {
      source: 'tidy',
      edition,
      table: edition === 'editie 1' ? '85984NED' : null,
      publisher: 'test',
      divisionYear: DIVISION,
    });
    values
      .filter((_, i) => i % 2 === (edition === 'editie 1' ? 0 : 1))
      .forEach((v) =>
        batch.values.push({
          areaCode: v.area,
          indicator: v.indicator,
          year: v.year,
          value: v.value,
          flags: v.flags,
          column: v.column,
          divisionYear: DIVISION,
        }),
      );
    await store.writeBatch(batch, {});
  }
  return store;
}

/**
 * The bulk read as specified, one row per value: values in key order (area, indicator, year),
 * areas, series and each series' sources numbered by first appearance (sources at most 255).
 */
function perValueRead(db: Database.Database, q: BulkValueQuery): BulkValues {
  const prefix = q.level ? { buurt: 'BU', wijk: 'WK', gemeente: 'GM' }[q.level] : null;
  const rows = db
    .prepare(
      `SELECT a.code, i.indicator, v.year, v.value, v.flags, e.edition, e.table_id, c.source_column
       FROM area_values v
       JOIN value_areas a ON a.id = v.area_id
       JOIN value_indicators i ON i.id = v.indicator_id
       JOIN value_columns c ON c.id = v.column_id
       LEFT JOIN editions e ON e.id = v.edition_id
       WHERE v.division_year = ? AND (? IS NULL OR substr(a.code, 1, 2) = ?)
       ORDER BY v.division_year, v.area_id, v.indicator_id, v.year`,
    )
    .raw()
    .all(q.divisionYear, prefix, prefix) as [
    string,
    string,
    number,
    number | null,
    number,
    string | null,
    string | null,
    string,
  ][];
  const kept = q.indicators ? rows.filter((r) => q.indicators!.includes(r[1])) : rows;
  const areaCodes: string[] = [];
  const series: BulkSeries[] = [];
  const out = {
    area: [] as number[],
    seriesOf: [] as number[],
    value: [] as number[],
    flags: [] as number[],
    source: [] as number[],
  };
  for (const [code, indicator, year, value, flags, edition, table, column] of kept) {
    if (!areaCodes.includes(code)) areaCodes.push(code);
    let s = series.findIndex((x) => x.indicator === indicator && x.year === year);
    if (s < 0) s = series.push({ indicator, year, sources: [] }) - 1;
    const sources = series[s]!.sources;
    let src = sources.findIndex((x) => x.edition === (edition ?? '') && x.sourceColumn === column);
    if (src < 0) src = sources.push({ edition: edition ?? '', table, sourceColumn: column }) - 1;
    out.area.push(areaCodes.indexOf(code));
    out.seriesOf.push(s);
    out.value.push(value === null ? NaN : value);
    out.flags.push(flags);
    out.source.push(Math.min(src, 255));
  }
  return {
    count: kept.length,
    areaCodes,
    series,
    area: Uint32Array.from(out.area),
    seriesOf: Uint32Array.from(out.seriesOf),
    value: Float64Array.from(out.value),
    flags: Uint16Array.from(out.flags),
    source: Uint8Array.from(out.source),
  };
}

/** What the read gives per key: the value (as text, so -0, NaN and 0 stay apart), flags, edition, column. */
function readByKey(b: BulkValues): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < b.count; i++) {
    const s = b.series[b.seriesOf[i]!]!;
    const src = s.sources[b.source![i]!]!;
    out.set(
      `${b.areaCodes[b.area[i]!]}|${s.indicator}|${s.year}`,
      `${bits(b.value[i]!)}|${b.flags[i]}|${src.edition}|${src.sourceColumn}`,
    );
  }
  return out;
}

const bits = (x: number) => (Object.is(x, -0) ? '-0' : String(x));

describe('readBulkValues (SQLite, one row per area)', () => {
  it('reads every written double back exactly, null as NaN and -0 as the 0 SQLite stores', async () => {
    await fc.assert(
      fc.asyncProperty(writtenValues, async (values) => {
        const store = await storeOf(values);
        try {
          const expected = new Map(
            values.map((v, i) => [
              `${v.area}|${v.indicator}|${v.year}`,
              `${bits(v.value === null ? NaN : Object.is(v.value, -0) ? 0 : v.value)}|${v.flags}|editie ${(i % 2) + 1}|${v.column}`,
            ]),
          );
          const read = readBulkValues(store.db, { divisionYear: DIVISION });
          expect(read.count).toBe(values.length);
          expect(readByKey(read)).toEqual(expected);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the per-value read in key order, whole and by level and indicators', async () => {
    const queries: BulkValueQuery[] = [
      { divisionYear: DIVISION },
      { divisionYear: DIVISION, level: 'buurt' },
      { divisionYear: DIVISION, level: 'wijk' },
      { divisionYear: DIVISION, level: 'gemeente' },
      { divisionYear: DIVISION, indicators: ['woz_waarde'] },
      { divisionYear: DIVISION, indicators: ['aandeel_65plus', 'inwoners'], level: 'buurt' },
      { divisionYear: DIVISION, indicators: ['onbekend'] },
      { divisionYear: DIVISION + 1 },
    ];
    await fc.assert(
      fc.asyncProperty(writtenValues, async (values) => {
        const store = await storeOf(values);
        try {
          for (const q of queries) expect(readBulkValues(store.db, q)).toEqual(perValueRead(store.db, q));
        } finally {
          store.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('keeps every source apart when the column ids pass 2²⁰ (the small source keys’ limit)', async () => {
    const values: Written[] = COLUMNS.flatMap((column, c) =>
      INDICATORS.map((indicator, i) => ({
        area: AREAS[c + i]!,
        indicator,
        year: 2019,
        value: c + i / 10,
        flags: 0,
        column,
      })),
    );
    // column ids up to 2²⁰ − 1 (small keys), then up to 2²⁰ (keys of 2³²)
    for (const firstColumnId of [2 ** 20 - 3, 2 ** 20 - 2]) {
      const store = await storeOf(values, firstColumnId);
      const read = readBulkValues(store.db, { divisionYear: DIVISION });
      expect(readByKey(read)).toEqual(
        new Map(
          values.map((v, i) => [
            `${v.area}|${v.indicator}|${v.year}`,
            `${v.value}|0|editie ${(i % 2) + 1}|${v.column}`,
          ]),
        ),
      );
      expect(read).toEqual(perValueRead(store.db, { divisionYear: DIVISION }));
      store.close();
    }
  });

  it('reads the dictionaries and the values from one snapshot while another connection commits new areas in between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-bulk-snapshot-'));
    const path = join(dir, 'store.db');
    const reader = openSqliteStore({ path });
    const writer = openSqliteStore({ path });
    try {
      await writeOne(reader, 'BU00010001', 'editie 1');
      // the other connection commits a value of a new area once the reader has read its
      // dictionaries and prepares the values' query
      const prepare = reader.db.prepare.bind(reader.db);
      let committed = false;
      reader.db.prepare = ((sql: string) => {
        if (!committed && sql.includes('FROM area_values')) {
          committed = true;
          writer.db.exec('BEGIN');
          writer.db.prepare('INSERT INTO value_areas (code) VALUES (?)').run('BU00020101');
          const area = writer.db
            .prepare('SELECT id FROM value_areas WHERE code = ?')
            .pluck()
            .get('BU00020101');
          writer.db
            .prepare(
              `INSERT INTO area_values (division_year, area_id, indicator_id, year, value, flags, edition_id, column_id)
               SELECT division_year, ?, indicator_id, year, 2, flags, edition_id, column_id FROM area_values`,
            )
            .run(area);
          writer.db.exec('COMMIT');
        }
        return prepare(sql);
      }) as typeof reader.db.prepare;
      const read = readBulkValues(reader.db, { divisionYear: DIVISION });
      expect(committed).toBe(true);
      expect(read.areaCodes).toEqual(['BU00010001']); // the value committed meanwhile is not half-seen
      expect(read.count).toBe(1);
      reader.db.prepare = prepare;
      expect(readBulkValues(reader.db, { divisionYear: DIVISION }).areaCodes).toEqual([
        'BU00010001',
        'BU00020101',
      ]);
    } finally {
      writer.close();
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads nothing for an empty list of indicators', async () => {
    const store = await storeOf([
      { area: 'BU00010001', indicator: 'inwoners', year: 2019, value: 12, flags: 0, column: 'kolom_a' },
    ]);
    const read = readBulkValues(store.db, { divisionYear: DIVISION, indicators: [] });
    expect(read.count).toBe(0);
    expect(read.areaCodes).toEqual([]);
    store.close();
  });
});

describe('inKeyOrder', () => {
  it('sorts an area handed over out of key order, the other columns along', () => {
    const area = {
      keys: [3 * 65536 + 2019, 1 * 65536 + 2020, 1 * 65536 + 2018],
      values: [0.5, null, -2],
      flags: [6, 1, 0],
      sources: [2 * 4294967296 + 7, 4294967296 + 1, 4294967296 + 3],
    };
    expect(inKeyOrder(area)).toEqual({
      keys: [1 * 65536 + 2018, 1 * 65536 + 2020, 3 * 65536 + 2019],
      values: [-2, null, 0.5],
      flags: [0, 1, 6],
      sources: [4294967296 + 3, 4294967296 + 1, 2 * 4294967296 + 7],
    });
  });

  it('returns an area already in key order as it is', () => {
    const area = { keys: [65536 + 2018, 65536 + 2019], values: [1, 2], flags: [0, 0], sources: [1, 1] };
    expect(inKeyOrder(area)).toBe(area);
  });
});

/** Writes one value of `area` in an edition of its own. */
async function writeOne(store: SqliteStore, area: string, edition: string): Promise<void> {
  const batch = emptyBatch(`${edition}.csv`, edition, {
    source: 'tidy',
    edition,
    table: null,
    publisher: 'test',
    divisionYear: DIVISION,
  });
  batch.values.add(area, 2019, 'inwoners', 1, 0, 'kolom_a', DIVISION);
  await store.writeBatch(batch, {});
}
