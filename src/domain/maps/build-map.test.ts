import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from '../engine/buurt-table.js';
import { createEngine } from '../engine/veerkracht-engine.js';
import { buildMap } from './build-map.js';
import { findMapSpec } from './map-definitions.js';

/**
 * Two gemeenten. GM0001 (5 buurten) has KWB from edition "KWB A" and a buurt with the
 * Leefbaarometer NA, one with a KWB '.', one with too few inhabitants; GM0002 (3 buurten) has its
 * corporation share from another edition ("KWB B") and no Leefbaarometer 2024, and GM0003 has no
 * KWB at all. RIVM for all in 2016/2020; Leefbaarometer onv 2018/2020 for all, 2024 only in GM0001;
 * police 2021/2024 for all.
 */
function fixture() {
  const buurten: BuurtInfo[] = [];
  const values: EngineValueInput[] = [];
  const v = (
    areaCode: string,
    indicator: string,
    year: number,
    value: number | null,
    edition: string,
    flags = value === null ? 1 : 0,
  ) =>
    values.push({ areaCode, indicator, year, value, flags, edition, table: null, sourceColumn: indicator });
  const gemeenten = [
    { gm: '0001', n: 5, kwb: 'KWB A' },
    { gm: '0002', n: 3, kwb: 'KWB B' },
    { gm: '0003', n: 2, kwb: null },
  ];
  for (const { gm, n, kwb } of gemeenten) {
    for (let b = 0; b < n; b++) {
      const code = `BU${gm}00${String(b).padStart(2, '0')}`;
      buurten.push({ code, name: `Buurt ${gm}-${b}`, gemeente: `GM${gm}` });
      const pop = gm === '0001' && b === 4 ? 120 : 1000 + 100 * b;
      v(code, 'inhabitants', 2020, pop, 'KWB 2020');
      v(code, 'inhabitants', 2024, pop, 'KWB 2024');
      if (kwb) {
        v(code, 'corporation_share', 2019, gm === '0001' && b === 3 ? null : 20 * b, kwb);
        // the KWB edition publishes inhabitants but no income for GM0002 in 2019
        if (gm === '0001') v(code, 'low_income_households_share', 2019, 10 + b, kwb);
        else v(code, 'inhabitants_0_14', 2019, 100, kwb);
      }
      v(code, 'rivm_high_risk_anxiety_depression', 2016, 5 + b, 'RIVM');
      v(code, 'rivm_high_risk_anxiety_depression', 2020, 5 + b + (b % 2 ? 1 : -1), 'RIVM');
      v(code, 'rivm_difficulty_making_ends_meet', 2016, 20 + b, 'RIVM');
      v(code, 'rivm_difficulty_making_ends_meet', 2020, 18 + b, 'RIVM');
      const na = gm === '0001' && b === 2;
      v(code, 'lbm_onv', 2018, na ? null : 0.01 * b, 'LBM 2020');
      v(code, 'lbm_onv', 2020, na ? null : 0.01 * b - 0.05, 'LBM 2020');
      if (gm === '0001') v(code, 'lbm_onv', 2024, 0.01 * b - 0.02, 'LBM 2024');
      v(code, 'police_crimes', 2021, 50, 'Politie');
      v(code, 'police_crimes', 2024, 60 + b, 'Politie');
    }
  }
  return { buurten, values };
}

const { buurten, values } = fixture();
const engine = createEngine(buurten, values);
const rows = (gm: string) => engine.table.byGemeente().get(gm)!;
const spec = (id: string) => findMapSpec(id)!;

describe('buildMap: kinds of missing, sources and scope per area', () => {
  it('gives each buurt without a value its kind of missing, with a legend entry per kind that occurs', () => {
    const m = buildMap(engine, spec('corporatiebezit'), rows('GM0001'), { year: 2019 });
    expect(m.features.map((f) => f.missing)).toEqual([null, null, null, 'suppressed', null]);
    expect(m.legend.filter((l) => !/^c\d$/.test(l.classId))).toEqual([
      expect.objectContaining({ classId: 'suppressed', label: 'Geheim (onderdrukt)', count: 1 }),
    ]);
    const lbm = buildMap(engine, spec('overlast-onveiligheid'), rows('GM0001'), { year: 2020 });
    expect(lbm.features[2]).toMatchObject({
      missing: 'no-score',
      classId: 'no-score',
      label: 'Geen score (Leefbaarometer)',
    });
  });

  it('tells "not published in this edition" from "source not loaded"', () => {
    const published = buildMap(engine, spec('lage-inkomens'), rows('GM0002'), { year: 2019 });
    expect(new Set(published.features.map((f) => f.missing))).toEqual(new Set(['not-published']));
    const notLoaded = buildMap(engine, spec('lage-inkomens'), rows('GM0003'), { year: 2019 });
    expect(new Set(notLoaded.features.map((f) => f.missing))).toEqual(new Set(['not-loaded']));
  });

  it('says why an empty map is empty and how to load what is missing', () => {
    const m = buildMap(engine, spec('corporatiebezit'), rows('GM0003'), { year: 2019 });
    expect(m.emptyReason).toMatchObject({
      code: 'source-not-loaded',
      kind: 'not-loaded',
      missingSources: ['kwb'],
    });
    expect(m.emptyReason!.nl).toContain('veerkracht fetch --sources kwb');
    expect(buildMap(engine, spec('corporatiebezit'), rows('GM0001'), { year: 2019 }).emptyReason).toBeNull();
  });

  it('cites only the editions used for the area', () => {
    const a = buildMap(engine, spec('corporatiebezit'), rows('GM0001'), { year: 2019 });
    const b = buildMap(engine, spec('corporatiebezit'), rows('GM0002'), { year: 2019 });
    expect(a.sources.map((s) => s.edition)).toEqual(['KWB A']);
    expect(b.sources.map((s) => s.edition)).toEqual(['KWB B']);
  });

  it('states the scope of quantile classes: how many buurten, and where', () => {
    const m = buildMap(engine, spec('overlast-onveiligheid'), rows('GM0002'), { year: 2024 });
    expect(m.scope).toEqual({ buurten: 5, gemeenten: ['GM0001'], national: false });
    const all = buildMap(engine, spec('overlast-onveiligheid'), rows('GM0002'), { year: 2020 });
    expect(all.scope).toEqual({ buurten: 9, gemeenten: ['GM0001', 'GM0002', 'GM0003'], national: true });
    expect(buildMap(engine, spec('corporatiebezit'), rows('GM0001'), { year: 2019 }).scope).toBeNull();
  });
});

describe('buildMap: periods say which years they compared', () => {
  it('compares the years each gemeente has, and names them in the heading', () => {
    const p = { t0: 2016, t1: 2024 };
    const own = buildMap(engine, spec('ontwikkeling-overlast'), rows('GM0001'), { period: p });
    // the buurt with the Leefbaarometer NA falls back to police crime, named with its count
    expect(own.comparisons).toEqual([
      expect.objectContaining({ id: 'lbm_onv', years: [2018, 2024], buurten: 4, fallback: false }),
      expect.objectContaining({ id: 'police_crime_rate', years: [2021, 2024], buurten: 1, fallback: true }),
    ]);
    expect(own.headingNl).toBe(
      'Ontwikkeling overlast en onveiligheid, 2016–2024 — vergeleken: overlast: Leefbaarometer onv 2018 → 2024; terugvalmaat politie: geregistreerde misdrijven 2021 → 2024 voor 1 buurt',
    );
    // GM0002 has no onv 2024: it compares its own 2018 → 2020, not the police crime of 2021 → 2024
    const other = buildMap(engine, spec('ontwikkeling-overlast'), rows('GM0002'), { period: p });
    expect(other.comparisons).toEqual([expect.objectContaining({ id: 'lbm_onv', years: [2018, 2020] })]);
  });

  it('names a fallback measure and its years in the heading, and a buurt never mixes measures', () => {
    const m = buildMap(engine, spec('veerkracht-absoluut'), rows('GM0002'), {
      period: { t0: 2020, t1: 2024 },
    });
    const fallback = m.comparisons.find((c) => c.quantity === 'nuisance')!;
    expect(fallback).toMatchObject({ fallback: true, years: [2021, 2024], buurten: 3 });
    expect(m.headingNl).toContain('terugvalmaat politie: geregistreerde misdrijven 2021 → 2024');
    expect(
      m.features.every((f) => f.flags.includes('measure:police_crime_rate') || f.flags.length === 0),
    ).toBe(true);
  });

  it('never classifies a buurt with an unknown population, and says why', () => {
    const extra = [...values.filter((x) => !(x.areaCode === 'BU00030001' && x.indicator === 'inhabitants'))];
    const e = createEngine(buurten, extra);
    const m = buildMap(e, spec('veerkracht-absoluut'), e.table.byGemeente().get('GM0003')!, {
      period: { t0: 2016, t1: 2020 },
    });
    const unknown = m.features.find((f) => f.code === 'BU00030001')!;
    expect(unknown).toMatchObject({
      classId: 'population-unknown',
      label: 'Inwonertal onbekend',
      missing: 'population-unknown',
      inhabitants: null,
    });
    // the legend has an entry for that kind, after the classes
    expect(m.legend.map((l) => l.classId)).toEqual([
      'veerkracht-onder-druk',
      'veerkrachtig',
      'meer-overlast',
      'stabiel-of-verbeterd',
      'te-weinig-inwoners',
      'population-unknown',
    ]);
    expect(m.legend.at(-1)).toMatchObject({ label: 'Inwonertal onbekend', count: 1 });
  });
});
