import { describe, expect, it } from 'vitest';
import { levelYear, periodYears } from './year-rule.js';

describe('periodYears(available, t0, t1, tolerance)', () => {
  it('uses the exact ends when available', () =>
    expect(periodYears([2012, 2016, 2020], 2016, 2020, 0)).toEqual([2016, 2020]));
  it('moves inward to the nearest available years', () => {
    expect(periodYears([2014, 2018, 2020], 2016, 2020, 0)).toEqual([2018, 2020]);
    expect(periodYears([2012, 2016, 2020], 2014, 2020, 0)).toEqual([2016, 2020]);
  });
  it('with a tolerance may go outside, preferring inside on ties', () => {
    expect(periodYears([2014, 2018, 2020], 2016, 2020, 2)).toEqual([2018, 2020]);
    expect(periodYears([2015, 2018, 2020], 2016, 2020, 1)).toEqual([2015, 2020]);
    expect(periodYears([2015, 2017, 2020], 2016, 2020, 1)).toEqual([2017, 2020]);
  });
  it('is null with fewer than two years in the period', () => {
    expect(periodYears([2020], 2016, 2020, 0)).toBeNull();
    expect(periodYears([2012, 2021], 2016, 2020, 0)).toBeNull();
  });
});

describe('levelYear(available, t, tolerance)', () => {
  it('picks the nearest year, earlier on ties, within the tolerance', () => {
    expect(levelYear([2016, 2020], 2018, 2)).toBe(2016);
    expect(levelYear([2016, 2020], 2019, 2)).toBe(2020);
    expect(levelYear([2012], 2018, 2)).toBeNull();
  });
});
