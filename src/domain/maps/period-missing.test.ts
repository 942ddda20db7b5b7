import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput, UncarriedSource } from '../engine/buurt-table.js';
import { createEngine } from '../engine/veerkracht-engine.js';
import { nuisanceMissing } from './period-missing.js';
import { engineValue } from '../engine/engine-value.fixture.js';

/**
 * Two gemeenten of three buurten with the RIVM components in 2016 and 2020; only GM0001 has a
 * nuisance measure (Leefbaarometer onv 2016 and 2020), GM0002 none in any year.
 */
function engineWith(uncarried: readonly UncarriedSource[]) {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const v = (areaCode: string, indicator: string, year: number, value: number) =>
    values.push(engineValue(areaCode, indicator, year, value));
  for (const gm of ['0001', '0002'])
    for (let b = 0; b < 3; b++) {
      const code = `BU${gm}000${b}`;
      buurten.push({ code, name: code, gemeente: `GM${gm}` });
      for (const y of [2016, 2020]) {
        v(code, 'inhabitants', y, 1000);
        v(code, 'rivm_high_risk_anxiety_depression', y, 5 + b + (y - 2016) / 4);
        v(code, 'rivm_difficulty_making_ends_meet', y, 20 - b);
        if (gm === '0001') v(code, 'lbm_onv', y, 0.01 * b - (y - 2016) / 400);
      }
    }
  const engine = createEngine(buurten, values);
  engine.table.setUncarriedSources(uncarried);
  return engine;
}

const lbm2020 = (over: Partial<UncarriedSource> = {}): UncarriedSource => ({
  gemeente: 'GM0002',
  family: 'lbm',
  year: 2020,
  indicators: ['lbm_onv', 'lbm_total'],
  fromDivision: 2021,
  toDivision: 2020,
  buurten: 3,
  ...over,
});

describe('nuisanceMissing(engine, result, row) for a gemeente without any nuisance value', () => {
  const kindFor = (uncarried: readonly UncarriedSource[]) => {
    const engine = engineWith(uncarried);
    const r = engine.period({ t0: 2016, t1: 2020 });
    return nuisanceMissing(engine, r, 3); // BU00020000
  };

  it('says "source not loaded" when no loaded file has the measure for the gemeente', () => {
    expect(kindFor([])).toEqual({ kind: 'not-loaded', family: 'lbm' });
  });

  it('says "buurt not in the source" when a loaded file has the measure for the gemeente on a division not carried over, in a year of the period', () => {
    expect(kindFor([lbm2020()])).toEqual({ kind: 'not-in-source', family: 'lbm' });
  });

  it('keeps "source not loaded" when that file is of a year outside the period or of another gemeente', () => {
    expect(kindFor([lbm2020({ year: 2024 })]).kind).toBe('not-loaded');
    expect(kindFor([lbm2020({ gemeente: 'GM0001' })]).kind).toBe('not-loaded');
  });

  it('says "not published" when that file covers the gemeente without the measure: the source is loaded, the measure is not in it', () => {
    expect(kindFor([lbm2020({ indicators: ['lbm_total'] })])).toEqual({
      kind: 'not-published',
      family: 'lbm',
    });
  });
});
