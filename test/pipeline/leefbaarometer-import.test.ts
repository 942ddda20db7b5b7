import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../src/core/records.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { fixture, memoryStore, valueMap } from './source-fixtures.js';

describe('importing a Leefbaarometer 3.0 buurt CSV', () => {
  it('reads scores and dimensions, keeps NA as null (suppressed), and names the meting after its latest year', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('leefbaarometer/lbm3-meting2020-buurt.csv')]);
    expect(report!.edition).toBe('Leefbaarometer 3.0 meting 2020');
    expect(report!.divisionYear).toBe(2020);
    const lbm = await valueMap(store, 'lbm_total');
    expect(lbm['BU09173300 2014']).toBeCloseTo(4.005919003614294, 12);
    expect(lbm['BU09170000 2014']).toBeNull();
    const onv = await valueMap(store, 'lbm_onv');
    expect(onv['BU09173300 2020']).toBeCloseTo(-0.1751483827431806, 12);
    expect(await valueMap(store, 'lbm_fys')).toMatchObject({ 'BU09173300 2020': -6.359633456370943e-4 });
    // dimensions are only published for the full-model years
    expect(
      Object.keys(onv)
        .map((k) => k.split(' ')[1])
        .sort(),
    ).toEqual(['2014', '2014', '2020', '2020']);
    const suppressed = (
      await store.getValues({ indicators: ['lbm_total'], codes: ['BU09170000'], years: [2014] })
    )[0]!;
    expect(suppressed.flags & VALUE_FLAGS.suppressed).toBe(VALUE_FLAGS.suppressed);
    expect(suppressed.divisionYear).toBe(2020);
    expect(await store.listAreaNames('GM0917')).toEqual(
      expect.arrayContaining([{ code: 'BU09173300', name: 'Heerlen-Centrum', level: 'buurt' }]),
    );
  });

  it('reads the quoted meting-2024 layout without versie, with Amsterdam letter codes', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv')]);
    expect(report!.edition).toBe('Leefbaarometer 3.0 meting 2024');
    expect(await valueMap(store, 'lbm_total')).toEqual({
      'BU09173300 2022': 4.02,
      'BU09173300 2024': 4.009,
      'BU0363AB10 2024': 4.39,
    });
  });
});

describe('importing the provincie Utrecht buurt table', () => {
  it('maps the Leefbaarometer columns (2020) and KWB 2022 columns on division 2022, turning source zeros of suppressed cells into null', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('leefbaarometer/utrecht-buurten.csv')]);
    expect(report!.divisionYear).toBe(2022);
    expect(await valueMap(store, 'lbm_total')).toEqual({
      'BU03070100 2020': 4.22,
      'BU03070308 2020': null,
      'BU03070402 2020': null,
    });
    expect(await valueMap(store, 'lbm_onv')).toMatchObject({ 'BU03070100 2020': -0.14 });
    expect(await valueMap(store, 'inhabitants')).toEqual({
      'BU03070100 2022': 710,
      'BU03070308 2022': 115,
      'BU03070402 2022': 215,
    });
    // WOZ 0 is impossible; owner-occupied 0 with < 20 dwellings is a suppressed cell; with 214 dwellings it is a real 0
    expect(await valueMap(store, 'woz_value')).toEqual({
      'BU03070100 2022': 335,
      'BU03070308 2022': null,
      'BU03070402 2022': 83,
    });
    expect(await valueMap(store, 'owner_occupied_share')).toEqual({
      'BU03070100 2022': 26,
      'BU03070308 2022': null,
      'BU03070402 2022': 0,
    });
    expect(await store.findGemeenteByName('Amersfoort')).toEqual(['GM0307']);
    expect((await store.listAreaNames('GM0307')).find((a) => a.code === 'BU03070402')?.name).toBe(
      'Kop van Isselt, Noord',
    );
  });
});

describe('importing Leefbaarometer 2.0 exports', () => {
  it('stores the relative dimension scores per wijk and year (division = meting 2016)', async () => {
    const store = memoryStore();
    await importPaths(store, [fixture('leefbaarometer/lbm2-meting2016-wijk-dimensiescores.csv')]);
    expect(await valueMap(store, 'lbm2_vei_rel')).toEqual({
      'WK000300 2012': 0.0642649287371228,
      'WK000300 2016': 0.05,
      'WK091733 2012': null,
      'WK091733 2016': -0.12,
    });
    expect((await store.getValues({ indicators: ['lbm2_total_rel'] }))[0]!.divisionYear).toBe(2016);
  });

  it('stores the score classes 1–9 as lbm2_class and skips the change classes with a warning', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [
      fixture('leefbaarometer/lbm2-meting2016-gemeente-klassen.csv'),
    ]);
    expect(await valueMap(store, 'lbm2_class')).toMatchObject({
      'GM0003 2002': 6,
      'GM0917 2002': null,
      'GM0917 2016': 4,
    });
    expect(report!.warnings['COLUMN_SKIPPED']?.count).toBe(1);
  });

  it('recognises a PC4 file but imports nothing from it, saying why', async () => {
    const store = memoryStore();
    const reports = await importPaths(store, [
      fixture('leefbaarometer/lbm2-meting2018-pc4-dimensiescores.csv'),
      fixture('leefbaarometer/lbm2-meting2016-wijk-dimensiescores.csv'),
    ]);
    const pc4 = reports.find((r) => r.file === 'lbm2-meting2018-pc4-dimensiescores.csv')!;
    expect(pc4.warnings['FILE_SKIPPED']?.examples[0]).toMatch(/PC4 areas are not CBS/);
    expect(pc4.valuesPerIndicator).toEqual({});
    expect(new Set((await store.getValues({})).map((v) => v.edition))).toEqual(
      new Set(['Leefbaarometer 2.0 meting 2016']),
    );
  });

  it('refuses a run of only a PC4 file with NOTHING_TO_IMPORT: nothing usable was imported', async () => {
    const store = memoryStore();
    const e = await importPaths(store, [
      fixture('leefbaarometer/lbm2-meting2018-pc4-dimensiescores.csv'),
    ]).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'NOTHING_TO_IMPORT' });
    expect((e as Error).message).toMatch(/recognised but deliberately not imported \(lbm2-meting2018-pc4/);
    expect(await store.listImports()).toEqual([]);
    expect(await store.listEditions()).toEqual([]);
  });
});
