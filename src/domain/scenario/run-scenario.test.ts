import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentrationPercentile, projectedClass, runScenario, type ScenarioBuurt } from './run-scenario.js';
import { BASE_DEFAULTS, presetScenarios, type ScenarioSpec } from './scenario-spec.js';

const spec = (over: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  ...BASE_DEFAULTS,
  name: 'test',
  spread: null,
  addSocial: null,
  addMiddle: null,
  ...over,
});

const buurt = (
  code: string,
  corpShare: number,
  concentration: number,
  gemeente = 'GM0001',
): ScenarioBuurt => ({
  code,
  name: code,
  gemeente,
  dwellings: 1000,
  corpShare,
  concentration,
});

const three = [buurt('BU1', 0.8, 0.3), buurt('BU2', 0.4, 0.1), buurt('BU3', 0.1, 0.05)];

describe('scenarios over an area', () => {
  it('basis (current mix continues, nothing added) keeps every buurt where it is', () => {
    const run = runScenario(three, spec());
    for (const b of run.buurten) {
      expect(b.changePoints).toBeCloseTo(0, 9);
      expect(b.projectedClass).toBe('stabiel');
    }
    expect(run.total.at(-1)!.concentration).toBeCloseTo(run.total[0]!.concentration!, 12);
    expect(run.total[0]!.dwellings).toBe(3000);
    expect(run.total[0]!.concentration).toBeCloseTo((300 + 100 + 50) / 3000, 12);
  });

  it('spreiden moves target-group lettings from buurten above the threshold to those below, the gemeente total of them unchanged', () => {
    const basis = runScenario(three, spec({ years: 1 }));
    const spread = runScenario(three, spec({ years: 1, spread: { threshold: 0.2, reduction: 0.5 } }));
    expect(spread.buurten.map((b) => b.policies)).toEqual([['spread-from'], ['spread-to'], ['spread-to']]);
    const [a, b, c] = spread.buurten.map((x) => x.years[1]!.targetLettings);
    const [a0, b0, c0] = basis.buurten.map((x) => x.years[1]!.targetLettings);
    expect(a).toBeCloseTo(a0! / 2, 9);
    expect(b! + c!).toBeCloseTo(b0! + c0! + a0! / 2, 9);
    expect(spread.total[1]!.targetLettings).toBeCloseTo(basis.total[1]!.targetLettings, 9);
    expect(spread.total[1]!.unplaced).toBe(0);
    expect(spread.buurten[0]!.changePoints).toBeLessThan(0);
    expect(spread.buurten[1]!.changePoints).toBeGreaterThan(0);
  });

  it('spreiden never moves lettings across gemeenten', () => {
    const area = [buurt('BU1', 0.8, 0.3, 'GM0001'), buurt('BU2', 0.4, 0.1, 'GM0002')];
    const run = runScenario(area, spec({ years: 3, spread: { threshold: 0.2, reduction: 0.5 } }));
    expect(run.gemeenten.find((g) => g.gemeente === 'GM0001')!.years[1]!.unplaced).toBeGreaterThan(0);
    expect(run.buurten[1]!.changePoints).toBeCloseTo(0, 9);
  });

  it('more spreading never raises a buurt above the threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const less = runScenario(three, spec({ spread: { threshold: 0.2, reduction: lo } })).buurten[0]!;
          const more = runScenario(three, spec({ spread: { threshold: 0.2, reduction: hi } })).buurten[0]!;
          expect(more.years.at(-1)!.concentration!).toBeLessThanOrEqual(
            less.years.at(-1)!.concentration! + 1e-12,
          );
        },
      ),
    );
  });

  it('toevoegen adds social rent only where there is little, middle rent only where there is much', () => {
    const [, , toevoegen] = presetScenarios(0.2);
    const run = runScenario(three, { ...toevoegen!, years: 10 });
    expect(run.buurten.map((b) => b.policies)).toEqual([['add-middle'], [], ['add-social']]);
    expect(run.buurten[2]!.years[10]!.corp).toBeCloseTo(100 + 10 * 10, 6);
    expect(run.buurten[0]!.years[10]!.dwellings).toBeCloseTo(1000 + 10 * 10, 6);
    expect(run.buurten[0]!.changePoints).toBeLessThan(0); // new middle rent with 5 % target group dilutes 30 %
    expect(run.total[10]!.dwellings).toBeCloseTo(3000 + 200, 6);
  });

  it('classes the change in points', () => {
    expect([-3, -2, -1, -0.5, 0, 0.49, 0.5, 1.99, 2].map(projectedClass)).toEqual([
      'daalt-sterk',
      'daalt-sterk',
      'daalt',
      'daalt',
      'stabiel',
      'stabiel',
      'stijgt',
      'stijgt',
      'stijgt-sterk',
    ]);
  });

  it('takes the spreading threshold from the data: the 75th percentile, to half a point', () => {
    expect(concentrationPercentile(three, 0.75)).toBe(0.2);
    expect(concentrationPercentile([buurt('BU1', 0.5, 0.123)], 0.75)).toBe(0.125);
    expect(concentrationPercentile([], 0.75)).toBe(0);
  });
});
