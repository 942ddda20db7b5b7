import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../core/records.js';
import type { BuurtInfo, EngineValueInput } from '../engine/buurt-table.js';
import { engineValue } from '../engine/engine-value.fixture.js';
import { createEngine } from '../engine/veerkracht-engine.js';
import { buildMap } from './build-map.js';
import { NINE_MAPS } from './map-definitions.js';

/**
 * Three gemeenten of three buurten, 2016 and 2020. GM0001 and GM0002 have the RIVM components;
 * in GM0001 the RIVM cells of BU00010002 are secret. Only GM0002 has a KWB component (low
 * incomes): no KWB file covers GM0001. GM0003 has neither source, only inhabitants.
 */
function engine() {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  for (const gm of ['0001', '0002', '0003'])
    for (let b = 0; b < 3; b++) {
      const code = `BU${gm}000${b}`;
      buurten.push({ code, name: code, gemeente: `GM${gm}` });
      for (const y of [2016, 2020]) {
        values.push(engineValue(code, 'inhabitants', y, 1000));
        values.push(engineValue(code, 'lbm_onv', y, 0.01 * b - (y - 2016) / 400));
        if (gm === '0003') continue;
        const secret = gm === '0001' && b === 2;
        for (const [indicator, value] of [
          ['rivm_high_risk_anxiety_depression', 5 + b + (y - 2016) / 4],
          ['rivm_difficulty_making_ends_meet', 20 - b],
        ] as const)
          values.push(
            engineValue(
              code,
              indicator,
              y,
              secret ? null : value,
              secret ? { flags: VALUE_FLAGS.suppressed } : {},
            ),
          );
        if (gm === '0002') values.push(engineValue(code, 'low_income_households_share', y, 10 + b));
      }
    }
  return createEngine(buurten, values);
}

const spec = (id: string) => NINE_MAPS.find((m) => m.id === id)!;

describe('why a buurt has no concentration index: its own components first', () => {
  const e = engine();
  const rowsOf = (gm: string) => e.table.byGemeente().get(gm)!;
  const missingOf = (map: string, gm: string, params: Parameters<typeof buildMap>[3]) =>
    Object.fromEntries(
      buildMap(e, spec(map), rowsOf(gm), params).features.map((f) => [f.code, f.missing ?? null]),
    );

  it('a buurt whose own component cells are secret is “Geheim”, not “Bron niet geladen” for a source no buurt of its gemeente has', () => {
    expect(missingOf('concentratie-kwetsbaren', 'GM0001', { year: 2020 })).toEqual({
      BU00010000: null,
      BU00010001: null,
      BU00010002: 'suppressed',
    });
    expect(missingOf('ontwikkeling-concentratie', 'GM0001', { period: { t0: 2016, t1: 2020 } })).toEqual({
      BU00010000: null,
      BU00010001: null,
      BU00010002: 'suppressed',
    });
  });

  it('a gemeente without any of the components: the source is not loaded, for every buurt', () => {
    const kinds = new Set(Object.values(missingOf('concentratie-kwetsbaren', 'GM0003', { year: 2020 })));
    expect(kinds).toEqual(new Set(['not-loaded']));
    const change = new Set(
      Object.values(missingOf('ontwikkeling-concentratie', 'GM0003', { period: { t0: 2016, t1: 2020 } })),
    );
    expect(change).toEqual(new Set(['not-loaded']));
  });
});
