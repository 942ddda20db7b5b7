import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyBatch } from '../../src/core/records.js';
import { decodeBulkValues, encodeBulkValues } from '../../src/storage/sqlite/bulk-snapshot.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { BulkValues } from '../../src/storage/store.js';
import { SYNTHETIC_DIVISION, syntheticStore } from '../server/synthetic-store.js';

const q = { divisionYear: SYNTHETIC_DIVISION, level: 'buurt' as const };

/** The values as sorted plain rows, so two reads compare whatever their order. */
function rows(b: BulkValues): string[] {
  const out: string[] = [];
  for (let i = 0; i < b.count; i++) {
    const s = b.series[b.seriesOf[i]!]!;
    const src = b.source ? s.sources[b.source[i]!] : undefined;
    out.push(
      `${b.areaCodes[b.area[i]!]}|${s.indicator}|${s.year}|${b.value[i]}|${b.flags[i]}|${src?.edition}|${src?.sourceColumn}`,
    );
  }
  return out.sort();
}

const snapshotCount = (store: SqliteStore) =>
  (store.db.prepare('SELECT COUNT(*) AS n FROM bulk_snapshots').get() as { n: number }).n;

describe('bulk snapshots of the engine read', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 15,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
  });
  afterEach(() => store.close());

  it('encode and decode to the same values, NaN and flags included', async () => {
    const read = await store.getBulkValues(q);
    expect(read.count).toBeGreaterThan(100);
    const back = decodeBulkValues(encodeBulkValues(read));
    expect(back.count).toBe(read.count);
    expect(rows(back)).toEqual(rows(read));
    const small: BulkValues = {
      count: 3,
      areaCodes: ['BU09170001', 'BU09170002'],
      series: [{ indicator: 'x', year: 2020, sources: [{ edition: 'e', table: null, sourceColumn: 'c' }] }],
      area: Uint32Array.of(0, 1, 1),
      seriesOf: Uint32Array.of(0, 0, 0),
      value: Float64Array.of(1.5, NaN, -0.25),
      flags: Uint16Array.of(0, 1, 6),
      source: Uint8Array.of(0, 0, 0),
    };
    const again = decodeBulkValues(encodeBulkValues(small));
    expect([...again.value]).toEqual([1.5, NaN, -0.25]);
    expect([...again.flags]).toEqual([0, 1, 6]);
    expect(again.areaCodes).toEqual(small.areaCodes);
    expect(again.series).toEqual(small.series);
  });

  it('give the same bulk read as the rows, once refreshed', async () => {
    const fromRows = rows(await store.getBulkValues(q));
    await store.refreshBulkSnapshot(q);
    expect(snapshotCount(store)).toBe(1);
    expect(rows(await store.getBulkValues(q))).toEqual(fromRows);
  });

  it('are dropped by a write of values, so a read sees the new value', async () => {
    await store.refreshBulkSnapshot(q);
    const code = (await store.getBulkValues(q)).areaCodes[0]!;
    const batch = emptyBatch('late.csv', 'late-sha', {
      source: 'tidy',
      edition: 'late',
      table: null,
      publisher: 'test',
      divisionYear: SYNTHETIC_DIVISION,
    });
    batch.values.push({
      areaCode: code,
      year: 2031,
      indicator: 'late_indicator',
      value: 12.5,
      flags: 0,
      column: 'late_column',
      divisionYear: SYNTHETIC_DIVISION,
    });
    await store.writeBatch(batch, {});
    expect(snapshotCount(store)).toBe(0);
    expect(rows(await store.getBulkValues(q))).toContain(
      `${code}|late_indicator|2031|12.5|0|late|late_column`,
    );
  });

  it('survive a rolled-back write together with the old values', async () => {
    await store.refreshBulkSnapshot(q);
    const before = rows(await store.getBulkValues(q));
    await expect(
      store.transaction(async (tx) => {
        await tx.clearHarmonisation({ fromDivision: 2000, toDivision: SYNTHETIC_DIVISION });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(snapshotCount(store)).toBe(1);
    expect(rows(await store.getBulkValues(q))).toEqual(before);
  });

  it('are not used once the data version moved on (a new import)', async () => {
    await store.refreshBulkSnapshot(q);
    // an import that writes no values still changes the data version
    await store.writeBatch(
      emptyBatch('empty.csv', 'empty-sha', {
        source: 'tidy',
        edition: 'empty',
        table: null,
        publisher: 'test',
        divisionYear: SYNTHETIC_DIVISION,
      }),
      {},
    );
    expect(snapshotCount(store)).toBe(1);
    store.db.prepare('UPDATE bulk_snapshots SET data = ?').run(Buffer.alloc(8));
    expect((await store.getBulkValues(q)).count).toBeGreaterThan(100); // read from the rows
  });
});
