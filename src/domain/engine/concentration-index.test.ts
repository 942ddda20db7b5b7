import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from './buurt-table.js';
import { createEngine } from './veerkracht-engine.js';

const buurten: BuurtInfo[] = ['BU00010001', 'BU00010002', 'BU00010003', 'BU00020001'].map((code) => ({
  code,
  name: code,
  gemeente: `GM${code.slice(2, 6)}`,
}));
const v = (areaCode: string, indicator: string, year: number, value: number | null): EngineValueInput => ({
  areaCode,
  indicator,
  year,
  value,
  flags: value === null ? 1 : 0,
  edition: `test ${year}`,
  table: null,
  sourceColumn: indicator,
});

function values(): EngineValueInput[] {
  const out: EngineValueInput[] = [];
  const pops = [1000, 1000, 2000, 1000];
  buurten.forEach((b, i) => {
    for (const y of [2016, 2020]) {
      out.push(v(b.code, 'inhabitants', y, pops[i]!));
      out.push(
        v(b.code, 'inhabitants_15_24', y, 100),
        v(b.code, 'inhabitants_25_44', y, 200),
        v(b.code, 'inhabitants_45_64', y, 200),
      );
    }
  });
  // social assistance per 1,000 aged 15–64 (500 in band): 2016 → 20, 40, 60, 80; 2020 → 20, 40, 60, 120
  [10, 20, 30, 40].forEach((n, i) => out.push(v(buurten[i]!.code, 'social_assistance_persons', 2016, n)));
  [10, 20, 30, 60].forEach((n, i) => out.push(v(buurten[i]!.code, 'social_assistance_persons', 2020, n)));
  // RIVM anxiety (%): the same in both years
  [5, 10, 15, null].forEach((p, i) => {
    out.push(v(buurten[i]!.code, 'rivm_high_risk_anxiety_depression', 2016, p));
    out.push(v(buurten[i]!.code, 'rivm_high_risk_anxiety_depression', 2020, p));
  });
  return out;
}

describe('the concentration index', () => {
  const engine = createEngine(buurten, values(), { minComponents: 1 });

  it('derives rates from numerator and the 15–64 age band, per 1,000', () => {
    expect([...engine.table.get('social_assistance_per_1000_15_64', 2016)!.values]).toEqual([20, 40, 60, 80]);
  });

  // weights 1000, 1000, 2000, 1000 → base-year (2016) mean (20+40+120+80)/5 = 52
  const sd2016 = Math.sqrt((1000 * 32 ** 2 + 1000 * 12 ** 2 + 2000 * 8 ** 2 + 1000 * 28 ** 2) / 5000);

  it('puts each component on the fixed scale of its base year (population-weighted mean and SD of the first year)', () => {
    const c = engine.config.components.find((x) => x.id === 'social-assistance')!;
    const scale = engine.index.scale(c, 2020)!;
    expect(scale).toMatchObject({ indicator: 'social_assistance_per_1000_15_64', year: 2016 });
    expect(scale.mean).toBeCloseTo(52, 10);
    expect(scale.sd).toBeCloseTo(sd2016, 10);
    expect(engine.index.scaled(c, 2016)!.u[0]).toBeCloseTo((20 - 52) / sd2016, 10);
    // 2020 on the 2016 scale: the 4th buurt rose from 80 to 120 per 1,000
    expect(engine.index.scaled(c, 2020)!.u[3]).toBeCloseTo((120 - 52) / sd2016, 10);
  });

  it('averages the components present (weights equal) and needs minComponents', () => {
    const level = engine.level(2016);
    expect(level.counts[3]).toBe(1); // no RIVM value for the 4th buurt
    const strict = createEngine(buurten, values(), { minComponents: 2 });
    expect(Number.isNaN(strict.level(2016).values[3]!)).toBe(true);
    expect(Number.isNaN(strict.level(2016).values[0]!)).toBe(false);
  });

  it('ΔK is the mean of the components’ own changes divided by their base-year SD: absolute, not against the country', () => {
    const ch = engine.index.change(2016, 2020);
    const sa = ch.components.find((c) => c.id === 'social-assistance')!;
    const ax = ch.components.find((c) => c.id === 'anxiety-depression')!;
    expect(sa.years).toEqual([2016, 2020]);
    expect([...sa.raw!]).toEqual([0, 0, 0, 40]);
    // unchanged buurten change by exactly 0, whatever the 4th buurt did
    expect(ax.scaled![0]).toBe(0);
    expect(sa.scaled![0]).toBe(0);
    expect(ch.values[0]).toBe(0);
    expect(ch.values[3]).toBeCloseTo(40 / sd2016, 12);
  });

  it('flags a level whose component comes from another year (carried forward)', () => {
    const level = engine.level(2017); // no data in 2017: both components from 2016 (nearest, earlier on ties)
    expect(level.yearsUsed).toMatchObject({ 'social-assistance': 2016, 'anxiety-depression': 2016 });
    expect(level.otherYear[0]).not.toBe(0);
    expect(engine.level(2016).otherYear[0]).toBe(0);
  });

  it('treats a definition change inside the period as a break: left out unless bridged', () => {
    const extra = [
      ...values(),
      ...buurten.map((b, i) => v(b.code, 'low_income_households_share', 2020, 10 + i)),
      ...buurten.map((b, i) => v(b.code, 'persons_in_poverty_share', 2024, 3 + i)),
    ];
    const e = createEngine(buurten, extra, { minComponents: 1 });
    const low = e.index.change(2020, 2024).components.find((c) => c.id === 'low-income')!;
    expect(low).toMatchObject({ years: [2020, 2024], break: true, scaled: null, raw: null });
    const bridged = createEngine(buurten, extra, { minComponents: 1, bridgeBreaks: true });
    const b = bridged.index.change(2020, 2024).components.find((c) => c.id === 'low-income')!;
    expect(b.scaled).not.toBeNull();
    expect(b.raw).toBeNull(); // no change in own units across two definitions
  });

  it('rejects an invalid configuration with CONFIG_INVALID naming the field', () => {
    expect(() => createEngine(buurten, [], { thresholds: { concentration: -1, nuisance: 0.25 } })).toThrow(
      /thresholds\.concentration/,
    );
  });
});
