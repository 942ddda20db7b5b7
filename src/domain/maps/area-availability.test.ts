import { describe, expect, it } from 'vitest';
import { newestPeriod, offeredKeys, previousPeriod, previousYear } from './area-availability.js';

describe('offeredKeys(availability)', () => {
  it('offers what covers at least half of the buurten', () => {
    const counts = [
      { key: '2016', withValue: 3 },
      { key: '2018', withValue: 5 },
      { key: '2020', withValue: 10 },
      { key: '2022', withValue: 0 },
    ];
    expect(offeredKeys({ buurten: 10, counts })).toEqual({ keys: ['2018', '2020'], halfCovered: true });
  });
  it('falls back to anything with a value, saying the coverage is partial', () => {
    const counts = [
      { key: '2016', withValue: 2 },
      { key: '2020', withValue: 0 },
    ];
    expect(offeredKeys({ buurten: 10, counts })).toEqual({ keys: ['2016'], halfCovered: false });
    expect(offeredKeys({ buurten: 10, counts: [] })).toEqual({ keys: [], halfCovered: false });
  });
});

describe('newestPeriod(periods, preferredLength)', () => {
  it('takes the latest end, then the preferred length, then the longer', () => {
    expect(newestPeriod(['2014-2018', '2016-2020', '2012-2020', '2018-2020'], 4)).toBe('2016-2020');
    expect(newestPeriod(['2014-2020', '2018-2020'], 4)).toBe('2014-2020');
    expect(newestPeriod(['2014-2018', '2014-2024'], 4)).toBe('2014-2024');
    expect(newestPeriod([], 4)).toBeNull();
  });
});

describe('previousPeriod(periods, current)', () => {
  const periods = ['2012-2016', '2014-2018', '2016-2020', '2014-2020', '2018-2020'];
  it('is the same length ending at or before the start', () => {
    expect(previousPeriod(periods, '2016-2020')).toBe('2012-2016');
  });
  it('else the same length ending earlier, else any period ending earlier', () => {
    expect(previousPeriod(['2014-2018', '2016-2020'], '2016-2020')).toBe('2014-2018');
    expect(previousPeriod(['2012-2018', '2016-2020'], '2016-2020')).toBe('2012-2018');
    expect(previousPeriod(['2016-2020', '2018-2020'], '2016-2020')).toBeNull();
  });
});

describe('previousYear(years, current)', () => {
  it('is the latest earlier year', () => {
    expect(previousYear([2014, 2018, 2020], 2020)).toBe(2018);
    expect(previousYear([2014, 2018, 2020], 2014)).toBeNull();
  });
});
