import { describe, expect, it } from 'vitest';
import type { BuurtInfo, EngineValueInput } from '../engine/buurt-table.js';
import { createEngine, type VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import { buildMap } from './build-map.js';
import { findMapSpec, layerSpec } from './map-definitions.js';
import { findIndicator } from '../engine/indicator-registry.js';

/**
 * "Inwonertal onbekend" on a map without values says what to load by one rule
 * (populationSourceOf): KWB only where no loaded KWB file of a year the gemeente existed in
 * covers it, of the map's year on a level map, of the years a gemeente that no longer exists
 * existed in on a veerkracht map — whatever the map's own source.
 */
function engineOf(values: EngineValueInput[], gemeenten: Record<string, number>): VeerkrachtEngine {
  const buurten: BuurtInfo[] = [];
  for (const [gm, n] of Object.entries(gemeenten))
    for (let b = 0; b < n; b++) {
      const code = `BU${gm.slice(2)}00${String(b).padStart(2, '0')}`;
      buurten.push({ code, name: code, gemeente: gm });
    }
  return createEngine(buurten, values);
}

const value = (areaCode: string, indicator: string, year: number, v: number): EngineValueInput => ({
  areaCode,
  indicator,
  year,
  value: v,
  flags: 0,
  edition: `e${year}`,
  table: null,
  sourceColumn: indicator,
});

const rowsOf = (engine: VeerkrachtEngine, gm: string): number[] =>
  engine.table.buurten.flatMap((b, i) => (b.gemeente === gm ? [i] : []));

describe('a level map whose buurten have a count but no inhabitants (the police crime rate, 2020)', () => {
  // GM0001: inhabitants; GM0002: a KWB 2020 file covers it (corporation share) without its
  // inhabitants; GM0003: KWB only of 2024, beyond the rate's three years of tolerance
  const values: EngineValueInput[] = [];
  for (const gm of ['0001', '0002', '0003'])
    for (let b = 0; b < 3; b++) {
      const code = `BU${gm}00${String(b).padStart(2, '0')}`;
      values.push(value(code, 'police_crimes', 2020, 40 + b));
      if (gm === '0001') values.push(value(code, 'inhabitants', 2020, 1000 + 100 * b));
      if (gm === '0002') values.push(value(code, 'corporation_share', 2020, 30));
      if (gm === '0003') values.push(value(code, 'inhabitants', 2024, 900));
    }
  const engine = engineOf(values, { GM0001: 3, GM0002: 3, GM0003: 3 });
  const spec = layerSpec(findIndicator('police_crime_rate')!);
  const reason = (gm: string) => buildMap(engine, spec, rowsOf(engine, gm), { year: 2020 }).emptyReason;

  it('the gemeente has a value where the inhabitants are known', () => {
    expect(reason('GM0001')).toBeNull();
  });

  it('a loaded KWB 2020 file covers the gemeente: nothing to load (not the police data, the map’s own source)', () => {
    expect(reason('GM0002')).toEqual({
      code: 'no-values',
      kind: 'population-unknown',
      missingSources: [],
      nl: 'Geen waarden voor 2020: het inwonertal van de buurten is onbekend op deze buurtindeling. De geladen CBS KWB-gegevens dekken de gemeente, maar hebben geen inwonertal voor deze buurten; opnieuw importeren helpt niet.',
      en: "No values for 2020: the buurten's population is unknown on this division. The loaded CBS KWB data cover the gemeente but have no population for these buurten; importing them again does not help.",
    });
  });

  it('no KWB file of 2020 covers the gemeente: KWB 2020 to load, although KWB 2024 covers it', () => {
    expect(reason('GM0003')).toEqual({
      code: 'source-not-loaded',
      kind: 'population-unknown',
      missingSources: ['kwb'],
      nl: 'Geen waarden voor 2020: het inwonertal van de buurten in 2020 is onbekend: er is geen CBS KWB-bestand van 2020 geladen dat de gemeente dekt. Laad ze met `veerkracht fetch --sources kwb --years 2020`, of importeer een KWB-bestand van 2020 met `veerkracht import <bestand>`.',
      en: "No values for 2020: the buurten's population in 2020 is unknown: no CBS KWB file of 2020 covering the gemeente is loaded. Load them with `veerkracht fetch --sources kwb --years 2020`, or import a KWB file of 2020 with `veerkracht import <file>`.",
    });
  });
});

/** Buurt `b` of a gemeente with the RIVM components and the Leefbaarometer nuisance in 2016 and 2020. */
function componentValues(code: string, b: number): EngineValueInput[] {
  return [2016, 2020].flatMap((y) => [
    value(code, 'rivm_high_risk_anxiety_depression', y, 5 + b + (y - 2016) / 4),
    value(code, 'rivm_difficulty_making_ends_meet', y, 20 - b),
    value(code, 'lbm_onv', y, 0.01 * b - (y - 2016) / 400),
  ]);
}

describe('the veerkracht map of Haaren (GM0788, split up in 2021) without inhabitants in any year', () => {
  // Haaren and Tilburg (GM0855, which Haaren partly went into) with the RIVM components and the
  // Leefbaarometer nuisance in 2016 and 2020; KWB only of 2024, for Tilburg (as on the national
  // store: its 2024 division has no Haaren) — or, second, also of 2018 for Haaren itself
  const country = (haarenKwb2018: boolean): VeerkrachtEngine => {
    const values: EngineValueInput[] = [];
    for (const gm of ['0788', '0855'])
      for (let b = 0; b < 4; b++) {
        const code = `BU${gm}00${String(b).padStart(2, '0')}`;
        values.push(...componentValues(code, b));
        if (gm === '0855') values.push(value(code, 'inhabitants', 2024, 1000 + 100 * b));
        if (gm === '0788' && haarenKwb2018) values.push(value(code, 'corporation_share', 2018, 30));
      }
    return engineOf(values, { GM0788: 4, GM0855: 4 });
  };
  const reason = (engine: VeerkrachtEngine) =>
    buildMap(engine, findMapSpec('veerkracht-absoluut')!, rowsOf(engine, 'GM0788'), {
      period: { t0: 2016, t1: 2020 },
    }).emptyReason;

  it('advises KWB of the years Haaren existed in, naming the gemeenten it went into (a later file has only those)', () => {
    expect(reason(country(false))).toEqual({
      code: 'source-not-loaded',
      kind: 'population-unknown',
      missingSources: ['kwb'],
      nl: "Geen waarden voor 2016–2020: het inwonertal van de buurten is onbekend op deze buurtindeling. Haaren (GM0788) bestond tot en met de indeling van 2020 en is opgegaan in Boxtel (GM0757), Oisterwijk (GM0824), Tilburg (GM0855) en Vught (GM0865); er is geen CBS KWB-bestand geladen van een jaar waarin de gemeente nog bestond (2014 t/m 2020), en zo'n bestand heeft haar buurten met hun inwonertal. Laad ze met `veerkracht fetch --sources kwb --years 2014-2020`, of importeer een KWB-bestand van 2014 t/m 2020 met `veerkracht import <bestand>`.",
      en: "No values for 2016–2020: the buurten's population is unknown on this division. Haaren (GM0788) existed up to the division of 2020 and went into Boxtel (GM0757), Oisterwijk (GM0824), Tilburg (GM0855) and Vught (GM0865); no CBS KWB file is loaded of a year the gemeente still existed in (2014 to 2020), and such a file has its buurten with their inhabitants. Load them with `veerkracht fetch --sources kwb --years 2014-2020`, or import a KWB file of 2014 to 2020 with `veerkracht import <file>`.",
    });
  });

  it('says there is nothing to load when a loaded KWB file of a year Haaren existed in covers it', () => {
    expect(reason(country(true))).toMatchObject({
      code: 'no-values',
      kind: 'population-unknown',
      missingSources: [],
    });
  });
});

describe('the veerkracht map of Dijk en Waard (Heerhugowaard and Langedijk, merged in 2022) without inhabitants', () => {
  const values: EngineValueInput[] = [];
  for (const gm of ['0398', '0416'])
    for (let b = 0; b < 4; b++) values.push(...componentValues(`BU${gm}00${String(b).padStart(2, '0')}`, b));
  const engine = engineOf(values, { GM0398: 4, GM0416: 4 });
  const reason = (gemeenten: string[]) =>
    buildMap(
      engine,
      findMapSpec('veerkracht-absoluut')!,
      gemeenten.flatMap((gm) => rowsOf(engine, gm)),
      { period: { t0: 2016, t1: 2020 } },
    ).emptyReason;

  it('names both gemeenten when the buurten of both lack inhabitants for the same reason', () => {
    expect(reason(['GM0398', 'GM0416'])).toEqual({
      code: 'source-not-loaded',
      kind: 'population-unknown',
      missingSources: ['kwb'],
      nl: "Geen waarden voor 2016–2020: het inwonertal van de buurten is onbekend op deze buurtindeling. Heerhugowaard (GM0398) en Langedijk (GM0416) bestonden tot en met de indeling van 2021 en zijn opgegaan in Dijk en Waard (GM1980); er is geen CBS KWB-bestand geladen van een jaar waarin deze gemeenten nog bestonden (2014 t/m 2021), en zo'n bestand heeft hun buurten met hun inwonertal. Laad ze met `veerkracht fetch --sources kwb --years 2014-2021`, of importeer een KWB-bestand van 2014 t/m 2021 met `veerkracht import <bestand>`.",
      en: "No values for 2016–2020: the buurten's population is unknown on this division. Heerhugowaard (GM0398) and Langedijk (GM0416) existed up to the division of 2021 and went into Dijk en Waard (GM1980); no CBS KWB file is loaded of a year these gemeenten still existed in (2014 to 2021), and such a file has their buurten with their inhabitants. Load them with `veerkracht fetch --sources kwb --years 2014-2021`, or import a KWB file of 2014 to 2021 with `veerkracht import <file>`.",
    });
  });

  it('names the one gemeente of a map of one of them', () => {
    expect(reason(['GM0416'])!.nl).toContain(
      'Langedijk (GM0416) bestond tot en met de indeling van 2021 en is opgegaan in Dijk en Waard (GM1980)',
    );
  });
});
