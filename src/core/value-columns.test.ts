import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedValue } from './records.js';
import { ValueColumns } from './value-columns.js';

const parsedValue: fc.Arbitrary<ParsedValue> = fc
  .record({
    areaCode: fc.constantFrom('BU00010001', 'BU00010002', 'WK000100', 'GM0001'),
    year: fc.integer({ min: 1990, max: 2030 }),
    indicator: fc.constantFrom('inhabitants', 'rivm_lonely', 'woz_value'),
    value: fc.option(fc.double({ noNaN: true }), { nil: null }),
    flags: fc.integer({ min: 0, max: 15 }),
    column: fc.constantFrom('A', 'B', 'Eenzaam_27'),
    divisionYear: fc.integer({ min: 2016, max: 2025 }),
    line: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
  })
  .map(({ line, ...v }) => (line === undefined ? v : { ...v, line }));

describe('values as columns', () => {
  it('give back every value as pushed: null stays null (never 0), -0 stays -0, a value without a line has no line', () => {
    const values = ValueColumns.from([
      {
        areaCode: 'BU00010001',
        year: 2020,
        indicator: 'a',
        value: null,
        flags: 1,
        column: 'A',
        divisionYear: 2020,
      },
      {
        areaCode: 'BU00010001',
        year: 2020,
        indicator: 'b',
        value: -0,
        flags: 0,
        column: 'B',
        divisionYear: 2020,
        line: 7,
      },
      {
        areaCode: 'BU00010002',
        year: 2019,
        indicator: 'a',
        value: 0,
        flags: 0,
        column: 'A',
        divisionYear: 2020,
      },
    ]);
    expect(values).toHaveLength(3);
    expect(values.value(0)).toBeNull();
    expect(Object.is(values.value(1), -0)).toBe(true);
    expect(values.value(2)).toBe(0);
    expect(values.line(0)).toBeUndefined();
    expect('line' in values.at(0)).toBe(false);
    expect(values.at(1)).toStrictEqual({
      areaCode: 'BU00010001',
      year: 2020,
      indicator: 'b',
      value: -0,
      flags: 0,
      column: 'B',
      divisionYear: 2020,
      line: 7,
    });
    // one string table per field, each distinct string once, in order of first use
    expect(values.areaCodes).toEqual(['BU00010001', 'BU00010002']);
    expect(values.indicators).toEqual(['a', 'b']);
    expect([values.indicatorNumber(0), values.indicatorNumber(1), values.indicatorNumber(2)]).toEqual([
      0, 1, 0,
    ]);
  });

  it('hold any list of values unchanged, past their first capacity, and across threads as arrays', () => {
    fc.assert(
      fc.property(fc.array(parsedValue, { maxLength: 60 }), (list) => {
        const values = new ValueColumns(1); // grows
        values.push(...list);
        expect(values.toArray()).toStrictEqual(list);
        expect(ValueColumns.fromArrays(values.toArrays()).toArray()).toStrictEqual(list);
      }),
    );
  });

  it('filter to the values kept, with string tables of only the strings those use, in their order of first use', () => {
    fc.assert(
      fc.property(fc.array(parsedValue, { maxLength: 60 }), fc.func(fc.boolean()), (list, keep) => {
        const kept = ValueColumns.from(list).filter((i) => keep(i));
        const expected = list.filter((_, i) => keep(i));
        expect(kept.toArray()).toStrictEqual(expected);
        expect(kept.areaCodes).toEqual([...new Set(expected.map((v) => v.areaCode))]);
        expect(kept.indicators).toEqual([...new Set(expected.map((v) => v.indicator))]);
        expect(kept.columns).toEqual([...new Set(expected.map((v) => v.column))]);
      }),
    );
  });
});
