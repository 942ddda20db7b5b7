import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../core/records.js';
import { BuurtTable, type EngineBulkInput, type EngineValueInput } from './buurt-table.js';

const buurten = [
  { code: 'BU00010001', name: 'A', gemeente: 'GM0001' },
  { code: 'BU00010002', name: 'B', gemeente: 'GM0001' },
];
const values: EngineValueInput[] = [
  {
    areaCode: 'BU00010001',
    indicator: 'x',
    year: 2018,
    value: 1,
    flags: 0,
    edition: 'e1',
    table: 'T',
    sourceColumn: 'c',
  },
  {
    areaCode: 'BU00010002',
    indicator: 'x',
    year: 2018,
    value: null,
    flags: 1,
    edition: 'e1',
    table: 'T',
    sourceColumn: 'c',
  },
  {
    areaCode: 'BU00010002',
    indicator: 'x',
    year: 2020,
    value: 5,
    flags: 2,
    edition: 'e2',
    table: null,
    sourceColumn: 'd',
  },
  {
    areaCode: 'BU99990001',
    indicator: 'x',
    year: 2020,
    value: 9,
    flags: 0,
    edition: 'e2',
    table: null,
    sourceColumn: 'd',
  },
];

/** The bulk form of `values`, as a store's getBulkValues returns it. */
function toBulk(rows: readonly EngineValueInput[]): EngineBulkInput {
  const areaCodes = [...new Set(rows.map((r) => r.areaCode))];
  const keys = [...new Set(rows.map((r) => `${r.indicator}|${r.year}`))];
  const series = keys.map((k) => {
    const [indicator, year] = k.split('|');
    const of = rows.filter((r) => `${r.indicator}|${r.year}` === k);
    return {
      indicator: indicator!,
      year: Number(year),
      sources: of
        .map((r) => ({ edition: r.edition, table: r.table, sourceColumn: r.sourceColumn }))
        .slice(0, 1),
    };
  });
  return {
    count: rows.length,
    areaCodes,
    series,
    area: Uint32Array.from(rows, (r) => areaCodes.indexOf(r.areaCode)),
    seriesOf: Uint32Array.from(rows, (r) => keys.indexOf(`${r.indicator}|${r.year}`)),
    value: Float64Array.from(rows, (r) => (r.value === null ? NaN : r.value)),
    flags: Uint16Array.from(rows, (r) => r.flags),
  };
}

describe('BuurtTable.fromBulk', () => {
  it('builds the same table as fromValues, ignoring areas that are not buurten of the table', () => {
    const a = BuurtTable.fromValues(buurten, values);
    const b = BuurtTable.fromBulk(buurten, toBulk(values));
    expect(b.indicators()).toEqual(a.indicators());
    for (const y of [2018, 2020]) {
      expect(b.get('x', y)).toEqual(a.get('x', y));
      expect(b.sources('x', y)).toEqual(a.sources('x', y));
    }
    expect([...b.get('x', 2018)!.values]).toEqual([1, NaN]);
    expect(b.years('x')).toEqual([2018, 2020]);
  });
});

/**
 * Bulk values of indicator x in 2020 for the two buurten: per buurt its value, flags and the
 * index of its source in `sources`.
 */
function bulkOfX(
  sources: readonly [edition: string, table: string | null, sourceColumn: string][],
  cells: readonly [value: number, flags: number, source: number][],
): EngineBulkInput {
  return {
    count: cells.length,
    areaCodes: ['BU00010001', 'BU00010002'],
    series: [
      {
        indicator: 'x',
        year: 2020,
        sources: sources.map(([edition, table, sourceColumn]) => ({ edition, table, sourceColumn })),
      },
    ],
    area: Uint32Array.from(cells, (_, i) => i),
    seriesOf: Uint32Array.from(cells, () => 0),
    value: Float64Array.from(cells, ([value]) => value),
    flags: Uint16Array.from(cells, ([, flags]) => flags),
    source: Uint8Array.from(cells, ([, , source]) => source),
  };
}

describe('BuurtTable.sourcesAt(indicator, year, rows)', () => {
  it('cites only the sources of the values at those rows (bulk values with a source index per value)', () => {
    const bulk = bulkOfX(
      [
        ['provincie table', null, 'a'],
        ['KWB 2020', '84799NED', 'b'],
      ],
      [
        [1, 0, 1],
        [2, 0, 0],
      ],
    );
    const t = BuurtTable.fromBulk(buurten, bulk);
    expect(t.sourcesAt('x', 2020, [0]).map((s) => s.edition)).toEqual(['KWB 2020']);
    expect(t.sourcesAt('x', 2020, [1]).map((s) => s.edition)).toEqual(['provincie table']);
    expect(t.sourcesAt('x', 2020, [0, 1])).toHaveLength(2);
    // without a source index every value is taken to come from every source of its series
    const { source: _source, ...withoutIndex } = bulk;
    expect(BuurtTable.fromBulk(buurten, withoutIndex).sourcesAt('x', 2020, [0])).toHaveLength(2);
  });

  it('cites the sources of suppressed cells only when asked to (the files that cover the buurt)', () => {
    const bulk = bulkOfX(
      [
        ['KWB 2020', '84799NED', 'b'],
        ['RIVM 2020', '50090NED', 'c'],
      ],
      [
        [NaN, VALUE_FLAGS.suppressed, 0],
        [2, 0, 1],
      ],
    );
    const t = BuurtTable.fromBulk(buurten, bulk);
    expect(t.sourcesAt('x', 2020, [0])).toEqual([]);
    expect(t.sourcesAt('x', 2020, [0], { suppressed: true }).map((s) => s.edition)).toEqual(['KWB 2020']);
    expect(t.sourcesAt('x', 2020, [0, 1], { suppressed: true }).map((s) => s.edition)).toEqual([
      'KWB 2020',
      'RIVM 2020',
    ]);
    expect(t.sourcesAt('x', 2020, [0, 1]).map((s) => s.edition)).toEqual(['RIVM 2020']);
  });
});
