import { describe, expect, it } from 'vitest';
import { IdRows } from '../value-id-rows.js';

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
