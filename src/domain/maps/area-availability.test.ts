import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comparison } from './map-meta.js';
import {
  mainComparedYears,
  newestPeriod,
  offeredKeys,
  periodOverlap,
  previousPeriod,
  previousYear,
} from './area-availability.js';

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

describe('offeredKeys: periods comparing the same years', () => {
  it('are offered once, under the label that fits the years compared', () => {
    const same = JSON.stringify([['lbm_onv', [2018, 2020]]]);
    const counts = [
      { key: '2016-2020', withValue: 9, span: [2016, 2020] as [number, number], signature: same },
      { key: '2016-2025', withValue: 9, span: [2016, 2020] as [number, number], signature: same },
      { key: '2019-2025', withValue: 9, span: [2021, 2025] as [number, number], signature: 'police' },
    ];
    expect(offeredKeys({ buurten: 10, counts }).keys).toEqual(['2016-2020', '2019-2025']);
  });
});

describe('newestPeriod(periods, preferredLength)', () => {
  it('takes the latest end, then the preferred length, then the longer', () => {
    expect(newestPeriod(['2014-2018', '2016-2020', '2012-2020', '2018-2020'], 4)).toBe('2016-2020');
    expect(newestPeriod(['2014-2020', '2018-2020'], 4)).toBe('2014-2020');
    expect(newestPeriod(['2014-2018', '2014-2024'], 4)).toBe('2014-2024');
    expect(newestPeriod([], 4)).toBeNull();
  });
  it('prefers a change over at least the preferred length: Heerlen’s Leefbaarometer 2020 → 2024 over police 2023 → 2025', () => {
    const spans = new Map<string, [number, number]>([
      ['2020-2024', [2020, 2024]],
      ['2023-2025', [2023, 2025]],
      ['2022-2024', [2022, 2024]],
    ]);
    expect(newestPeriod(['2020-2024', '2022-2024', '2023-2025'], 4, spans)).toBe('2020-2024');
    // without a period that long, the newest of the rest
    expect(newestPeriod(['2022-2024', '2023-2025'], 4, spans)).toBe('2023-2025');
  });
  it('ranks by the last year actually compared when the spans are known', () => {
    const spans = new Map<string, [number, number]>([
      ['2016-2025', [2016, 2020]],
      ['2014-2022', [2014, 2022]],
    ]);
    expect(newestPeriod(['2016-2025', '2014-2022'], 4, spans)).toBe('2014-2022');
  });
});

describe('mainComparedYears(comparisons, yearsUsed)', () => {
  const compared = (
    id: string,
    quantity: Comparison['quantity'],
    years: [number, number],
    buurten: number,
    fallback = false,
  ): Comparison => ({ id, quantity, titleNl: id, titleEn: id, family: 'kwb', years, buurten, fallback });
  const zwolle = [
    compared('anxiety-depression', 'concentration', [2016, 2020], 72),
    compared('making-ends-meet', 'concentration', [2016, 2020], 72),
    compared('lbm_onv', 'nuisance', [2018, 2020], 67),
    compared('police_crime_rate', 'nuisance', [2021, 2025], 2, true),
  ];
  it('leaves out a measure compared for fewer than half as many buurten as its quantity’s most used one', () => {
    expect(mainComparedYears(zwolle, {})).toEqual([2016, 2020, 2016, 2020, 2018, 2020]);
  });
  it('keeps a fallback measure that most buurten use, and every quantity on its own', () => {
    const policeMostly = [
      compared('anxiety-depression', 'concentration', [2016, 2020], 40),
      compared('lbm_onv', 'nuisance', [2018, 2020], 10),
      compared('police_crime_rate', 'nuisance', [2021, 2025], 30, true),
    ];
    expect(mainComparedYears(policeMostly, {})).toEqual([2016, 2020, 2021, 2025]);
    // at exactly half, a measure counts
    expect(
      mainComparedYears(
        [compared('lbm_onv', 'nuisance', [2018, 2020], 10), compared('p', 'nuisance', [2021, 2025], 5, true)],
        {},
      ),
    ).toEqual([2018, 2020, 2021, 2025]);
  });
  it('is every year used for a map without comparisons (a level map)', () => {
    expect(mainComparedYears([], { inhabitants: [2024], lbm: [2020] })).toEqual([2024, 2020]);
  });
  it('makes the period whose label fits those years the newest (Zwolle opens on 2016–2020, not 2016–2025)', () => {
    const years = mainComparedYears(zwolle, {});
    const span: [number, number] = [Math.min(...years), Math.max(...years)];
    const spans = new Map([
      ['2016-2020', span],
      ['2016-2025', span],
    ]);
    expect(newestPeriod(['2016-2020', '2016-2025'], 4, spans)).toBe('2016-2020');
  });
});

describe('periodOverlap(a, b)', () => {
  it('is the years two periods share, either way round', () => {
    expect(periodOverlap('2016-2020', '2012-2018')).toEqual({ t0: 2016, t1: 2018 });
    expect(periodOverlap('2012-2018', '2016-2020')).toEqual({ t0: 2016, t1: 2018 });
    expect(periodOverlap('2012-2024', '2016-2020')).toEqual({ t0: 2016, t1: 2020 });
  });
  it('is none for periods that meet in a boundary year or not at all', () => {
    expect(periodOverlap('2012-2016', '2016-2020')).toBeNull();
    expect(periodOverlap('2012-2014', '2016-2020')).toBeNull();
  });
});

describe('previousPeriod(periods, current)', () => {
  const periods = ['2012-2016', '2014-2018', '2016-2020', '2014-2020', '2018-2020'];
  it('is the same length ending at or before the start', () => {
    expect(previousPeriod(periods, '2016-2020')).toBe('2012-2016');
    expect(previousPeriod(['2012-2015', '2013-2016', '2014-2019', '2019-2024'], '2019-2024')).toBe(
      '2014-2019',
    );
  });
  it('else the latest period ending at or before the start, of the closest length', () => {
    expect(previousPeriod(['2010-2016', '2012-2015', '2016-2020'], '2016-2020')).toBe('2010-2016');
    expect(previousPeriod(['2008-2014', '2012-2014', '2016-2020'], '2016-2020')).toBe('2012-2014');
  });
  it('is none when every other period overlaps the current one by more than the boundary year', () => {
    // Amsterdam's veerkracht maps: 2014–2025 against 2012–2023 would compare 2014–2023 with itself
    const amsterdam = [
      '2012-2018',
      '2012-2020',
      '2012-2023',
      '2012-2024',
      '2014-2020',
      '2014-2025',
      '2016-2023',
    ];
    expect(previousPeriod(amsterdam, '2014-2025')).toBeNull();
    expect(previousPeriod(['2012-2018', '2012-2020', '2014-2020', '2016-2020'], '2016-2020')).toBeNull();
    expect(previousPeriod(['2014-2018', '2016-2020'], '2016-2020')).toBeNull();
    expect(previousPeriod(['2016-2020', '2018-2020'], '2016-2020')).toBeNull();
    expect(previousPeriod([], '2016-2020')).toBeNull();
  });
  it('never shares more than the boundary year with the current period, and exists when one could', () => {
    const period = fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }))
      .map(([t0, length]) => `${t0}-${t0 + length}`);
    fc.assert(
      fc.property(fc.uniqueArray(period, { minLength: 1, maxLength: 12 }), fc.nat(), (list, pick) => {
        const current = list[pick % list.length]!;
        const [c0, c1] = current.split('-').map(Number) as [number, number];
        const found = previousPeriod(list, current);
        const anyBefore = list.some((p) => Number(p.split('-')[1]) <= c0);
        expect(found !== null).toBe(anyBefore);
        if (found === null) return;
        const [p0, p1] = found.split('-').map(Number) as [number, number];
        expect(list).toContain(found);
        expect(p1).toBeLessThanOrEqual(c0); // shared years: at most the boundary year c0
        expect(p1).toBeLessThan(c1);
        expect(p0).toBeLessThan(c0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('previousYear(years, current)', () => {
  it('is the latest earlier year', () => {
    expect(previousYear([2014, 2018, 2020], 2020)).toBe(2018);
    expect(previousYear([2014, 2018, 2020], 2014)).toBeNull();
  });
});
