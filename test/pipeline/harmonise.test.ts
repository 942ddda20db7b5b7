/**
 * Harmonisation golden test: a toy gemeente GM0999 whose buurt BU09990002 (indeling 2018) is
 * split between a new BU09990003 and a new BU09990004 in 2019, while BU09990001 gives its east
 * half to BU09990003 and BU09990005 stays as it was.
 *
 *   2018:  | 01 (194000–195000) | 02 (195000–196000) | 05 (196000–197000) |
 *   2019:  | 01 (–194500) | 03 (194500–195600) | 04 (195600–196000) | 05 |
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../src/core/records.js';
import { harmoniseStore } from '../../src/pipeline/harmonise/harmonise-store.js';
import { findReferenceDivision } from '../../src/storage/reference-division.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vk-harm-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const strip = (code: string, x0: number, x1: number) => ({
  type: 'Feature',
  properties: { buurtcode: code, gemeentecode: 'GM0999' },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, 320000],
        [x1, 320000],
        [x1, 321000],
        [x0, 321000],
        [x0, 320000],
      ],
    ],
  },
});
const boundaries = (year: number, strips: [string, number, number][]): string =>
  file(
    `buurten_${year}.geojson`,
    JSON.stringify({ type: 'FeatureCollection', features: strips.map((s) => strip(...s)) }),
  );

const B2018 = boundaries(2018, [
  ['BU09990001', 194000, 195000],
  ['BU09990002', 195000, 196000],
  ['BU09990005', 196000, 197000],
]);
const B2019 = boundaries(2019, [
  ['BU09990001', 194000, 194500],
  ['BU09990003', 194500, 195600],
  ['BU09990004', 195600, 196000],
  ['BU09990005', 196000, 197000],
]);
const V2018 = file(
  'values2018.csv',
  [
    'code,year,indicator,value',
    'BU09990001,2018,dwellings,400',
    'BU09990002,2018,dwellings,1000',
    'BU09990005,2018,dwellings,300',
    'BU09990099,2018,dwellings,50',
    'BU09990001,2018,corporation_share,50',
    'BU09990002,2018,corporation_share,30',
    'BU09990005,2018,corporation_share,10',
    'BU09990001,2018,wmo_clients,20',
    'BU09990002,2018,wmo_clients,.',
    'BU09990001,2018,woonzorg_lvb,4',
    'BU09990002,2018,woonzorg_lvb,10',
  ].join('\n'),
);
const V2017 = file(
  'values2017.csv',
  'code,year,indicator,value\nBU09990005,2017,dwellings,290\nBU09990002,2017,dwellings,990\n',
);
const ORIGINAL_2019 = file(
  'original.csv',
  'code,year,indicator,value\nBU09990005,2018,corporation_share,11\n',
);

async function loadToy(harmonise: boolean): Promise<SqliteStore> {
  const store = openSqliteStore({ path: ':memory:' });
  await importPaths(store, [B2018, B2019, V2018, V2017], { harmonise });
  await importPaths(store, [ORIGINAL_2019], { divisionYear: 2019, harmonise });
  return store;
}

async function valueAt(store: SqliteStore, code: string, indicator: string, year = 2018) {
  const rows = await store.getValues({
    divisionYear: 2019,
    codes: [code],
    indicators: [indicator],
    years: [year],
  });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('harmoniseStore(store) onto the latest division with buurt geometry', () => {
  it('carries an unchanged buurt by code and keeps original values of the reference division', async () => {
    const store = await loadToy(false);
    const summary = await harmoniseStore(store);
    expect(summary.reference).toBe(2019);
    const dwellings = await valueAt(store, 'BU09990005', 'dwellings');
    expect(dwellings).toMatchObject({
      value: 300,
      flags: VALUE_FLAGS.harmonised,
      method: 'code (indeling 2018)',
      edition: 'tidy CSV values2018.csv',
    });
    const original = await valueAt(store, 'BU09990005', 'corporation_share');
    expect(original).toMatchObject({ value: 11, flags: 0, method: null });
  });

  it('apportions counts by area share over the split and the shrunk buurt', async () => {
    const store = await loadToy(false);
    await harmoniseStore(store);
    expect((await valueAt(store, 'BU09990001', 'dwellings')).value).toBeCloseTo(200, 9);
    expect((await valueAt(store, 'BU09990003', 'dwellings')).value).toBeCloseTo(0.5 * 400 + 0.6 * 1000, 9);
    expect((await valueAt(store, 'BU09990004', 'dwellings')).value).toBeCloseTo(400, 9);
    const v = await valueAt(store, 'BU09990003', 'dwellings');
    expect(v.flags).toBe(VALUE_FLAGS.harmonised | VALUE_FLAGS.overlay | VALUE_FLAGS.estimated);
    expect(v.method).toBe(
      'overlay from indeling 2018 (BU09990002: 55%, BU09990001: 45%); count apportioned by area share',
    );
  });

  it('recomputes a percentage from apportioned numerator and denominator (not an average of rates)', async () => {
    const store = await loadToy(false);
    await harmoniseStore(store);
    const share = await valueAt(store, 'BU09990003', 'corporation_share');
    // (0.5·400·50% + 0.6·1000·30%) / (0.5·400 + 0.6·1000) = (100 + 180) / 800 = 35%
    expect(share.value).toBeCloseTo(35, 9);
    expect(share.method).toContain('recomputed from apportioned numerator and denominator (dwellings)');
    expect((await valueAt(store, 'BU09990004', 'corporation_share')).value).toBeCloseTo(30, 9);
    // No denominator known for a user indicator: area-weighted mean, flagged estimated.
    const lvb = await valueAt(store, 'BU09990003', 'woonzorg_lvb');
    expect(lvb.value).toBeCloseTo((4 * 500 + 10 * 600) / 1100, 9);
    expect(lvb.method).toContain('area-weighted mean');
    expect(lvb.flags & VALUE_FLAGS.estimated).toBeTruthy();
  });

  it('keeps a suppressed source value missing (null), never 0', async () => {
    const store = await loadToy(false);
    await harmoniseStore(store);
    const wmo = await valueAt(store, 'BU09990003', 'wmo_clients');
    expect(wmo.value).toBeNull();
    expect(wmo.flags & VALUE_FLAGS.suppressed).toBeTruthy();
  });

  it('carries a division without geometry by code, and overlays its other codes via the nearest division with their boundaries', async () => {
    const store = await loadToy(false);
    const summary = await harmoniseStore(store);
    expect(summary.divisions).toEqual([
      {
        from: 2017,
        byCode: 1,
        byOverlay: 2,
        unmatched: 0,
        values: 3,
        notes: [
          '1 area without boundaries of indeling 2017 overlaid via the boundaries of indeling 2018 (same codes)',
        ],
      },
      { from: 2018, byCode: 1, byOverlay: 3, unmatched: 1, values: expect.any(Number), notes: [] },
    ]);
    expect(await valueAt(store, 'BU09990005', 'dwellings', 2017)).toMatchObject({
      value: 290,
      method: 'code (indeling 2017)',
      fromDivision: 2017,
    });
    // BU09990002 has no 2017 boundaries: those of indeling 2018 (same code) split it 60/40 over 03 and 04.
    const split03 = await valueAt(store, 'BU09990003', 'dwellings', 2017);
    expect(split03.value).toBeCloseTo(0.6 * 990, 9);
    expect(split03.flags).toBe(VALUE_FLAGS.harmonised | VALUE_FLAGS.overlay | VALUE_FLAGS.estimated);
    expect(split03.method).toBe(
      'overlay via boundaries of indeling 2018 (codes of indeling 2017 equal; BU09990002: 100%); count apportioned by area share',
    );
    expect(split03.fromDivision).toBe(2017);
    expect((await valueAt(store, 'BU09990004', 'dwellings', 2017)).value).toBeCloseTo(0.4 * 990, 9);
    expect(await store.getValues({ divisionYear: 2019, codes: ['BU09990001'], years: [2017] })).toEqual([]);
    expect(await store.getValues({ divisionYear: 2019, codes: ['BU09990002'] })).toEqual([]);
    expect(await store.listHarmonisation()).toEqual([
      { fromDivision: 2017, toDivision: 2019, gemeenteCode: 'GM0999', byCode: 1, byOverlay: 2, unmatched: 0 },
      { fromDivision: 2018, toDivision: 2019, gemeenteCode: 'GM0999', byCode: 1, byOverlay: 3, unmatched: 1 },
    ]);
  });

  it('deletes what a division carried earlier before carrying it again (no stale values)', async () => {
    const store = await loadToy(true);
    expect((await valueAt(store, 'BU09990004', 'dwellings')).value).toBeCloseTo(400, 9);
    // New 2019 boundaries: 03 and 04 move east, out of reach of the 2018 buurten; 01 takes their place.
    const redrawn = file(
      'buurten_2019_redrawn.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          strip('BU09990001', 194000, 196000),
          strip('BU09990005', 196000, 197000),
          strip('BU09990003', 197000, 198000),
          strip('BU09990004', 198000, 199000),
        ],
      }),
    );
    await importPaths(store, [redrawn], { divisionYear: 2019 });
    const carried2018 = await store.getValues({
      divisionYear: 2019,
      years: [2018],
      indicators: ['dwellings'],
    });
    expect(carried2018.map((v) => [v.areaCode, v.value === null ? null : Math.round(v.value)])).toEqual([
      ['BU09990001', 1400], // 400 + 1000: 01 and 02 of 2018 now lie inside it
      ['BU09990005', 300],
    ]);
    expect(await store.listHarmonisation()).toContainEqual({
      fromDivision: 2018,
      toDivision: 2019,
      gemeenteCode: 'GM0999',
      byCode: 1,
      byOverlay: 1,
      unmatched: 1, // BU09990099: no boundaries anywhere
    });
    // Original values of the reference division are untouched.
    expect((await valueAt(store, 'BU09990005', 'corporation_share')).value).toBe(11);
  });

  it('carrying one division again never replaces what a division nearer to the reference carried', async () => {
    const store = await loadToy(true);
    const nearer = file(
      'values2018_about_2017.csv',
      'code,year,indicator,value\nBU09990005,2017,dwellings,295\n',
    );
    await importPaths(store, [nearer], { divisionYear: 2018 });
    expect((await valueAt(store, 'BU09990005', 'dwellings', 2017)).value).toBe(295);
    await harmoniseStore(store, { from: [2017] });
    expect(await valueAt(store, 'BU09990005', 'dwellings', 2017)).toMatchObject({
      value: 295,
      fromDivision: 2018,
    });
    // …while 2017 still carries what 2018 does not give.
    expect((await valueAt(store, 'BU09990004', 'dwellings', 2017)).value).toBeCloseTo(0.4 * 990, 9);
  });

  it('runs at the end of importPaths and is idempotent', async () => {
    const store = await loadToy(true);
    const first = await store.getValues({ divisionYear: 2019 });
    await harmoniseStore(store);
    const again = await store.getValues({ divisionYear: 2019 });
    expect(again).toEqual(first);
    expect(first.filter((v) => v.flags & VALUE_FLAGS.overlay).length).toBeGreaterThan(0);
  });

  it('does nothing without buurt geometry, unless a reference is named', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [V2018], { harmonise: false });
    expect(await harmoniseStore(store)).toMatchObject({
      reference: null,
      skipped: expect.stringContaining('geometry'),
    });
    const named = await harmoniseStore(store, { to: 2019 });
    expect(named.divisions).toEqual([
      { from: 2018, byCode: 0, byOverlay: 0, unmatched: 4, values: 0, notes: [] },
    ]);
  });
});

describe('findReferenceDivision(store)', () => {
  it('takes the latest division whose buurt geometry covers at least half of the best-covered one', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [B2018, B2019], { harmonise: false });
    expect(await findReferenceDivision(store)).toBe(2019);
    // A newer division with boundaries for one buurt only (one gemeente's new file) is not the reference.
    const partial = file(
      'buurten_2022.geojson',
      JSON.stringify({ type: 'FeatureCollection', features: [strip('BU09990001', 194000, 194500)] }),
    );
    await importPaths(store, [partial], { harmonise: false });
    expect(await findReferenceDivision(store)).toBe(2019);
    expect((await harmoniseStore(store, { to: 2022 })).reference).toBe(2022);
  });
});
