import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classIndex, computeBreaks } from './breaks.js';
import { ckmeansStarts } from './ckmeans.js';

describe('computeBreaks(values, method)', () => {
  it('quantile: thresholds at ranks ⌊j·n/k⌋, missing values ignored', () => {
    const b = computeBreaks([5, 1, NaN, 3, 2, 4, 6], { method: 'quantile', k: 3 });
    expect(b.thresholds).toEqual([3, 5]);
    expect([b.min, b.max]).toEqual([1, 6]);
  });

  it('equal-interval: evenly spaced between min and max', () => {
    expect(computeBreaks([0, 10, 5], { method: 'equal-interval', k: 5 }).thresholds).toEqual([2, 4, 6, 8]);
  });

  it('ckmeans: finds the natural groups (simple-statistics example)', () => {
    const b = computeBreaks([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], { method: 'ckmeans', k: 3 });
    expect(b.thresholds).toEqual([2, 4]);
    expect(ckmeansStarts([1, 1, 1], 3)).toEqual([0]);
  });

  it('fixed: keeps the thresholds and refuses unsorted ones with CONFIG_INVALID', () => {
    expect(computeBreaks([1, 50, 90], { method: 'fixed', thresholds: [10, 33, 67] }).thresholds).toEqual([
      10, 33, 67,
    ]);
    expect(() => computeBreaks([1], { method: 'fixed', thresholds: [10, 5] })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => computeBreaks([1], { method: 'quantile', k: 1 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('classIndex: thresholds are lower bounds of the next class; NaN has no class', () => {
    const b = { thresholds: [10, 20], min: 0, max: 30 };
    expect([0, 9.99, 10, 19, 20, 30].map((v) => classIndex(v, b))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(classIndex(NaN, b)).toBeNull();
  });
});

describe('class properties', () => {
  const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 });
  const k = fc.integer({ min: 2, max: 9 });
  const methods = ['quantile', 'equal-interval', 'ckmeans'] as const;

  it('breaks ascend and every value falls in exactly one class 0..k−1', () => {
    fc.assert(
      fc.property(values, k, fc.constantFrom(...methods), (vs, kk, method) => {
        const b = computeBreaks(vs, { method, k: kk });
        for (let i = 1; i < b.thresholds.length; i++)
          expect(b.thresholds[i]!).toBeGreaterThan(b.thresholds[i - 1]!);
        expect(b.thresholds.length).toBeLessThanOrEqual(kk - 1);
        const counts = new Array<number>(b.thresholds.length + 1).fill(0);
        for (const v of vs) counts[classIndex(v, b)!]!++;
        expect(counts.reduce((s, c) => s + c, 0)).toBe(vs.length);
      }),
    );
  });

  it('quantile classes of distinct values have equal counts up to one', () => {
    const distinct = fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 300 });
    fc.assert(
      fc.property(distinct, k, (vs, kk) => {
        const b = computeBreaks(vs, { method: 'quantile', k: kk });
        const counts = new Array<number>(b.thresholds.length + 1).fill(0);
        for (const v of vs) counts[classIndex(v, b)!]!++;
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('ckmeans is optimal: no single boundary move lowers the within-class sum of squares', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 60 }),
        fc.integer({ min: 2, max: 4 }),
        (vs, kk) => {
          const sorted = Float64Array.from(vs).sort();
          const starts = ckmeansStarts(sorted, kk);
          const wss = (st: number[]) =>
            st.reduce((s, a, i) => {
              const seg = sorted.slice(a, st[i + 1] ?? sorted.length);
              const m = seg.reduce((x, y) => x + y, 0) / seg.length;
              return s + seg.reduce((x, y) => x + (y - m) ** 2, 0);
            }, 0);
          const best = wss(starts);
          for (let i = 1; i < starts.length; i++) {
            for (const d of [-1, 1]) {
              const moved = [...starts];
              moved[i] = moved[i]! + d;
              if (moved[i]! <= moved[i - 1]! || moved[i]! >= (moved[i + 1] ?? sorted.length)) continue;
              expect(wss(moved)).toBeGreaterThanOrEqual(best - 1e-9);
            }
          }
        },
      ),
    );
  });
});
