import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineValueInput } from './buurt-table.js';
import { gemeenteSourceKind, MISSING_LABELS, missingKind, populationSourceOf } from './missing-kinds.js';
import { createEngine } from './veerkracht-engine.js';

const codes = ['BU00010001', 'BU00010002', 'BU00010003', 'BU00020001'];
const buurten = codes.map((code) => ({ code, name: code, gemeente: `GM${code.slice(2, 6)}` }));
const v = (areaCode: string, indicator: string, year: number, value: number | null): EngineValueInput => ({
  areaCode,
  indicator,
  year,
  value,
  flags: value === null ? 1 : 0,
  edition: 'e',
  table: null,
  sourceColumn: indicator,
});

describe('missingKind(table, indicator, year, row, population, minimum)', () => {
  const engine = createEngine(buurten, [
    v('BU00010001', 'inhabitants', 2018, 1000),
    v('BU00010001', 'social_assistance_persons', 2018, 30),
    v('BU00010001', 'inhabitants_15_24', 2018, 100),
    v('BU00010001', 'inhabitants_25_44', 2018, 300),
    v('BU00010001', 'inhabitants_45_64', 2018, 300),
    v('BU00010002', 'inhabitants', 2018, 150),
    v('BU00010002', 'social_assistance_persons', 2018, 3),
    v('BU00010002', 'inhabitants_15_24', 2018, 20),
    v('BU00010002', 'inhabitants_25_44', 2018, 40),
    v('BU00010002', 'inhabitants_45_64', 2018, 40),
    v('BU00010003', 'social_assistance_persons', 2018, 12),
    v('BU00020001', 'inhabitants', 2018, null),
    v('BU00010001', 'lbm_onv', 2018, 0.1),
    v('BU00010002', 'lbm_onv', 2018, null),
    v('BU00010003', 'lbm_total', 2018, 4.1),
  ]);
  const kind = (indicator: string, row: number) =>
    missingKind(engine.table, indicator, 2018, row, engine.population.at(2018)[row]!, 200);

  it('tells the kinds apart', () => {
    expect(kind('social_assistance_per_1000_15_64', 1)).toBe('too-few-residents'); // 150 inhabitants
    expect(kind('social_assistance_per_1000_15_64', 2)).toBe('population-unknown'); // a count, no inhabitants
    expect(kind('inhabitants', 3)).toBe('suppressed'); // CBS '.'
    expect(missingKind(engine.table, 'lbm_onv', 2018, 1, NaN, null)).toBe('no-score'); // Leefbaarometer NA
    // the Leefbaarometer file of 2018 covers the buurt (a total score) but has no onv for it
    expect(missingKind(engine.table, 'lbm_onv', 2018, 2, NaN, null)).toBe('not-published');
    // no Leefbaarometer value of 2018 at all for this buurt
    expect(missingKind(engine.table, 'lbm_onv', 2018, 3, NaN, null)).toBe('not-loaded');
  });
});

describe('missingKind: a source that is loaded but has nothing for the buurt', () => {
  // GM0001: KWB 2024 for buurt 1 only, KWB 2020 one suppressed cell; GM0002: no KWB at all
  const engine = createEngine(buurten, [
    v('BU00010001', 'woz_value', 2024, 300),
    v('BU00010001', 'woz_value', 2020, null), // a column of 2020 without any cell of GM0002
  ]);
  const kind = (row: number, year = 2024) => missingKind(engine.table, 'woz_value', year, row, NaN, null);

  it('says "buurt not in the source" when other buurten of the gemeente have the source for the year', () => {
    expect(kind(1)).toBe('not-in-source');
    expect(kind(2)).toBe('not-in-source');
    expect(MISSING_LABELS['not-in-source']).toEqual({
      nl: 'Buurt niet in de bron',
      en: 'Buurt not in the source',
    });
  });

  it('keeps "source not loaded" for a gemeente no loaded file of that year covers', () => {
    expect(kind(3)).toBe('not-loaded');
    expect(kind(3, 2022)).toBe('not-loaded'); // no column at all
  });

  it('says "buurt not in the source" when the file has the gemeente only on a division that was not carried over', () => {
    const carried = createEngine(buurten, [v('BU00010001', 'woz_value', 2024, 300)]);
    carried.table.setUncarriedSources([
      {
        gemeente: 'GM0002',
        family: 'kwb',
        year: 2024,
        indicators: ['woz_value'],
        fromDivision: 2024,
        toDivision: 2019,
        buurten: 12,
      },
    ]);
    const k = (indicator: string, year: number) => missingKind(carried.table, indicator, year, 3, NaN, null);
    expect(k('woz_value', 2024)).toBe('not-in-source');
    // the same gemeente, but another year or another source's family: nothing says the file has it
    expect(k('woz_value', 2020)).toBe('not-loaded');
    expect(k('lbm_onv', 2024)).toBe('not-loaded');
  });

  it('property: the kind follows where the source has cells, and of what — this buurt, its gemeente, or neither', () => {
    // per buurt: no KWB cell, a cell of another KWB indicator (households), or one of woz_value
    const cell = fc.constantFrom('none', 'households', 'woz_value');
    const layout = fc.array(fc.record({ gemeente: fc.integer({ min: 1, max: 3 }), cell }), {
      minLength: 1,
      maxLength: 12,
    });
    // gemeenten a file on a division not carried over has, with households or with woz_value
    const uncarriedOf = fc.array(fc.record({ gemeente: fc.integer({ min: 1, max: 3 }), indicator: cell }), {
      maxLength: 3,
    });
    fc.assert(
      fc.property(layout, uncarriedOf, (rows, uncarried) => {
        const bs = rows.map((r, i) => {
          const gm = String(r.gemeente).padStart(4, '0');
          return { code: `BU${gm}${String(i).padStart(4, '0')}`, name: `b${i}`, gemeente: `GM${gm}` };
        });
        const values = bs.flatMap((b, i) => {
          const c = rows[i]!.cell;
          return c === 'none' ? [] : [v(b.code, c, 2024, 40)];
        });
        const e = createEngine(bs, values);
        const files = uncarried.filter((u) => u.indicator !== 'none');
        e.table.setUncarriedSources(
          files.map((u) => ({
            gemeente: `GM${String(u.gemeente).padStart(4, '0')}`,
            family: 'kwb',
            year: 2024,
            indicators: [u.indicator],
            fromDivision: 2024,
            toDivision: 2019,
            buurten: 1,
          })),
        );
        bs.forEach((b, i) => {
          if (rows[i]!.cell === 'woz_value') return; // has the value
          const gemeente = rows[i]!.gemeente;
          const has = (indicator: string) =>
            rows.some((r) => r.gemeente === gemeente && r.cell === indicator) ||
            files.some((u) => u.gemeente === gemeente && u.indicator === indicator);
          const expected =
            rows[i]!.cell === 'households'
              ? 'not-published'
              : has('woz_value')
                ? 'not-in-source'
                : has('households')
                  ? 'not-published'
                  : 'not-loaded';
          expect(missingKind(e.table, 'woz_value', 2024, i, NaN, null), b.code).toBe(expected);
        });
      }),
    );
  });
});

describe('missingKind for a gemeente that went into another later (Weesp into Amsterdam, 2023)', () => {
  // Weesp's buurten on an old division, without values; Amsterdam's with a KWB 2020 cell
  const weesp = ['BU04570001', 'BU03630001'].map((code) => ({
    code,
    name: code,
    gemeente: `GM${code.slice(2, 6)}`,
  }));
  const kindWith = (divisions: ReadonlyMap<string, number> | null, edition: string, year: number) => {
    const engine = createEngine(weesp, [
      { ...v('BU03630001', 'low_income_households_share', year, 9), edition },
    ]);
    if (divisions) engine.table.setEditionDivisions(divisions);
    return missingKind(engine.table, 'low_income_households_share', year, 0, 1000, null);
  };

  it('is "source not loaded" when the file that has Amsterdam is on a division Weesp still had its own buurten in', () => {
    // a KWB 2020 selection of Amsterdam: a national KWB 2020 would have Weesp's buurten
    expect(kindWith(new Map([['KWB 2020 Amsterdam', 2020]]), 'KWB 2020 Amsterdam', 2020)).toBe('not-loaded');
  });

  it('is "buurt not in the source" when the file is on a division after Weesp joined Amsterdam', () => {
    expect(kindWith(new Map([['KWB 2024', 2024]]), 'KWB 2024', 2024)).toBe('not-in-source');
  });

  it('is "buurt not in the source", as before, when the file’s division is not known', () => {
    expect(kindWith(null, 'KWB 2020 Amsterdam', 2020)).toBe('not-in-source');
  });
});

describe('gemeenteSourceKind and populationSourceOf when uncarried sources are noted after they were asked', () => {
  it('answer by the uncarried sources the table has now, not by those of an earlier question', () => {
    // KWB 2024 has GM0001 only; GM0002 is in it on a division that is noted later as not carried over
    const engine = createEngine(buurten, [
      v('BU00010001', 'woz_value', 2024, 300),
      v('BU00010001', 'inhabitants', 2024, 1000),
    ]);
    expect(gemeenteSourceKind(engine.table, 'woz_value', 2024, 'GM0002')).toBe('not-loaded');
    expect(populationSourceOf(engine.table, 'GM0002', [2024, 2024]).loaded).toBe(false);
    engine.table.setUncarriedSources([
      {
        gemeente: 'GM0002',
        family: 'kwb',
        year: 2024,
        indicators: ['inhabitants', 'woz_value'],
        fromDivision: 2024,
        toDivision: 2019,
        buurten: 12,
      },
    ]);
    expect(gemeenteSourceKind(engine.table, 'woz_value', 2024, 'GM0002')).toBe('not-in-source');
    expect(populationSourceOf(engine.table, 'GM0002', [2024, 2024]).loaded).toBe(true);
    // asked again with the same sources: the same answer
    expect(gemeenteSourceKind(engine.table, 'woz_value', 2024, 'GM0002')).toBe('not-in-source');
  });
});
