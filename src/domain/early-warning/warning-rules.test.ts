import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrinted } from '../engine/explain-numbers.js';
import {
  VEERKRACHT_CLASS_IDS,
  VEERKRACHT_CLASSES,
  type VeerkrachtClassId,
} from '../engine/veerkracht-classes.js';
import { EarlyWarningConfigSchema, type EarlyWarningConfig } from './early-warning-config.js';
import { rankWarnings } from './rank-warnings.js';
import {
  classWorsenedFigures,
  concentrationRisingFigures,
  nearThresholdFigures,
  nuisanceAgainstFigures,
  reasonText,
} from './reason-text.js';
import type { BuurtSignals, PeriodSignal } from './warning-signals.js';
import { previousPeriod } from './warning-signals.js';
import { evaluateRules, type WarningReason } from './warning-rules.js';

const TAU = { concentration: 0.25, nuisance: 0.25 };

/**
 * Changes as the engine gives them: rounded to STANDARDISED_DECIMALS (9), often to fewer,
 * sometimes exactly at or a hair from a threshold.
 */
const change = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((i) => i / 1000),
  fc.constantFrom(0, 0.25, -0.25, 0.15, 0.1500001, 0.2499999, 0.2500001, 1e-9, -1e-9, 0.249999999),
  fc.double({ min: -2, max: 2, noNaN: true }).map((v) => Math.round(v * 1e9) / 1e9 + 0),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
const classId = fc.constantFrom<VeerkrachtClassId>(...VEERKRACHT_CLASS_IDS);
const measure = fc.constantFrom('lbm_onv', 'rivm_noise_neighbours');

function periodSignal(t0: number, t1: number): fc.Arbitrary<PeriodSignal> {
  return fc.record({
    period: fc.constant({ t0, t1 }),
    classId,
    classDK: maybe(change),
    classDO: maybe(change),
    dK: maybe(change),
    dO: maybe(change),
    measure: maybe(measure),
    restO: maybe(change),
    restBuurten: fc.integer({ min: 1, max: 60 }),
  });
}

const signals: fc.Arbitrary<BuurtSignals> = fc.record({
  row: fc.nat(100),
  code: fc.integer({ min: 0, max: 9999 }).map((i) => `BU0917${String(i).padStart(4, '0')}`),
  name: fc.constant('Buurt'),
  gemeente: fc.constant('GM0917'),
  inhabitants: maybe(fc.integer({ min: 0, max: 5000 })),
  current: periodSignal(2016, 2020),
  previous: fc.option(periodSignal(2012, 2016), { nil: null, freq: 8 }),
});

const config: fc.Arbitrary<EarlyWarningConfig> = fc
  .record({
    reading: fc.constantFrom('absolute' as const, 'relative' as const),
    margin: fc.constantFrom(0.05, 0.1, 0.2),
    minRise: fc.constantFrom(0, 0, 0.05),
    minImprovement: fc.constantFrom(0, 0.02),
  })
  .map((c) =>
    EarlyWarningConfigSchema.parse({
      reading: c.reading,
      nearThreshold: { margin: c.margin },
      concentrationRising: { minRise: c.minRise },
      nuisanceAgainstGemeente: { minRise: c.minRise, minImprovement: c.minImprovement },
    }),
  );

/** The signed numbers printed in a text ("+0,21", "−0,05"), parsed back. */
function printedChanges(text: string): number[] {
  return [...text.matchAll(/[+−]\d+(?:,\d+)?/g)].map((m) => parsePrinted(m[0].replace('+', ''), 'nl'));
}

const sev = (id: VeerkrachtClassId) => VEERKRACHT_CLASSES[id].severity;

/** The figures shown beside a reason's text (the web page's chips). */
function figuresOf(r: WarningReason, l: 'nl' | 'en'): (string | null)[] {
  switch (r.rule) {
    case 'class-worsened':
      return Object.values(classWorsenedFigures(r, l));
    case 'near-threshold':
      return Object.values(nearThresholdFigures(r, l));
    case 'concentration-rising':
      return Object.values(concentrationRisingFigures(r, l));
    case 'nuisance-against-gemeente':
      return Object.values(nuisanceAgainstFigures(r, l));
  }
}

/** What each reason's text claims, checked against the reason's own numbers. */
function checkReason(r: WarningReason, c: EarlyWarningConfig): void {
  const nl = reasonText(r, 'nl');
  const en = reasonText(r, 'en');
  // the figures beside the text are the text's own numbers, printed alike
  for (const [text, l] of [
    [nl, 'nl'],
    [en, 'en'],
  ] as const)
    for (const figure of figuresOf(r, l)) if (figure !== null) expect(text).toContain(figure);
  switch (r.rule) {
    case 'class-worsened': {
      expect(sev(r.currentClass)!).toBeGreaterThan(sev(r.previousClass)!);
      expect(nl).toContain(VEERKRACHT_CLASSES[r.previousClass].labelNl);
      expect(nl).toContain(VEERKRACHT_CLASSES[r.currentClass].labelNl);
      const above = Number(r.dK > TAU.concentration) + Number(r.dO > TAU.nuisance);
      expect(nl.split('; ').filter((p) => / boven de drempel/.test(p) && !/niet boven/.test(p)).length).toBe(
        above,
      );
      break;
    }
    case 'near-threshold': {
      expect(r.value).toBeLessThanOrEqual(r.threshold);
      expect(r.value).toBeGreaterThan(r.threshold - r.margin);
      expect(r.value).toBeGreaterThan(r.previousValue);
      const [now, before] = printedChanges(nl).concat(0, 0);
      if (/steeg|nam toe/.test(nl)) expect(r.value).toBeGreaterThan(0);
      if (/daalde|nam af/.test(nl)) expect(r.value).toBeLessThan(0);
      if (nl.includes('net onder de drempel')) expect(r.value).toBeLessThan(r.threshold);
      if (nl.includes('precies op de drempel')) expect(r.value).toBe(r.threshold);
      // the printed numbers read as the comparisons were made
      if (r.value !== 0) expect(Math.sign(now!)).toBe(Math.sign(r.value));
      if (r.value !== 0 && r.previousValue !== 0) expect(now!).toBeGreaterThan(before!);
      if (r.value < r.threshold) expect(now!).toBeLessThan(r.threshold);
      break;
    }
    case 'concentration-rising': {
      expect(nl).toContain('stijgt twee perioden op rij');
      expect(en).toContain('two periods in a row');
      expect(r.previousValue).toBeGreaterThan(c.concentrationRising.minRise);
      expect(r.value).toBeGreaterThan(c.concentrationRising.minRise);
      const printed = printedChanges(nl);
      expect(printed).toHaveLength(2);
      for (const p of printed) expect(p).toBeGreaterThan(c.concentrationRising.minRise);
      break;
    }
    case 'nuisance-against-gemeente': {
      expect(nl).toMatch(/nam in .* toe .*afnam/);
      expect(r.value).toBeGreaterThan(0);
      expect(r.restMean).toBeLessThan(0);
      const [own, rest] = printedChanges(nl);
      expect(own!).toBeGreaterThan(0);
      expect(rest!).toBeLessThan(0);
      break;
    }
  }
}

describe('early-warning rules', () => {
  it('a reason never says more than its numbers (fast-check over signals and rule sets)', () => {
    fc.assert(
      fc.property(signals, config, (s, c) => {
        for (const r of evaluateRules(s, c, TAU)) checkReason(r, c);
      }),
      { numRuns: 3000 },
    );
  });

  it('"stijgt twee perioden op rij" exactly when both ΔK exceed the minimum rise', () => {
    fc.assert(
      fc.property(signals, config, (s, c) => {
        const fired = evaluateRules(s, c, TAU).some((r) => r.rule === 'concentration-rising');
        const prev = s.previous?.dK ?? null;
        const now = s.current.dK;
        const min = c.concentrationRising.minRise;
        expect(fired).toBe(prev !== null && now !== null && prev > min && now > min);
      }),
      { numRuns: 2000 },
    );
  });

  it('nuisance against the gemeente exactly when ΔO rose and the rest of the gemeente improved', () => {
    fc.assert(
      fc.property(signals, config, (s, c) => {
        const fired = evaluateRules(s, c, TAU).some((r) => r.rule === 'nuisance-against-gemeente');
        const { dO, restO, measure: m } = s.current;
        const { minRise, minImprovement } = c.nuisanceAgainstGemeente;
        expect(fired).toBe(
          dO !== null && restO !== null && m !== null && dO > minRise && restO < -minImprovement,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('class worsened only between two data classes, to a more severe one', () => {
    fc.assert(
      fc.property(signals, config, (s, c) => {
        const fired = evaluateRules(s, c, TAU).some((r) => r.rule === 'class-worsened');
        const before = s.previous ? sev(s.previous.classId) : null;
        const now = sev(s.current.classId);
        const known = s.current.classDK !== null && s.current.classDO !== null;
        expect(fired).toBe(before !== null && now !== null && known && now > before);
      }),
      { numRuns: 2000 },
    );
  });

  it('a disabled rule never fires', () => {
    const off = EarlyWarningConfigSchema.parse({
      classWorsened: { enabled: false },
      nearThreshold: { enabled: false },
      concentrationRising: { enabled: false },
      nuisanceAgainstGemeente: { enabled: false },
    });
    fc.assert(
      fc.property(signals, (s) => {
        expect(evaluateRules(s, off, TAU)).toEqual([]);
      }),
    );
  });

  it('words a worked example with its numbers', () => {
    const c = EarlyWarningConfigSchema.parse({});
    const base: PeriodSignal = {
      period: { t0: 2012, t1: 2016 },
      classId: 'stabiel-of-verbeterd',
      classDK: 0.1,
      classDO: -0.05,
      dK: 0.1,
      dO: -0.05,
      measure: 'lbm_onv',
      restO: -0.02,
      restBuurten: 12,
    };
    const s: BuurtSignals = {
      row: 0,
      code: 'BU09170001',
      name: 'Centrum',
      gemeente: 'GM0917',
      inhabitants: 1500,
      previous: base,
      current: {
        ...base,
        period: { t0: 2016, t1: 2020 },
        classId: 'meer-overlast',
        classDK: 0.2,
        classDO: 0.4,
        dK: 0.2,
        dO: 0.4,
        restO: -0.1,
      },
    };
    const texts = evaluateRules(s, c, TAU).map((r) => reasonText(r, 'nl'));
    expect(texts).toEqual([
      'Klasse verslechterd: van ‘Stabiel of verbeterd’ in 2012–2016 naar ‘Meer overlast zonder meer kwetsbaren’ ' +
        'in 2016–2020 (concentratie +0,20 SD, niet boven de drempel van 0,25; overlast +0,40 SD, boven de drempel van 0,25).',
      'Dicht bij de drempel: de concentratie kwetsbare bewoners steeg met +0,20 SD in 2016–2020, net onder de ' +
        'drempel van 0,25 SD (marge 0,10), en meer dan in 2012–2016 (+0,10 SD).',
      'De concentratie kwetsbare bewoners stijgt twee perioden op rij: +0,10 SD in 2012–2016 en +0,20 SD in 2016–2020.',
      'De overlast en onveiligheid nam in 2016–2020 toe (+0,40 SD, Leefbaarometer onv), terwijl die in de rest ' +
        'van de gemeente afnam (gemiddeld −0,10 SD over 12 buurten).',
    ]);
  });
});

describe('rankWarnings', () => {
  it('orders by score, then severity, then the larger change, then code — whatever the input order', () => {
    fc.assert(
      fc.property(fc.array(signals, { maxLength: 30 }), config, (list, c) => {
        const unique = [...new Map(list.map((s) => [s.code, s])).values()];
        const a = rankWarnings(unique, c, TAU).map((e) => e.signals.code);
        const b = rankWarnings([...unique].reverse(), c, TAU).map((e) => e.signals.code);
        expect(b).toEqual(a);
        const ranked = rankWarnings(unique, c, TAU);
        for (let i = 1; i < ranked.length; i++)
          expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
        for (const e of ranked) expect(e.reasons.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('previousPeriod', () => {
  it('is the equally long period ending where the current one starts', () => {
    expect(previousPeriod({ t0: 2016, t1: 2020 })).toEqual({ t0: 2012, t1: 2016 });
    expect(previousPeriod({ t0: 2019, t1: 2024 })).toEqual({ t0: 2014, t1: 2019 });
  });
});
