import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from './buurt-table.js';
import { classifyChange, VEERKRACHT_CLASS_IDS, VEERKRACHT_CLASSES } from './veerkracht-classes.js';
import { createEngine } from './veerkracht-engine.js';

interface GenBuurt {
  pop: number;
  sa: [number, number];
  anx: [number | null, number | null];
  onv: [number | null, number | null];
}

const genBuurt: fc.Arbitrary<GenBuurt> = fc.record({
  pop: fc.integer({ min: 0, max: 4000 }),
  sa: fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })),
  anx: fc.tuple(fc.option(fc.integer({ min: 1, max: 40 }), { freq: 8 }), fc.option(fc.integer({ min: 1, max: 40 }), { freq: 8 })),
  onv: fc.tuple(fc.option(fc.integer({ min: -300, max: 300 }), { freq: 8 }), fc.option(fc.integer({ min: -300, max: 300 }), { freq: 8 })),
});
/** Gemeenten of 1–8 buurten. */
const genCountry = fc.array(fc.array(genBuurt, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });

function build(country: GenBuurt[][], firstGemeente = 1): { buurten: BuurtInfo[]; values: EngineValueInput[] } {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const v = (areaCode: string, indicator: string, year: number, value: number | null) =>
    values.push({ areaCode, indicator, year, value, flags: 0, edition: 'gen', table: null, sourceColumn: indicator });
  country.forEach((g, gi) => {
    const gm = String(firstGemeente + gi).padStart(4, '0');
    g.forEach((b, bi) => {
      const code = `BU${gm}00${String(bi).padStart(2, '0')}`;
      buurten.push({ code, name: code, gemeente: `GM${gm}` });
      [2016, 2020].forEach((y, yi) => {
        v(code, 'inhabitants', y, b.pop);
        v(code, 'inhabitants_15_24', y, Math.round(b.pop * 0.2));
        v(code, 'inhabitants_25_44', y, Math.round(b.pop * 0.2));
        v(code, 'inhabitants_45_64', y, Math.round(b.pop * 0.2));
        v(code, 'social_assistance_persons', y, b.sa[yi]!);
        v(code, 'rivm_high_risk_anxiety_depression', y, b.anx[yi]!);
        v(code, 'lbm_onv', y, b.onv[yi] === null ? null : b.onv[yi]! / 1000);
      });
    });
  });
  return { buurten, values };
}

const CONFIG = { minComponents: 1, minPopulation: 100 };
const P = { t0: 2016, t1: 2020 };

describe('classifyChange(dK, dO, tooFew, thresholds)', () => {
  const t = { concentration: 0.25, nuisance: 0.25 };
  it('applies the documented rule', () => {
    expect(classifyChange(0.5, 0.5, false, t)).toBe('veerkracht-onder-druk');
    expect(classifyChange(0.5, 0.25, false, t)).toBe('veerkrachtig');
    expect(classifyChange(0.25, 0.3, false, t)).toBe('meer-overlast');
    expect(classifyChange(-1, -1, false, t)).toBe('stabiel-of-verbeterd');
    expect(classifyChange(NaN, 1, false, t)).toBe('onvoldoende-gegevens');
    expect(classifyChange(1, 1, true, t)).toBe('te-weinig-inwoners');
  });

  it('raising dO never gives a better (lower-severity) class', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (dK, dO, up) => {
        const a = VEERKRACHT_CLASSES[classifyChange(dK, dO, false, t)].severity!;
        const b = VEERKRACHT_CLASSES[classifyChange(dK, dO + up, false, t)].severity!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe('the veerkracht classification (properties over generated countries)', () => {
  it('puts every buurt in exactly one class, in both versions, and the sensitivity counts are within n', () => {
    fc.assert(
      fc.property(genCountry, (country) => {
        const { buurten, values } = build(country);
        const r = createEngine(buurten, values, CONFIG).period(P);
        for (const version of [r.classification.absolute, r.classification.relative]) {
          expect(version.classes).toHaveLength(buurten.length);
          for (const c of version.classes) expect(VEERKRACHT_CLASS_IDS[c]).toBeDefined();
          expect(version.sensitivity.minus50).toBeLessThanOrEqual(buurten.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('raising only one buurt’s nuisance change never moves it to a better class (absolute)', () => {
    fc.assert(
      fc.property(genCountry, fc.nat(), fc.integer({ min: 1, max: 400 }), (country, pick, raise) => {
        const flat = country.flat();
        const target = flat[pick % flat.length]!;
        const row = pick % flat.length;
        const cls = (c: GenBuurt[][]) => {
          const { buurten, values } = build(c);
          return VEERKRACHT_CLASS_IDS[createEngine(buurten, values, CONFIG).period(P).classification.absolute.classes[row]!]!;
        };
        const a = cls(country);
        // more nuisance = lower onv at the end of the period
        const onv1 = target.onv[1];
        if (onv1 === null || target.onv[0] === null) return;
        const raised = country.map((g) => g.map((b) => (b === target ? { ...b, onv: [b.onv[0], onv1 - raise] as [number, number] } : b)));
        const b = cls(raised);
        const sa = VEERKRACHT_CLASSES[a].severity;
        const sb = VEERKRACHT_CLASSES[b].severity;
        if (sa === null || sb === null) expect(b).toBe(a);
        else expect(sb).toBeGreaterThanOrEqual(sa);
      }),
      { numRuns: 80 },
    );
  });

  it('relative and absolute agree when the gemeente’s change equals the national change', () => {
    fc.assert(
      fc.property(fc.array(genBuurt, { minLength: 1, maxLength: 8 }), (gemeente) => {
        // the country is the gemeente and an exact copy of it, so the national mean change equals the gemeente's
        const { buurten, values } = build([gemeente, gemeente]);
        const r = createEngine(buurten, values, { ...CONFIG, relativeReference: 'gemeente' }).period(P);
        expect([...r.classification.relative.classes]).toEqual([...r.classification.absolute.classes]);
      }),
      { numRuns: 80 },
    );
  });
});
