import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import type { PolygonGeometry } from '../../src/core/records.js';
import { geometryArea, geometryBbox } from '../../src/pipeline/geo/polygon-measure.js';
import { isValidGeometry } from '../../src/pipeline/geo/polygon-validity.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { yearRangeIn } from '../../src/pipeline/sources/boundaries/boundary-batch.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { gpkgBlob, writeGeoPackage } from './gpkg-writer.js';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'geo', name);
const tmp = (name: string): string => join(mkdtempSync(join(tmpdir(), 'vk-geo-')), name);
const square = (x: number, y: number, s: number): Extract<PolygonGeometry, { type: 'Polygon' }> => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

async function importError(store: SqliteStore, path: string): Promise<AppError> {
  const e = await importPaths(store, [path]).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function expectStoreEmpty(store: SqliteStore): Promise<void> {
  expect(await store.listImports()).toEqual([]);
  expect(await store.listAreas({})).toEqual([]);
  expect(store.db.prepare('SELECT COUNT(*) AS n FROM geometries').get()).toEqual({ n: 0 });
}

describe('importing GeoJSON boundaries', () => {
  it('reads the PDOK layout in RD New: codes, names, parents, jaar, area in m², display geometry', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [fixture('pdok-buurten-rd.geojson')]);
    expect(report!.divisionYear).toBe(2021);
    expect(report!.warnings['WATER_AREA']?.count).toBe(1);
    const areas = await store.listAreas({ divisionYear: 2021 });
    expect(areas.map((a) => [a.code, a.level, a.name])).toEqual([
      ['BU09990001', 'buurt', 'Oost'],
      ['BU09990002', 'buurt', 'West'],
      ['BU09990003', 'buurt', 'Meer'],
      ['GM0999', 'gemeente', 'Toydorp'],
      ['WK099900', 'wijk', null],
    ]);
    expect(areas[0]).toMatchObject({ gemeenteCode: 'GM0999', wijkCode: 'WK099900' });
    const geoms = await store.getGeometries({ divisionYear: 2021 });
    expect(geoms).toHaveLength(3);
    expect(geoms[0]!.areaM2 + geoms[1]!.areaM2).toBeCloseTo(1000 * 500, 6);
    expect(geoms[2]!.areaM2).toBeCloseTo(300 * 500, 6);
    for (const g of geoms) {
      expect(isValidGeometry(g.rd)).toBe(true);
      const [minX, minY, maxX, maxY] = geometryBbox(g.display!);
      expect(minX).toBeGreaterThan(5.9);
      expect(maxX).toBeLessThan(6.1);
      expect(minY).toBeGreaterThan(50.8);
      expect(maxY).toBeLessThan(51);
    }
  });

  it('detects WGS84 without a crs member, reprojects to RD and takes the year from the file name', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [fixture('cbs-buurten-wgs84_2020.geojson')]);
    expect(report!.divisionYear).toBe(2020);
    const geoms = await store.getGeometries({ divisionYear: 2020 });
    expect(geoms.map((g) => g.code)).toEqual(['BU03440101', 'BU03440102']);
    // 0.01° × 0.005° at 52.09 N ≈ 686 m × 556 m
    expect(geoms[0]!.areaM2).toBeGreaterThan(370_000);
    expect(geoms[0]!.areaM2).toBeLessThan(395_000);
    expect(geoms[0]!.bbox[0]).toBeGreaterThan(130_000);
    expect(geoms[1]!.rd.type).toBe('MultiPolygon');
    expect((await store.listAreas({ codes: ['BU03440102'] }))[0]!.name).toBe('Lange Elisabethstraat');
  });

  it('takes the last year of a range in the file name as the indeling (a register snapshot valid 2022–2024), and says so', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [fixture('register-buurten_2022-2024.geojson')]);
    expect(report!.divisionYear).toBe(2024);
    expect(report!.warnings['DIVISION_FROM_YEAR_RANGE']?.count).toBe(1);
    expect(report!.warnings['DIVISION_FROM_YEAR_RANGE']?.examples[0]).toContain('2022–2024');
    expect(report!.warnings['DIVISION_FROM_YEAR_RANGE']?.examples[0]).toContain('indeling 2024');
    const geoms = await store.getGeometries({ divisionYear: 2024 });
    expect(geoms.map((g) => g.code)).toEqual(['BU0363AA01', 'BU0363AA02', 'BU0363AB03']);
    expect((await store.listAreas({ codes: ['BU0363AA02'] }))[0]).toMatchObject({
      name: 'Planciusbuurt-Zuid',
      gemeenteCode: 'GM0363',
      divisionYear: 2024,
    });
    // --division still decides
    const other = openSqliteStore({ path: ':memory:' });
    const [chosen] = await importPaths(other, [fixture('register-buurten_2022-2024.geojson')], {
      divisionYear: 2022,
    });
    expect(chosen!.divisionYear).toBe(2022);
    expect(chosen!.warnings['DIVISION_FROM_YEAR_RANGE']).toBeUndefined();
  });

  it('reads a year range in a boundary file name only as one forward range with no other year', () => {
    expect(yearRangeIn('buurt_2022-2024_amsterdam__vl09-amsterdam.geojson')).toEqual({
      first: 2022,
      last: 2024,
    });
    expect(yearRangeIn('wijken 2016_2020.geojson')).toEqual({ first: 2016, last: 2020 });
    expect(yearRangeIn('buurt_2024-2022.geojson')).toBeUndefined();
    expect(yearRangeIn('buurt_2022-2024_versie_2025.geojson')).toBeUndefined();
    expect(yearRangeIn('buurt_2019-2020_en_2021-2022.geojson')).toBeUndefined();
    expect(yearRangeIn('buurten.geojson')).toBeUndefined();
  });

  it('refuses a file without any year with YEAR_UNKNOWN and writes nothing', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, fixture('cbs-buurten-no-year.geojson'));
    expect(e.code).toBe('YEAR_UNKNOWN');
    expect(e.message).toContain('--division');
    await expectStoreEmpty(store);
    await importPaths(store, [fixture('cbs-buurten-no-year.geojson')], { divisionYear: 2018 });
    expect(await store.listDivisionYears('buurt')).toEqual([2018]);
  });

  it('repairs a self-intersecting (bow-tie) polygon into a valid one and counts a GEOMETRY_REPAIRED warning', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [fixture('self-intersecting_2021.geojson')]);
    expect(report!.warnings['GEOMETRY_REPAIRED']?.count).toBe(1);
    expect(report!.warnings['GEOMETRY_REPAIRED']?.examples[0]).toMatch(
      /row 1: BU09990001: .*self-intersection|zero-area/,
    );
    const [bowTie] = await store.getGeometries({ divisionYear: 2021, codes: ['BU09990001'] });
    expect(isValidGeometry(bowTie!.rd)).toBe(true);
    expect(bowTie!.rd.type).toBe('MultiPolygon');
    expect(bowTie!.areaM2).toBeCloseTo((2 * (400 * 200)) / 2, 3); // two triangles of 400 × 200 / 2
  });

  it('refuses a polygon that cannot be repaired (null coordinate) with GEOMETRY_INVALID and writes nothing', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, fixture('null-coordinate_2021.geojson'));
    expect(e.code).toBe('GEOMETRY_INVALID');
    expect(e.location).toMatchObject({ file: 'null-coordinate_2021.geojson', row: 1, column: 'geometry' });
    await expectStoreEmpty(store);
  });
});

describe('importing TopoJSON boundaries', () => {
  it('decodes arcs and the transform, keeps the shared border and names the year from the file name', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [fixture('toy-buurt_2017.topojson')]);
    expect(report).toMatchObject({ layout: 'topojson-boundaries', divisionYear: 2017, geometries: 2 });
    const geoms = await store.getGeometries({ divisionYear: 2017 });
    expect(geoms.map((g) => g.code)).toEqual(['BU09170001', 'BU09170002']);
    expect(geoms[0]!.areaM2 / geoms[1]!.areaM2).toBeCloseTo(1, 2);
    const ringA = JSON.stringify(geoms[0]!.display);
    expect(ringA).toContain('[5.91,50.85]');
    expect(JSON.stringify(geoms[1]!.display)).toContain('[5.91,50.85]');
  });
});

describe('importing GeoPackage boundaries', () => {
  const buurtA = square(194000, 320000, 500);
  const buurtB = square(194500, 320000, 500);

  it('reads PDOK layers buurten and gemeenten (little and big endian, with Z)', async () => {
    const path = tmp('wijkenbuurten_2022.gpkg');
    writeGeoPackage(path, [
      {
        table: 'buurten',
        columns: ['buurtcode', 'buurtnaam', 'wijkcode', 'gemeentecode', 'gemeentenaam', 'water', 'jaar'],
        rows: [
          { values: ['BU09990001', 'Oost', 'WK099900', 'GM0999', 'Toydorp', 'NEE', 2022], geometry: buurtA },
          {
            values: ['BU09990002', 'West', 'WK099900', 'GM0999', 'Toydorp', 'NEE', 2022],
            geometry: buurtB,
            wkb: { bigEndian: true, z: true },
          },
        ],
      },
      {
        table: 'gemeenten',
        columns: ['gemeentecode', 'gemeentenaam', 'jaar'],
        rows: [
          {
            values: ['GM0999', 'Toydorp', 2022],
            geometry: { type: 'MultiPolygon', coordinates: [square(194000, 320000, 1000).coordinates] },
          },
        ],
      },
    ]);
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [path]);
    expect(report).toMatchObject({ layout: 'geopackage-boundaries', divisionYear: 2022, geometries: 3 });
    const geoms = await store.getGeometries({ divisionYear: 2022 });
    expect(geoms.map((g) => [g.code, Math.round(g.areaM2)])).toEqual([
      ['BU09990001', 250_000],
      ['BU09990002', 250_000],
      ['GM0999', 1_000_000],
    ]);
    expect(geoms.every((g) => g.display !== null)).toBe(true);
    expect((await store.listAreas({ codes: ['GM0999'] }))[0]!.name).toBe('Toydorp');
  });

  it('reads the CBS layout (BU_CODE, BU_NAAM, GM_CODE, WATER) with the year from --division', async () => {
    const path = tmp('buurt_cbs.gpkg');
    writeGeoPackage(path, [
      {
        table: 'buurt_2018_v3',
        columns: ['BU_CODE', 'BU_NAAM', 'WK_CODE', 'GM_CODE', 'GM_NAAM', 'WATER'],
        rows: [{ values: ['BU09990001', 'Oost', 'WK099900', 'GM0999', 'Toydorp', 'JA'], geometry: buurtA }],
      },
    ]);
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [path], { divisionYear: 2018 });
    expect(report!.warnings['WATER_AREA']?.count).toBe(1);
    expect((await store.listAreas({ divisionYear: 2018, level: 'buurt' }))[0]).toMatchObject({
      code: 'BU09990001',
      name: 'Oost',
    });
  });

  it('reprojects a WGS84 layer and refuses a layer in an unknown CRS', async () => {
    const wgs84 = tmp('wgs84_2023.gpkg');
    const lngLatSquare: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [5.97, 50.88],
          [5.98, 50.88],
          [5.98, 50.89],
          [5.97, 50.89],
          [5.97, 50.88],
        ],
      ],
    };
    writeGeoPackage(wgs84, [
      {
        table: 'buurten',
        srsId: 4326,
        columns: ['buurtcode'],
        rows: [{ values: ['BU09170001'], geometry: lngLatSquare }],
      },
    ]);
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [wgs84]);
    const [g] = await store.getGeometries({ divisionYear: 2023 });
    expect(g!.bbox[0]).toBeGreaterThan(190_000); // RD metres, not degrees
    expect(g!.areaM2).toBeGreaterThan(700_000);
    expect(g!.areaM2).toBeLessThan(800_000);

    const other = tmp('lambert_2023.gpkg');
    writeGeoPackage(other, [
      {
        table: 'buurten',
        srsId: 3035,
        columns: ['buurtcode'],
        rows: [{ values: ['BU09170001'], geometry: lngLatSquare }],
      },
    ]);
    const e = await importError(openSqliteStore({ path: ':memory:' }), other);
    expect(e.code).toBe('GEOMETRY_UNSUPPORTED');
    expect(e.message).toContain('srs_id 3035');
  });

  it('refuses a file that is not SQLite with GEOPACKAGE_INVALID', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, fixture('not-a-geopackage.gpkg'));
    expect(e.code).toBe('GEOPACKAGE_INVALID');
    expect(e.message).toContain('not-a-geopackage.gpkg');
    await expectStoreEmpty(store);
  });

  it('refuses an SQLite file without gpkg tables with GEOPACKAGE_INVALID', async () => {
    const path = tmp('plain_2020.gpkg');
    const db = new Database(path);
    db.exec('CREATE TABLE t (a INTEGER)');
    db.close();
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, path);
    expect(e.code).toBe('GEOPACKAGE_INVALID');
    expect(e.message).toMatch(/gpkg_contents/);
    await expectStoreEmpty(store);
  });

  it('refuses a truncated geometry blob naming the table and row, and writes nothing', async () => {
    const path = tmp('truncated_2020.gpkg');
    const blob = gpkgBlob(buurtB, 28992);
    writeGeoPackage(path, [
      {
        table: 'buurten',
        columns: ['buurtcode'],
        rows: [
          { values: ['BU09990001'], geometry: buurtA },
          { values: ['BU09990002'], geometry: blob.subarray(0, blob.length - 20) },
        ],
      },
    ]);
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, path);
    expect(e.code).toBe('GEOPACKAGE_INVALID');
    expect(e.location).toMatchObject({ file: 'truncated_2020.gpkg', row: 2, column: 'geom' });
    expect(e.message).toContain("table 'buurten'");
    await expectStoreEmpty(store);
  });

  it('keeps the store as it was when a later file fails', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [fixture('toy-buurt_2017.topojson')]);
    await importError(store, fixture('not-a-geopackage.gpkg'));
    expect((await store.getGeometries({ divisionYear: 2017 })).length).toBe(2);
    expect(geometryArea((await store.getGeometries({ divisionYear: 2017 }))[0]!.rd)).toBeGreaterThan(0);
  });
});

describe('file detection', () => {
  it('does not take a plain JSON file for boundaries', async () => {
    const path = tmp('other_2020.json');
    writeFileSync(path, '{"value": [1, 2, 3]}');
    const store = openSqliteStore({ path: ':memory:' });
    expect((await importError(store, path)).code).toBe('UNKNOWN_FILE_KIND');
  });
});
