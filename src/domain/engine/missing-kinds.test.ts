import { describe, expect, it } from 'vitest';
import type { EngineValueInput } from './buurt-table.js';
import { missingKind } from './missing-kinds.js';
import { createEngine } from './veerkracht-engine.js';

const codes = ['BU00010001', 'BU00010002', 'BU00010003', 'BU00020001'];
const buurten = codes.map((code) => ({ code, name: code, gemeente: `GM${code.slice(2, 6)}` }));
const v = (areaCode: string, indicator: string, year: number, value: number | null): EngineValueInput => ({
  areaCode,
  indicator,
  year,
  value,
  flags: value === null ? 1 : 0,
  edition: 'e',
  table: null,
  sourceColumn: indicator,
});

describe('missingKind(table, indicator, year, row, population, minimum)', () => {
  const engine = createEngine(buurten, [
    v('BU00010001', 'inhabitants', 2018, 1000),
    v('BU00010001', 'social_assistance_persons', 2018, 30),
    v('BU00010001', 'inhabitants_15_24', 2018, 100),
    v('BU00010001', 'inhabitants_25_44', 2018, 300),
    v('BU00010001', 'inhabitants_45_64', 2018, 300),
    v('BU00010002', 'inhabitants', 2018, 150),
    v('BU00010002', 'social_assistance_persons', 2018, 3),
    v('BU00010002', 'inhabitants_15_24', 2018, 20),
    v('BU00010002', 'inhabitants_25_44', 2018, 40),
    v('BU00010002', 'inhabitants_45_64', 2018, 40),
    v('BU00010003', 'social_assistance_persons', 2018, 12),
    v('BU00020001', 'inhabitants', 2018, null),
    v('BU00010001', 'lbm_onv', 2018, 0.1),
    v('BU00010002', 'lbm_onv', 2018, null),
    v('BU00010003', 'lbm_total', 2018, 4.1),
  ]);
  const kind = (indicator: string, row: number) =>
    missingKind(engine.table, indicator, 2018, row, engine.population.at(2018)[row]!, 200);

  it('tells the kinds apart', () => {
    expect(kind('social_assistance_per_1000_15_64', 1)).toBe('too-few-residents'); // 150 inhabitants
    expect(kind('social_assistance_per_1000_15_64', 2)).toBe('population-unknown'); // a count, no inhabitants
    expect(kind('inhabitants', 3)).toBe('suppressed'); // CBS '.'
    expect(missingKind(engine.table, 'lbm_onv', 2018, 1, NaN, null)).toBe('no-score'); // Leefbaarometer NA
    // the Leefbaarometer file of 2018 covers the buurt (a total score) but has no onv for it
    expect(missingKind(engine.table, 'lbm_onv', 2018, 2, NaN, null)).toBe('not-published');
    // no Leefbaarometer value of 2018 at all for this buurt
    expect(missingKind(engine.table, 'lbm_onv', 2018, 3, NaN, null)).toBe('not-loaded');
  });
});
