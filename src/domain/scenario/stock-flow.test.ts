import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, type ScenarioBuurt } from './run-scenario.js';
import { BASE_DEFAULTS, type ScenarioSpec } from './scenario-spec.js';
import {
  splitConcentration,
  startStock,
  steadyLettingShare,
  stepYear,
  type YearFlows,
} from './stock-flow.js';

const stockArb = fc
  .record({
    dwellings: fc.double({ min: 0, max: 5000, noNaN: true }),
    c: fc.double({ min: 0, max: 1, noNaN: true }),
    V: fc.double({ min: 0, max: 1, noNaN: true }),
    ratio: fc.double({ min: 1, max: 5, noNaN: true }),
  })
  .map((s) => startStock(s.dwellings, s.c, s.V, s.ratio));

const flowsArb: fc.Arbitrary<YearFlows> = fc.record({
  turnover: fc.double({ min: 0, max: 0.3, noNaN: true }),
  moveOutRatio: fc.double({ min: 0.5, max: 2, noNaN: true }),
  lettingShare: fc.double({ min: 0, max: 1, noNaN: true }),
  salesRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  demolitionRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  addCorp: fc.double({ min: 0, max: 100, noNaN: true }),
  addOther: fc.double({ min: 0, max: 100, noNaN: true }),
  otherTargetShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

const spec = (over: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  ...BASE_DEFAULTS,
  name: 'test',
  spread: null,
  addSocial: null,
  addMiddle: null,
  ...over,
});

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('stock-flow model, one year', () => {
  it('conserves dwellings: corporation stock + additions − sales − demolitions, total + additions − demolitions', () => {
    fc.assert(
      fc.property(stockArb, flowsArb, (s, f) => {
        const r = stepYear(s, f);
        expect(close(r.stock.corp, s.corp + f.addCorp - r.sold - r.demolished)).toBe(true);
        expect(close(r.stock.other, s.other + f.addOther + r.sold)).toBe(true);
        expect(
          close(r.stock.corp + r.stock.other, s.corp + s.other + f.addCorp + f.addOther - r.demolished),
        ).toBe(true);
        expect(close(r.demolished, f.demolitionRate * s.corp)).toBe(true);
        expect(r.sold).toBeLessThanOrEqual(r.vacancies + 1e-9);
      }),
    );
  });

  it('keeps target-group households within 0–100 % of each stock', () => {
    fc.assert(
      fc.property(stockArb, flowsArb, (s, f) => {
        const r = stepYear(s, f).stock;
        expect(r.corpTarget).toBeGreaterThanOrEqual(0);
        expect(r.corpTarget).toBeLessThanOrEqual(r.corp + 1e-9);
        expect(r.otherTarget).toBeGreaterThanOrEqual(0);
        expect(r.otherTarget).toBeLessThanOrEqual(r.other + 1e-9);
      }),
    );
  });

  it('keeps the mix when the letting share is the steady one', () => {
    fc.assert(
      fc.property(
        stockArb.filter((s) => s.corp > 1),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (s, turnover, r) => {
          const v = s.corpTarget / s.corp;
          const next = stepYear(s, {
            turnover,
            moveOutRatio: r,
            lettingShare: steadyLettingShare(v, r),
            salesRate: 0,
            demolitionRate: 0,
            addCorp: 0,
            addOther: 0,
            otherTargetShare: 0,
          }).stock;
          expect(next.corpTarget / next.corp).toBeCloseTo(v, 9);
        },
      ),
    );
  });

  it('splits a concentration so that the buurt total is kept', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        (V, c, ratio) => {
          const s = splitConcentration(V, c, ratio);
          expect(s.corp).toBeGreaterThanOrEqual(0);
          expect(s.corp).toBeLessThanOrEqual(1);
          expect(s.other).toBeLessThanOrEqual(s.corp + 1e-12);
          if (c > 0 && c < 1) expect(c * s.corp + (1 - c) * s.other).toBeCloseTo(V, 9);
        },
      ),
    );
  });
});

const buurtArb: fc.Arbitrary<ScenarioBuurt> = fc.record({
  code: fc.constant('BU00000001'),
  name: fc.constant('Test'),
  gemeente: fc.constant('GM0001'),
  dwellings: fc.integer({ min: 1, max: 5000 }),
  corpShare: fc.double({ min: 0, max: 1, noNaN: true }),
  concentration: fc.double({ min: 0, max: 0.6, noNaN: true }),
});

const runInputs = fc.record({
  years: fc.integer({ min: 1, max: 15 }),
  turnover: fc.double({ min: 0, max: 0.3, noNaN: true }),
  moveOutRatio: fc.double({ min: 0.5, max: 2, noNaN: true }),
  salesRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  demolitionRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
});

const endOf = (b: ScenarioBuurt, s: ScenarioSpec) => runScenario([b], s).buurten[0]!.years.at(-1)!;

describe('stock-flow model over the years (monotone in its inputs)', () => {
  it('more lettings to the target group never gives a lower concentration, in any year', () => {
    fc.assert(
      fc.property(
        buurtArb,
        runInputs,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (b, inputs, a, c) => {
          const [lo, hi] = a <= c ? [a, c] : [c, a];
          const low = runScenario([b], spec({ ...inputs, lettingShare: lo })).buurten[0]!.years;
          const high = runScenario([b], spec({ ...inputs, lettingShare: hi })).buurten[0]!.years;
          for (let y = 0; y < low.length; y++) {
            expect(high[y]!.concentration!).toBeGreaterThanOrEqual(low[y]!.concentration! - 1e-12);
            expect(high[y]!.corpConcentration ?? 0).toBeGreaterThanOrEqual(
              (low[y]!.corpConcentration ?? 0) - 1e-12,
            );
          }
        },
      ),
    );
  });

  it('a higher move-out rate of the target group never gives a higher concentration', () => {
    fc.assert(
      fc.property(
        buurtArb,
        runInputs,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (b, inputs, share, r2) => {
          const [lo, hi] = inputs.moveOutRatio <= r2 ? [inputs.moveOutRatio, r2] : [r2, inputs.moveOutRatio];
          const slow = endOf(b, spec({ ...inputs, lettingShare: share, moveOutRatio: lo }));
          const fast = endOf(b, spec({ ...inputs, lettingShare: share, moveOutRatio: hi }));
          expect(fast.concentration!).toBeLessThanOrEqual(slow.concentration! + 1e-12);
        },
      ),
    );
  });

  it('a higher starting concentration never gives a lower one later', () => {
    fc.assert(
      fc.property(buurtArb, runInputs, fc.double({ min: 0, max: 0.6, noNaN: true }), (b, inputs, v2) => {
        const s = spec({ ...inputs, lettingShare: 0.3 });
        const [lo, hi] = b.concentration <= v2 ? [b.concentration, v2] : [v2, b.concentration];
        const a = endOf({ ...b, concentration: lo }, s);
        const c = endOf({ ...b, concentration: hi }, s);
        expect(c.concentration!).toBeGreaterThanOrEqual(a.concentration! - 1e-12);
      }),
    );
  });

  it('keeps every share of every year within 0–100 %, and dwellings conserved year on year', () => {
    fc.assert(
      fc.property(buurtArb, runInputs, fc.double({ min: 0, max: 1, noNaN: true }), (b, inputs, share) => {
        const s = spec({
          ...inputs,
          lettingShare: share,
          addSocial: { maxCorpShare: 1.01, ratePerYear: 0.02 },
        });
        const years = runScenario([b], s).buurten[0]!.years;
        for (const y of years) {
          for (const x of [y.concentration, y.corpConcentration, y.corpShare]) {
            if (x === null) continue;
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
        for (let t = 1; t < years.length; t++) {
          const demolished = s.demolitionRate * years[t - 1]!.corp;
          expect(years[t]!.dwellings).toBeCloseTo(
            years[t - 1]!.dwellings + 0.02 * b.dwellings - demolished,
            6,
          );
        }
      }),
    );
  });
});

describe('worked example (docs/method.md, "Scenario planner")', () => {
  it('reproduces the table: 1,000 dwellings, 60 % corporation, 20 % low income, half the lettings to the target group, 1 % sold a year', () => {
    const run = runScenario(
      [
        {
          code: 'BU00000001',
          name: 'Voorbeeld',
          gemeente: 'GM0001',
          dwellings: 1000,
          corpShare: 0.6,
          concentration: 0.2,
        },
      ],
      spec({ years: 5, lettingShare: 0.5, salesRate: 0.01 }),
    );
    const table = run.buurten[0]!.years.map((y) => [
      y.year,
      +y.corp.toFixed(1),
      +(y.dwellings - y.corp).toFixed(1),
      +(y.corpConcentration! * 100).toFixed(1),
      +(y.concentration! * 100).toFixed(1),
      +y.lettings.toFixed(1),
      +y.targetLettings.toFixed(1),
    ]);
    expect(table).toEqual([
      [0, 600, 400, 24.5, 20, 0, 0],
      [1, 594, 406, 26.2, 20.9, 39, 19.5],
      [2, 588.1, 411.9, 27.7, 21.8, 38.6, 19.3],
      [3, 582.2, 417.8, 29.2, 22.5, 38.2, 19.1],
      [4, 576.4, 423.6, 30.6, 23.2, 37.8, 18.9],
      [5, 570.6, 429.4, 31.8, 23.9, 37.5, 18.7],
    ]);
    expect(run.buurten[0]!.changePoints).toBeCloseTo(3.86, 2);
    expect(run.buurten[0]!.projectedClass).toBe('stijgt-sterk');
    const basis = runScenario(
      [
        {
          code: 'BU00000001',
          name: 'Voorbeeld',
          gemeente: 'GM0001',
          dwellings: 1000,
          corpShare: 0.6,
          concentration: 0.2,
        },
      ],
      spec({ years: 5, salesRate: 0.01 }),
    ).buurten[0]!;
    expect(basis.lettingShare).toBeCloseTo(0.245, 3);
    expect(basis.years[5]!.corpConcentration).toBeCloseTo(basis.years[0]!.corpConcentration!, 12);
    expect(+(basis.years[5]!.concentration! * 100).toFixed(1)).toBe(19.7);
    expect(basis.projectedClass).toBe('stabiel');
  });
});
