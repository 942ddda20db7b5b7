import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from './buurt-table.js';
import { formatPeriod } from './engine-config.js';
import { engineValue } from './engine-value.fixture.js';
import { createEngine } from './veerkracht-engine.js';

/**
 * Two buurten: the RIVM components in 2016 and 2020, the Leefbaarometer onv in 2016 and 2020,
 * and police crime (the fallback nuisance measure) in 2021–2025 with inhabitants of 2024 — as on
 * the national store.
 */
function engine() {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  for (let b = 0; b < 2; b++) {
    const code = `BU0001000${b}`;
    buurten.push({ code, name: code, gemeente: 'GM0001' });
    for (const y of [2016, 2020]) {
      values.push(engineValue(code, 'inhabitants', y, 1000));
      values.push(engineValue(code, 'rivm_high_risk_anxiety_depression', y, 5 + b));
      values.push(engineValue(code, 'rivm_difficulty_making_ends_meet', y, 20 - b));
      values.push(engineValue(code, 'lbm_onv', y, 0.01 * b));
    }
    values.push(engineValue(code, 'inhabitants', 2024, 1000));
    for (let y = 2021; y <= 2025; y++) values.push(engineValue(code, 'police_crimes', y, 30 + b + y - 2021));
  }
  return createEngine(buurten, values);
}

describe('changePeriods(quantity): the periods a change map of one quantity can be drawn for', () => {
  const e = engine();
  const labels = (periods: readonly { t0: number; t1: number }[]) => periods.map(formatPeriod);

  it('of the nuisance: every pair of its years, also where no component reaches (2021–2025 of the police figures)', () => {
    const nuisance = labels(e.changePeriods('nuisance'));
    expect(nuisance).toContain('2016-2020');
    expect(nuisance).toContain('2021-2025');
    expect(nuisance).toContain('2023-2025');
  });

  it('of the concentration: only the components’ years', () => {
    expect(labels(e.changePeriods('concentration'))).toEqual(['2016-2020']);
  });

  it('a classification needs both quantities: none ends in 2021–2025 without a component there', () => {
    const classification = labels(e.periods());
    expect(classification).toContain('2016-2020');
    expect(classification.filter((p) => Number(p.slice(0, 4)) >= 2021)).toEqual([]);
  });
});
