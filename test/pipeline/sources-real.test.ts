/**
 * The Leefbaarometer, RIVM and police parsers on the real files in VEERKRACHT_REAL_DATA
 * (../shared/data; see its README for the expected counts and spot values). Skipped when unset.
 */
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { memoryStore } from './source-fixtures.js';

const LBM2020 = 'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz';
const LBM2024 =
  'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv';
const UTRECHT = 'cbs-kwb/provincie_utrecht_buurten_kwb_lbm3_ses__Nelleke20.csv';
const RIVM = 'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz';
const POLICE = 'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz';

describe.skipIf(!hasRealData)('real data: Leefbaarometer, RIVM and police', () => {
  it('Leefbaarometer 3.0 meting 2020, national: 13,326 buurten, 2002–2020, dimensions only for 2014/2018/2020, NA null', async () => {
    const store = memoryStore();
    const [r] = await importPaths(store, [realDataFile(LBM2020)]);
    expect(r!.areas.byLevel).toEqual({ buurt: 13326 });
    expect(r!.valuesPerIndicator['lbm_total']!.years).toEqual([2002, 2008, 2012, 2014, 2016, 2018, 2020]);
    expect(r!.valuesPerIndicator['lbm_onv']!.years).toEqual([2014, 2018, 2020]);
    expect(r!.valuesPerIndicator['lbm_total']).toMatchObject({ values: 79848, missing: 12835 });
    const v = await store.getValues({
      codes: ['BU09173300', 'BU03630000'],
      indicators: ['lbm_total', 'lbm_onv'],
    });
    const at = (code: string, ind: string, year: number): number | null | undefined =>
      v.find((x) => x.areaCode === code && x.indicator === ind && x.year === year)?.value;
    expect(at('BU09173300', 'lbm_total', 2014)).toBeCloseTo(4.006, 3);
    expect(at('BU09173300', 'lbm_onv', 2014)).toBeCloseTo(-0.155, 3);
    expect(at('BU09173300', 'lbm_total', 2020)).toBeCloseTo(4.035, 3);
    expect(at('BU03630000', 'lbm_total', 2014)).toBeCloseTo(4.342, 3);
    expect(at('BU03630000', 'lbm_onv', 2020)).toBeCloseTo(-0.241, 3);
    const scored2014 = (await store.getValues({ indicators: ['lbm_total'], years: [2014] })).filter(
      (x) => x.value !== null,
    );
    expect(scored2014.reduce((s, x) => s + x.value!, 0) / scored2014.length).toBeCloseTo(4.134, 3);
  }, 60_000);

  it('Leefbaarometer 3.0 meting 2024, Heerlen/Kerkrade: 75 buurten × 9 years', async () => {
    const store = memoryStore();
    const [r] = await importPaths(store, [realDataFile(LBM2024)]);
    expect(r!.edition).toBe('Leefbaarometer 3.0 meting 2024');
    expect(r!.areas.byLevel).toEqual({ buurt: 75 });
    expect(r!.valuesPerIndicator['lbm_total']).toMatchObject({
      values: 675,
      years: [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024],
    });
    const [v] = await store.getValues({ codes: ['BU09173300'], indicators: ['lbm_onv'], years: [2024] });
    expect(v!.value).toBeCloseTo(-0.132, 3);
  });

  it('provincie Utrecht: a Leefbaarometer 3.0 value (or a suppressed null) for all 969 buurten', async () => {
    const store = memoryStore();
    const [r] = await importPaths(store, [realDataFile(UTRECHT)]);
    expect(r!.areas.byLevel).toMatchObject({ buurt: 969, gemeente: 26 });
    const lbm = await store.getValues({ indicators: ['lbm_total'], years: [2020] });
    expect(new Set(lbm.map((x) => x.areaCode)).size).toBe(969);
    expect(lbm.filter((x) => x.value !== null)).toHaveLength(714);
    expect(await store.findGemeenteByName('Utrecht')).toEqual(['GM0344']);
  });

  it('RIVM 50090NED: 2012, 2016 and 2020 for every buurt of the 2020 division', async () => {
    const store = memoryStore();
    const [r] = await importPaths(store, [realDataFile(RIVM)]);
    expect(r!.areas.byLevel).toEqual({ gemeente: 355, wijk: 3177, buurt: 13808 });
    const mr = await store.getValues({ indicators: ['rivm_difficulty_making_ends_meet'] });
    for (const year of [2012, 2016, 2020]) {
      expect(mr.filter((x) => x.year === year && x.areaCode.startsWith('BU'))).toHaveLength(13808);
    }
    expect(mr.find((x) => x.areaCode === 'BU09173300' && x.year === 2012)?.value).toBe(27.3);
    expect(mr.find((x) => x.areaCode === 'GM1680' && x.year === 2012)?.value).toBe(19.5);
  }, 60_000);

  it('police 2021–2025: 14,494 buurten with counts', async () => {
    const store = memoryStore();
    const [r] = await importPaths(store, [realDataFile(POLICE)]);
    expect(r!.valuesPerIndicator['police_crimes']!.years).toEqual([2021, 2022, 2023, 2024, 2025]);
    const crimes = await store.getValues({ indicators: ['police_crimes'], years: [2024] });
    expect(crimes.filter((x) => x.areaCode.startsWith('BU') && x.value !== null)).toHaveLength(14494);
    expect(crimes.find((x) => x.areaCode === 'GM0014')?.value).toBe(14952);
  });
});
