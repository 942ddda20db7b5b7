import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedStats, weightedStatsOfRows } from './weighted-stats.js';

describe('weightedStats', () => {
  it('weights by population; a buurt with 0 inhabitants is a known weight that counts for nothing', () => {
    // 0 inhabitants is known: 2 of 2 present values have a known weight, so the mean is weighted
    const s = weightedStats([1, 5], [200, 0]);
    expect(s).toMatchObject({ mean: 1, sd: 0, n: 1, weighted: true });
  });

  it('falls back to every buurt counting once when fewer than 80 % have a known population', () => {
    const s = weightedStats([1, 3, 5], [100, NaN, NaN]);
    expect(s).toMatchObject({ mean: 3, n: 3, weighted: false });
    expect(weightedStats([1, 3, 5, 7, 9], [100, 100, 100, 100, NaN])).toMatchObject({
      mean: 4,
      n: 4,
      weighted: true,
    });
  });

  it('equal values give exactly that mean and SD 0, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 30 }),
        (x, w) => {
          const s = weightedStats(
            w.map(() => x),
            w,
          );
          expect(s.mean === x).toBe(true); // == so that −0 and 0 are equal
          expect(s.sd).toBe(0);
        },
      ),
    );
  });

  it('over rows equals the statistic with an include predicate', () => {
    const values = [0.1, NaN, -0.3, 0.7, 0.2];
    const weights = [300, 400, 0, 1200, NaN];
    const rows = [0, 1, 2, 3];
    expect(weightedStatsOfRows(values, weights, rows)).toEqual(
      weightedStats(values, weights, (i) => rows.includes(i)),
    );
  });
});
