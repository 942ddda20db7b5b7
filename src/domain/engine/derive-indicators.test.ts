import { describe, expect, it } from 'vitest';
import type { EngineValueInput } from './buurt-table.js';
import { createEngine } from './veerkracht-engine.js';

const buurten = [
  { code: 'BU00010001', name: 'A', gemeente: 'GM0001' },
  { code: 'BU00020001', name: 'B', gemeente: 'GM0002' },
];
const v = (areaCode: string, indicator: string, value: number, edition: string): EngineValueInput => ({
  areaCode,
  indicator,
  year: 2020,
  value,
  flags: 0,
  edition,
  table: null,
  sourceColumn: indicator,
});

describe('derived indicators keep the sources of the values each buurt used', () => {
  const engine = createEngine(buurten, [
    v('BU00010001', 'wmo_clients', 40, 'KWB 2020 (gemeente 1)'),
    v('BU00020001', 'wmo_clients', 60, 'KWB 2020 (gemeente 2)'),
    v('BU00010001', 'inhabitants', 1000, 'KWB 2020 (gemeente 1)'),
    v('BU00020001', 'inhabitants', 2000, 'Provincie table'),
  ]);

  it('computes the rate per buurt from its own numerator and denominator', () => {
    expect([...engine.table.get('wmo_per_1000', 2020)!.values]).toEqual([40, 30]);
  });

  it('cites for a buurt only the editions of its own inputs', () => {
    const editions = (row: number) =>
      engine.table.sourcesAt('wmo_per_1000', 2020, [row]).map((s) => s.edition);
    expect(new Set(editions(0))).toEqual(new Set(['KWB 2020 (gemeente 1)']));
    expect(new Set(editions(1))).toEqual(new Set(['KWB 2020 (gemeente 2)', 'Provincie table']));
    // the column as a whole has all three
    expect(new Set(engine.table.sources('wmo_per_1000', 2020).map((s) => s.edition)).size).toBe(3);
  });
});
