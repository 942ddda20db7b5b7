import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from './buurt-table.js';
import { areaFigures } from './compare-areas.js';
import { createEngine } from './veerkracht-engine.js';
import { engineValue } from './engine-value.fixture.js';

const P = { t0: 2016, t1: 2020 };

/** GM0001 with inhabitants and corporation shares; GM0002 with neither (both with RIVM and onv). */
function engine() {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const v = (areaCode: string, indicator: string, year: number, value: number | null) =>
    values.push(engineValue(areaCode, indicator, year, value));
  for (const gm of ['0001', '0002']) {
    for (let b = 0; b < 3; b++) {
      const code = `BU${gm}00${String(b).padStart(2, '0')}`;
      buurten.push({ code, name: code, gemeente: `GM${gm}` });
      if (gm === '0001') {
        v(code, 'inhabitants', 2020, 1000);
        v(code, 'corporation_share', 2020, 40 * b);
      }
      for (const [y, d] of [
        [2016, 0],
        [2020, 1],
      ] as const) {
        v(code, 'rivm_high_risk_anxiety_depression', y, 5 + b + d);
        v(code, 'rivm_difficulty_making_ends_meet', y, 20 + b - d);
      }
      v(code, 'lbm_onv', 2018, 0.01 * b);
      v(code, 'lbm_onv', 2020, 0.01 * b);
    }
  }
  return createEngine(buurten, values);
}

describe('areaFigures(engine, rows, period)', () => {
  const e = engine();

  it('sums only known populations: an area without any is null, never 0', () => {
    const known = areaFigures(e, e.table.byGemeente().get('GM0001')!, P);
    expect(known).toMatchObject({ inhabitants: 3000, buurtenWithoutPopulation: 0, corporatiebuurten: 1 });
    const unknown = areaFigures(e, e.table.byGemeente().get('GM0002')!, P);
    expect(unknown).toMatchObject({
      inhabitants: null,
      buurtenWithoutPopulation: 3,
      corporatiebuurten: null,
    });
    // the buurten of unknown population are not classified; their class has no inhabitants figure
    const insufficient = unknown.perClass.find((c) => c.classId === 'onvoldoende-gegevens')!;
    expect(insufficient).toMatchObject({ buurten: 3, inhabitants: null });
    expect(unknown.perClass.find((c) => c.classId === 'veerkrachtig')).toMatchObject({
      buurten: 0,
      inhabitants: 0,
    });
  });

  it('takes the mean index in the last year of the period with an index for the area, and names that year', () => {
    const rows = e.table.byGemeente().get('GM0001')!;
    const at2020 = areaFigures(e, rows, P);
    expect(at2020).toMatchObject({
      meanIndexYear: 2020,
      meanIndexWeighted: true,
      corporatiebuurtenYear: 2020,
    });
    expect(at2020.meanIndex).not.toBeNull();
    // RIVM 2016 and 2020 carry two years at most: in 2016–2025 the last year with an index is 2022
    const toLate = areaFigures(e, rows, { t0: 2016, t1: 2025 });
    expect(toLate.meanIndexYear).toBe(2022);
    expect(toLate.meanIndex).toBe(areaFigures(e, rows, { t0: 2016, t1: 2022 }).meanIndex);
    // a period past the index's reach: no figure and no year, never 0
    expect(areaFigures(e, rows, { t0: 2023, t1: 2025 })).toMatchObject({
      meanIndex: null,
      meanIndexYear: null,
    });
    // without known populations the mean is unweighted, and says so
    const unknown = areaFigures(e, e.table.byGemeente().get('GM0002')!, P);
    expect(unknown).toMatchObject({
      meanIndexYear: 2020,
      meanIndexWeighted: false,
      corporatiebuurtenYear: null,
    });
    expect(areaFigures(e, rows, { t0: 2023, t1: 2025 }).meanIndexWeighted).toBeNull();
  });

  it('never reports −0', () => {
    const f = areaFigures(e, e.table.byGemeente().get('GM0001')!, P);
    for (const v of [f.meanIndex, f.correlationCorporationNuisance])
      if (v !== null) expect(Object.is(v, -0)).toBe(false);
  });
});
