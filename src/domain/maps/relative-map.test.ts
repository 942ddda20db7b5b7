import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from '../engine/buurt-table.js';
import { createEngine } from '../engine/veerkracht-engine.js';
import { buildPeriodMap } from './build-period-map.js';
import { findMapSpec, type MapSpec } from './map-definitions.js';
import { engineValue } from '../engine/engine-value.fixture.js';
import { explainBuurt } from '../engine/explain-buurt.js';

/**
 * GM0001 and GM0002 of three buurten and GM0003 of one, all with inhabitants, the RIVM components
 * and Leefbaarometer onv in 2016 and 2020: every buurt has a change of both quantities.
 */
function engine() {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const v = (areaCode: string, indicator: string, year: number, value: number) =>
    values.push(engineValue(areaCode, indicator, year, value));
  for (const [gm, n] of [
    ['0001', 3],
    ['0002', 3],
    ['0003', 1],
  ] as const)
    for (let b = 0; b < n; b++) {
      const code = `BU${gm}000${b}`;
      buurten.push({ code, name: code, gemeente: `GM${gm}` });
      for (const y of [2016, 2020]) {
        v(code, 'inhabitants', y, 1000);
        v(code, 'rivm_high_risk_anxiety_depression', y, 5 + b + ((y - 2016) / 4) * (b + 1));
        v(code, 'rivm_difficulty_making_ends_meet', y, 20 - b + (y - 2016) / 4);
        v(code, 'lbm_onv', y, 0.01 * b - ((y - 2016) / 400) * (b + 1));
      }
    }
  return createEngine(buurten, values);
}

describe('the relative signal map of a buurt without other buurten in its gemeente', () => {
  const e = engine();
  const rows = e.table.byGemeente().get('GM0003')!;
  const period = { t0: 2016, t1: 2020 };
  const spec = (id: string) => findMapSpec(id) as Exclude<MapSpec, { kind: 'level' }>;

  it('says it has no buurt to compare with — not "no data": its own changes are there', () => {
    const absolute = buildPeriodMap(e, spec('veerkracht-absoluut'), rows, period);
    expect(absolute.features[0]!.missing).toBeNull(); // classified on its own changes
    const relative = buildPeriodMap(e, spec('veerkracht-relatief'), rows, period);
    expect(relative.features[0]).toMatchObject({
      missing: 'no-comparison',
      classId: 'no-comparison',
      label: 'Geen buurt om mee te vergelijken',
      labelEn: 'No buurt to compare with',
    });
    expect(relative.legend.at(-1)).toMatchObject({ classId: 'no-comparison', count: 1 });
    expect(relative.emptyReason).toMatchObject({
      code: 'no-values',
      kind: 'no-comparison',
      missingSources: [],
    });
    expect(relative.emptyReason!.nl).toContain('te weinig buurten met gegevens');
  });

  it('its explanation says the same: its absolute class, and no relative one for want of a buurt to compare with', () => {
    const row = rows[0]!;
    const absolute = buildPeriodMap(e, spec('veerkracht-absoluut'), rows, period).features[0]!;
    const text = explainBuurt(e, row, period, 'Gemeente 0003');
    expect(text.nl).toContain(
      `in de klasse “${absolute.label}” (absoluut) en “Geen buurt om mee te vergelijken” (relatief)`,
    );
    expect(text.nl).toContain('geen andere buurt met veranderingen van dezelfde maten');
    expect(text.en).toContain('“No buurt to compare with” (relative)');
    const other = explainBuurt(e, e.table.byGemeente().get('GM0001')![0]!, period, 'Gemeente 0001');
    expect(other.nl).not.toContain('Geen buurt om mee te vergelijken');
  });

  it('classifies the buurten of a gemeente with others to compare with', () => {
    const relative = buildPeriodMap(
      e,
      spec('veerkracht-relatief'),
      e.table.byGemeente().get('GM0001')!,
      period,
    );
    expect(relative.features.every((f) => f.missing === null)).toBe(true);
  });
});
