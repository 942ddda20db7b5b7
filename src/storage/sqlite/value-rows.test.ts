import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IdRows } from '../value-id-rows.js';
import { openSqliteStore } from './sqlite-store.js';
import { writeIdRows } from './value-rows.js';

describe('IdRows.keyOrder', () => {
  it('orders rows by (division, area, indicator, year), equal keys in their original order', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const rows = new IdRows(5000);
    for (let i = 0; i < 5000; i++) {
      rows.push(2018 + rand(3), 1 + rand(400) * 37, 1 + rand(50), 2010 + rand(12), i, 0, 1, 1, null);
    }
    const key = (i: number) => [rows.division[i]!, rows.area[i]!, rows.indicator[i]!, rows.year[i]!, i];
    const expected = Array.from({ length: 5000 }, (_, i) => i).sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
      return 0;
    });
    expect([...rows.keyOrder()]).toEqual(expected);
  });

  it('keeps an already sorted batch as is', () => {
    const rows = new IdRows(3);
    rows.push(2019, 1, 1, 2018, 1, 0, 1, 1, null);
    rows.push(2019, 1, 2, 2018, 2, 0, 1, 1, null);
    rows.push(2019, 2, 1, 2018, 3, 0, 1, 1, null);
    expect([...rows.keyOrder()]).toEqual([0, 1, 2]);
  });
});

describe('writeIdRows', () => {
  const store = (): Database.Database => {
    const s = openSqliteStore({ path: ':memory:' });
    return s.db;
  };
  const stored = (db: Database.Database): unknown[] =>
    db
      .prepare(
        'SELECT division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division FROM area_values ORDER BY 1, 2, 3, 4',
      )
      .raw()
      .all();

  it('stores what one INSERT OR REPLACE per row, in batch order, stores: runs of originals, carried rows, nulls and repeated keys mixed', () => {
    let seed = 11;
    const rand = (n: number): number => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const rows = new IdRows(6000);
    for (let i = 0; i < 6000; i++) {
      const carried = rand(10) === 0;
      rows.push(
        carried ? 2019 : 2020 + rand(2),
        1 + rand(300),
        1 + rand(8),
        2016 + rand(3),
        rand(9) === 0 ? null : i / 7,
        rand(5) === 0 ? 1 : 0,
        1 + rand(2),
        1 + rand(4),
        carried ? 'code (indeling 2020)' : null,
        carried ? 2020 : null,
      );
    }
    const fast = store();
    writeIdRows(fast, rows);
    const slow = store();
    const one = slow.prepare(
      'INSERT OR REPLACE INTO area_values (division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method, from_division) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (let r = 0; r < rows.count; r++) {
      one.run(
        rows.division[r],
        rows.area[r],
        rows.indicator[r],
        rows.year[r],
        rows.isNull[r] ? null : rows.value[r],
        rows.flags[r],
        rows.edition[r],
        rows.column[r],
        rows.method[r] ?? null,
        rows.from[r] || null,
      );
    }
    const expected = stored(slow);
    expect(expected.length).toBeGreaterThan(3000); // repeated keys were replaced, not all rows
    expect(stored(fast)).toEqual(expected);
  });

  it('writes a run of originals longer than a statement with its division and edition, and NULL method and from_division', () => {
    const rows = new IdRows(1100);
    for (let i = 0; i < 1100; i++) rows.push(2024, 1 + i, 3, 2024, i === 5 ? null : i, 0, 9, 4, null);
    const db = store();
    writeIdRows(db, rows);
    const all = stored(db) as unknown[][];
    expect(all).toHaveLength(1100);
    expect(all[0]).toEqual([2024, 1, 3, 2024, 0, 0, 9, 4, null, null]);
    expect(all[5]).toEqual([2024, 6, 3, 2024, null, 0, 9, 4, null, null]);
    expect(all[1099]).toEqual([2024, 1100, 3, 2024, 1099, 0, 9, 4, null, null]);
  });
});
