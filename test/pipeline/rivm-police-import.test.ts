import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../src/core/records.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { fixture, memoryStore, valueMap } from './source-fixtures.js';

describe('importing RIVM/CBS Gezondheidsmonitor 50090NED', () => {
  it('reads the untyped CSV: adults 18+ point estimates only, by key stem, "." as suppressed, land row skipped', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('rivm/50090NED_untyped.csv')]);
    expect(report!.edition).toBe('RIVM/CBS Gezondheidsmonitor 50090NED (indeling 2020)');
    expect(await valueMap(store, 'rivm_difficulty_making_ends_meet')).toEqual({
      'GM0917 2020': 27.3,
      'WK091733 2020': 27.3,
      'BU09173300 2020': 27.3,
      'BU09173301 2020': null,
      'BU09173300 2012': 26,
      'BU09173301 2012': 20,
    });
    // the 2012 volunteer column is empty everywhere: not published, not stored as nulls
    expect(Object.keys(await valueMap(store, 'rivm_volunteer'))).not.toContain('BU09173300 2012');
    expect(report!.warnings['ROWS_SKIPPED']?.examples.join(' ')).toMatch(/80200 \(65 jaar of ouder\)/);
    const v = (
      await store.getValues({ indicators: ['rivm_lonely'], codes: ['BU09173301'], years: [2020] })
    )[0]!;
    expect(v.flags & VALUE_FLAGS.suppressed).toBeTruthy();
    expect(v.sourceColumn).toBe('Eenzaam_28');
    expect(await store.findGemeenteByName('Heerlen')).toEqual(['GM0917']);
  });

  it('reads the combined OData JSON with the same result, taking area names from the WijkenEnBuurten list', async () => {
    const store = memoryStore();
    await importPaths(store, [fixture('rivm/50090NED_combined.json')]);
    expect(await valueMap(store, 'rivm_high_risk_anxiety_depression')).toMatchObject({
      'BU09173300 2020': 17.5,
      'BU09173301 2020': null,
    });
    expect((await store.listAreaNames('GM0917')).find((a) => a.code === 'BU09173301')?.name).toBe(
      'Pancratius',
    );
  });
});

describe('importing police registered crime', () => {
  it('reads the per-year CSV: counts per year, the rolling last-12-months year with a warning, per 1,000 for that year', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('politie/misdrijven_per_buurt.csv')]);
    expect(report!.divisionYear).toBe(2024);
    const crimes = await valueMap(store, 'police_crimes');
    expect(crimes).toMatchObject({
      'BU09173300 2021': 1100,
      'BU09173300 2025': 1203,
      'BU09173301 2022': null,
      'GM0917 2024': 6600,
    });
    expect(Object.keys(crimes).some((k) => k.startsWith('WK'))).toBe(false);
    expect(await valueMap(store, 'police_crimes_per_1000')).toEqual({
      'GM0917 2025': 71.2,
      'BU09173300 2025': 410.5,
      'BU09173301 2025': null,
    });
    expect(report!.warnings['ROLLING_12_MONTHS']?.count).toBe(1);
    expect((await store.listAreaNames('GM0917')).find((a) => a.code === 'BU09173301')?.name).toBe(
      'Pancratius',
    );
  });

  it('reads 47022NED OData JSON: total crime only, months summed to complete years, a missing month makes the year null', async () => {
    const store = memoryStore();
    const [report] = await importPaths(store, [fixture('politie/47022NED_TypedDataSet_page.json')], {
      divisionYear: 2024,
    });
    const sum = (base: number): number => 12 * base + 78;
    expect(await valueMap(store, 'police_crimes')).toEqual({
      'GM0917 2023': sum(540),
      'BU09173300 2023': sum(100),
      'BU09173301 2023': null,
    });
    expect(report!.warnings['INCOMPLETE_YEAR']?.examples[0]).toMatch(/2024: only 7 of 12 months/);
    expect(report!.warnings['ROWS_SKIPPED']?.count).toBe(1);
  });
});
