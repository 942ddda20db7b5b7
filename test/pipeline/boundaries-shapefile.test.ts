/**
 * Shapefiles as GIS desks pass them around: the CBS Wijk- en buurtkaart layout, written at run
 * time (cbs-shapefile-fixture.ts, shapefile-writer.ts) in every encoding CBS, GDAL and QGIS use;
 * and the Shapefiles that are refused, each leaving the store as it was.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { writeZip } from '../stand-in/zip-writer.js';
import {
  buurt,
  CBS_BUURTEN,
  cbsShapefile,
  EXPECTED_AREAS,
  NUENEN,
  poly,
  refusedAfterGoodFile,
  square,
  tmpDir,
} from './cbs-shapefile-fixture.js';
import { UTM31_PRJ } from './shapefile-writer.js';

describe('importing a Shapefile (the CBS wijk- en buurtkaart layout)', () => {
  it('reads codes, names, parents, water, a hole, a multipolygon and a null shape from a Windows-1252 .dbf in RD New', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [cbsShapefile(tmpDir())]);
    expect(report).toMatchObject({ layout: 'shapefile-boundaries', divisionYear: 2019, geometries: 4 });
    expect(report!.warnings['WATER_AREA']?.count).toBe(1);
    expect(report!.warnings['GEOMETRY_MISSING']?.count).toBe(1);
    expect(report!.warnings['ENCODING_DETECTED']?.examples[0]).toMatch(
      /Windows-1252 \(the \.dbf language driver byte/,
    );
    const areas = await store.listAreas({ divisionYear: 2019 });
    expect(areas.map((a) => [a.code, a.level, a.name])).toEqual(EXPECTED_AREAS);

    const geoms = await store.getGeometries({ divisionYear: 2019 });
    const byCode = new Map(geoms.map((g) => [g.code, g]));
    expect([...byCode.keys()]).toEqual(['BU08200000', 'BU08200001', 'BU19000000', 'BU19000099']);
    const centrum = byCode.get('BU08200000')!;
    expect(centrum.areaM2).toBeCloseTo(960_000, 6);
    expect(centrum.rd.type).toBe('Polygon');
    expect(centrum.rd.coordinates).toHaveLength(2); // shell and hole
    const gerwen = byCode.get('BU08200001')!;
    expect(gerwen.areaM2).toBeCloseTo(100_000, 6);
    expect(gerwen.rd.type).toBe('MultiPolygon');
    expect(gerwen.rd.coordinates).toHaveLength(2);
    expect(byCode.get('BU19000000')!.areaM2).toBeCloseTo(250_000, 6);
    expect(byCode.get('BU19000000')!.bbox).toEqual([165_000, 560_000, 165_500, 560_500]);
    expect((await store.listImports())[0]!.edition).toBe(
      'Grenzen indeling 2019 (Shapefile, buurt_2019_v3.shp)',
    );
  });

  it.each([
    ['Windows-1252 with a .cpg "1252"', { encoding: 'windows-1252', ldid: 0, cpg: '1252' }],
    [
      'Windows-1252 with a .cpg "ISO-8859-1" (GDAL)',
      { encoding: 'windows-1252', ldid: 0x57, cpg: 'ISO-8859-1' },
    ],
    ['Windows-1252 without .cpg or language driver', { encoding: 'windows-1252', ldid: 0 }],
    ['UTF-8 with a .cpg "UTF-8" (QGIS)', { encoding: 'utf-8', ldid: 0, cpg: 'UTF-8' }],
    ['UTF-8 without .cpg or language driver', { encoding: 'utf-8', ldid: 0 }],
    ['UTF-8 marked "ANSI" (0x57) without .cpg', { encoding: 'utf-8', ldid: 0x57 }],
  ] as const)('names come out right: %s', async (_, o) => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [cbsShapefile(tmpDir(), o)]);
    const names = (await store.listAreas({ divisionYear: 2019 })).map((a) => a.name);
    expect(names).toEqual(EXPECTED_AREAS.map((a) => a[2]));
  });

  it('reads a folder holding the Shapefile set, its index and metadata files and a ZIP of something else, reporting no skips', async () => {
    const dir = tmpDir();
    cbsShapefile(dir);
    writeFileSync(join(dir, 'buurt_2019_v3.shp.xml'), '<metadata/>');
    writeFileSync(join(dir, 'buurt_2019_v3.sbn'), Buffer.alloc(100));
    writeFileSync(join(dir, 'Toelichting.pdf'), '%PDF-1.4');
    writeZip(join(dir, 'documentatie.zip'), [
      { name: 'lees-mij.csv', data: Buffer.from('a;b\n1;2\n'), method: 8 },
    ]);
    const skipped: string[] = [];
    const store = openSqliteStore({ path: ':memory:' });
    const reports = await importPaths(store, [dir], { onSkipped: (f) => skipped.push(f) });
    expect(reports.map((r) => [r.file, r.geometries])).toEqual([['buurt_2019_v3.shp', 4]]);
    expect(skipped).toEqual([]);
  });

  it('WGS84 by its .prj; without a .prj the CRS is read from the coordinates', async () => {
    const dir = tmpDir();
    const lngLat = (x: number, y: number): number[][] => square(x, y, 0.01);
    const records = [buurt('BU08200000', 'Nuenen-Centrum', NUENEN, poly(lngLat(5.55, 51.44)))];
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [
      cbsShapefile(dir, { records, prj: undefined, encoding: 'utf-8' }, 'buurt_2019_wgs84'),
    ]);
    const [g] = await store.getGeometries({ divisionYear: 2019 });
    // 0.01° × 0.01° at 51.44 N ≈ 694 m × 1,112 m
    expect(g!.areaM2).toBeGreaterThan(760_000);
    expect(g!.areaM2).toBeLessThan(785_000);
    expect(g!.bbox[0]).toBeGreaterThan(160_000);
    expect(g!.bbox[0]).toBeLessThan(170_000);
  });
});

describe('refusing bad Shapefiles (nothing written)', () => {
  it('a .dbf named on its own: UNKNOWN_FILE_KIND saying to name the .shp', async () => {
    const dir = tmpDir();
    cbsShapefile(dir);
    const e = await refusedAfterGoodFile(join(dir, 'buurt_2019_v3.dbf'));
    expect(e.code).toBe('UNKNOWN_FILE_KIND');
    expect(e.message).toMatch(/name its \.shp \(buurt_2019_v3\.shp, with this file beside it\)/);
  });

  it('a .shp without its .dbf: SHAPEFILE_INVALID naming the .shp and the missing .dbf', async () => {
    const dir = tmpDir();
    const shp = cbsShapefile(dir);
    rmSync(join(dir, 'buurt_2019_v3.dbf'));
    const e = await refusedAfterGoodFile(shp);
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.location?.file).toBe('buurt_2019_v3.shp');
    expect(e.message).toMatch(/no \.dbf beside buurt_2019_v3\.shp/);
  });

  it('a truncated .shp: SHAPEFILE_INVALID naming the record that is cut off', async () => {
    const dir = tmpDir();
    const shp = cbsShapefile(dir);
    const bytes = readFileSync(shp);
    // the header (100) and record 1 (8 + 44 + 2 × 4 + 10 × 16 = 220 bytes), then part of record 2
    writeFileSync(shp, bytes.subarray(0, 100 + 220 + 30));
    const e = await refusedAfterGoodFile(shp);
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.location).toMatchObject({ file: 'buurt_2019_v3.shp', row: 2 });
    expect(e.message).toMatch(/record 2 is cut off/);
  });

  it('a .shp cut after a whole record: SHAPEFILE_INVALID, its header says more', async () => {
    const dir = tmpDir();
    const shp = cbsShapefile(dir);
    writeFileSync(shp, readFileSync(shp).subarray(0, 100 + 220));
    const e = await refusedAfterGoodFile(shp);
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.location).toMatchObject({ file: 'buurt_2019_v3.shp', row: 2 });
  });

  it('a truncated .dbf: SHAPEFILE_INVALID naming the .dbf and the record', async () => {
    const dir = tmpDir();
    cbsShapefile(dir);
    const dbfPath = join(dir, 'buurt_2019_v3.dbf');
    const dbf = readFileSync(dbfPath);
    const headerLength = dbf.readUInt16LE(8);
    const recordLength = dbf.readUInt16LE(10);
    writeFileSync(dbfPath, dbf.subarray(0, headerLength + 2 * recordLength + 5));
    const e = await refusedAfterGoodFile(join(dir, 'buurt_2019_v3.shp'));
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.location).toMatchObject({ file: 'buurt_2019_v3.dbf', row: 3 });
  });

  it('a .shp and .dbf with different record counts: SHAPEFILE_INVALID', async () => {
    const dir = tmpDir();
    cbsShapefile(dir);
    const other = tmpDir();
    cbsShapefile(other, { records: CBS_BUURTEN.slice(0, 3) });
    writeFileSync(join(dir, 'buurt_2019_v3.dbf'), readFileSync(join(other, 'buurt_2019_v3.dbf')));
    const e = await refusedAfterGoodFile(join(dir, 'buurt_2019_v3.shp'));
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.message).toMatch(/holds 5 shapes, buurt_2019_v3\.dbf 3 records/);
  });

  it('a .prj in another CRS (ETRS89 / UTM 31N): GEOMETRY_UNSUPPORTED naming it', async () => {
    const e = await refusedAfterGoodFile(cbsShapefile(tmpDir(), { prj: UTM31_PRJ }));
    expect(e.code).toBe('GEOMETRY_UNSUPPORTED');
    expect(e.location?.file).toBe('buurt_2019_v3.prj');
    expect(e.message).toMatch(/'ETRS_1989_UTM_Zone_31N'.*RD New \(EPSG:28992\) or WGS84/);
  });

  it('a Shapefile of lines: GEOMETRY_UNSUPPORTED', async () => {
    const e = await refusedAfterGoodFile(cbsShapefile(tmpDir(), { shapeType: 3 }));
    expect(e.code).toBe('GEOMETRY_UNSUPPORTED');
    expect(e.message).toMatch(/PolyLine shapes; boundaries must be polygons/);
  });

  it('a .cpg naming a code page Veerkracht does not decode, with text beyond ASCII: FILE_ENCODING naming record and field', async () => {
    const e = await refusedAfterGoodFile(cbsShapefile(tmpDir(), { cpg: '866' }));
    expect(e.code).toBe('FILE_ENCODING');
    // rows 1 and 2 are ASCII; 'Blauhûs' is the first name beyond it
    expect(e.location).toMatchObject({ file: 'buurt_2019_v3.dbf', row: 3, column: 'BU_NAAM' });
    expect(e.message).toMatch(/code page '866' \(the \.cpg\) is not one Veerkracht decodes/);
  });

  it('bytes that are not UTF-8 in a .dbf whose .cpg says UTF-8: FILE_ENCODING', async () => {
    const e = await refusedAfterGoodFile(cbsShapefile(tmpDir(), { cpg: 'UTF-8' }));
    expect(e.code).toBe('FILE_ENCODING');
    expect(e.location).toMatchObject({ file: 'buurt_2019_v3.dbf', row: 3, column: 'BU_NAAM' });
  });
});
