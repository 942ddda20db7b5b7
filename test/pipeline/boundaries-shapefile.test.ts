/**
 * Shapefile and ZIP boundaries as GIS desks pass them around: the CBS Wijk- en buurtkaart layout
 * (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER, AANT_INW; RD New), written at run time
 * by test/pipeline/shapefile-writer.ts in every encoding CBS, GDAL and QGIS use, and the ZIPs
 * CBS and PDOK publish (a Shapefile per level, or a GeoPackage).
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import type { PolygonGeometry } from '../../src/core/records.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../../src/pipeline/input-limits.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/run-import.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { writeZip, type ZipInput } from '../stand-in/zip-writer.js';
import { writeGeoPackage } from './gpkg-writer.js';
import {
  RD_NEW_PRJ,
  shapefileRings,
  UTM31_PRJ,
  writeShapefile,
  type DbfFieldSpec,
  type ShapefileOptions,
  type ShapeRecord,
} from './shapefile-writer.js';

const tmpDir = (): string => mkdtempSync(join(tmpdir(), 'vk-shp-'));

const square = (x: number, y: number, s: number): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: number[][][]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });
const multi = (...polys: number[][][][]): PolygonGeometry => ({ type: 'MultiPolygon', coordinates: polys });

const CBS_FIELDS: DbfFieldSpec[] = [
  { name: 'BU_CODE', type: 'C', length: 10 },
  { name: 'BU_NAAM', type: 'C', length: 60 },
  { name: 'WK_CODE', type: 'C', length: 8 },
  { name: 'GM_CODE', type: 'C', length: 6 },
  { name: 'GM_NAAM', type: 'C', length: 60 },
  { name: 'WATER', type: 'C', length: 4 },
  { name: 'AANT_INW', type: 'N', length: 11 },
];

const buurt = (
  code: string,
  name: string,
  gm: string,
  geometry: PolygonGeometry | null,
  extra: Partial<Record<'WATER' | 'AANT_INW', string | number>> = {},
): ShapeRecord => ({
  rings: geometry && shapefileRings(geometry),
  values: {
    BU_CODE: code,
    BU_NAAM: name,
    WK_CODE: `WK${code.slice(2, 8)}`,
    GM_CODE: `GM${code.slice(2, 6)}`,
    GM_NAAM: gm,
    WATER: 'NEE',
    AANT_INW: 1234,
    ...extra,
  },
});

const NUENEN = 'Nuenen, Gerwen en Nederwetten';
const SWF = 'Súdwest-Fryslân';

/** A few buurten of the CBS buurtkaart 2019: a hole, a multipolygon, water, a null shape, secrecy markers. */
const CBS_BUURTEN: ShapeRecord[] = [
  // 1000 × 1000 m with a 200 × 200 m hole: 960,000 m²
  buurt(
    'BU08200000',
    'Nuenen-Centrum',
    NUENEN,
    poly(square(165_000, 385_000, 1000), square(165_400, 385_400, 200)),
  ),
  // two parts: 300 × 300 + 100 × 100 = 100,000 m²
  buurt(
    'BU08200001',
    'Gerwen',
    NUENEN,
    multi([square(166_100, 385_000, 300)], [square(166_500, 385_000, 100)]),
    { AANT_INW: -99999999 },
  ),
  buurt('BU19000000', 'Blauhûs', SWF, poly(square(165_000, 560_000, 500)), { AANT_INW: -99999997 }),
  buurt('BU19000098', 'Sûdein', SWF, null),
  buurt('BU19000099', 'IJsselmeer (water)', SWF, poly(square(166_000, 560_000, 200)), { WATER: 'JA' }),
];

const EXPECTED_AREAS = [
  ['BU08200000', 'buurt', 'Nuenen-Centrum'],
  ['BU08200001', 'buurt', 'Gerwen'],
  ['BU19000000', 'buurt', 'Blauhûs'],
  ['BU19000098', 'buurt', 'Sûdein'],
  ['BU19000099', 'buurt', 'IJsselmeer (water)'],
  ['GM0820', 'gemeente', NUENEN],
  ['GM1900', 'gemeente', SWF],
  ['WK082000', 'wijk', null],
  ['WK190000', 'wijk', null],
];

function cbsShapefile(dir: string, o: Partial<ShapefileOptions> = {}, layer = 'buurt_2019_v3'): string {
  return writeShapefile(dir, layer, {
    fields: CBS_FIELDS,
    records: CBS_BUURTEN,
    encoding: 'windows-1252',
    ldid: 0x57,
    prj: RD_NEW_PRJ,
    ...o,
  });
}

async function importError(
  store: SqliteStore,
  paths: string[],
  options: ImportOptions = {},
): Promise<AppError> {
  const e = await importPaths(store, paths, options).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function expectStoreEmpty(store: SqliteStore): Promise<void> {
  expect(await store.listImports()).toEqual([]);
  expect(await store.listAreas({})).toEqual([]);
  expect(store.db.prepare('SELECT COUNT(*) AS n FROM geometries').get()).toEqual({ n: 0 });
}

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

/** The three layers of the CBS wijk- en buurtkaart in one folder of a ZIP, as CBS published it. */
function cbsZipMembers(folder: string): ZipInput[] {
  const dir = tmpDir();
  cbsShapefile(dir, { records: CBS_BUURTEN.slice(0, 2) });
  writeShapefile(dir, 'wijk_2019_v3', {
    fields: [
      { name: 'WK_CODE', type: 'C', length: 8 },
      { name: 'WK_NAAM', type: 'C', length: 60 },
      { name: 'GM_CODE', type: 'C', length: 6 },
      { name: 'GM_NAAM', type: 'C', length: 60 },
    ],
    records: [
      {
        rings: shapefileRings(poly(square(165_000, 385_000, 1700))),
        values: { WK_CODE: 'WK082000', WK_NAAM: 'Wijk 00 Nuenen', GM_CODE: 'GM0820', GM_NAAM: NUENEN },
      },
    ],
    encoding: 'utf-8',
    cpg: 'UTF-8',
    prj: RD_NEW_PRJ,
  });
  writeShapefile(dir, 'gemeente_2019_v3', {
    fields: [
      { name: 'GM_CODE', type: 'C', length: 6 },
      { name: 'GM_NAAM', type: 'C', length: 60 },
    ],
    records: [
      {
        rings: shapefileRings(poly(square(165_000, 385_000, 2000))),
        values: { GM_CODE: 'GM0820', GM_NAAM: NUENEN },
      },
    ],
    encoding: 'windows-1252',
    ldid: 0x57,
    prj: RD_NEW_PRJ,
  });
  const members: ZipInput[] = [{ name: `${folder}/`, data: Buffer.alloc(0), method: 0 }];
  for (const layer of ['gemeente_2019_v3', 'wijk_2019_v3', 'buurt_2019_v3'])
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
      try {
        members.push({
          name: `${folder}/${layer}.${ext}`,
          data: readFileSync(join(dir, `${layer}.${ext}`)),
          method: 8,
        });
      } catch {
        // no .cpg for a Windows-1252 layer marked by its language driver
      }
  members.push({ name: `${folder}/Toelichting.pdf`, data: Buffer.from('%PDF-1.4'), method: 8 });
  return members;
}

describe('importing a ZIP of boundaries', () => {
  it('reads every Shapefile of the CBS wijk- en buurtkaart ZIP: gemeente, wijk and buurt with their geometry', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(zip, cbsZipMembers('WijkBuurtkaart_2019_v3'));
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [zip]);
    expect(report).toMatchObject({ layout: 'zip-boundaries', divisionYear: 2019, geometries: 4 });
    const geoms = await store.getGeometries({ divisionYear: 2019 });
    expect(geoms.map((g) => [g.code, Math.round(g.areaM2)])).toEqual([
      ['BU08200000', 960_000],
      ['BU08200001', 100_000],
      ['GM0820', 4_000_000],
      ['WK082000', 2_890_000],
    ]);
    const areas = await store.listAreas({ divisionYear: 2019 });
    expect(areas.find((a) => a.code === 'WK082000')!.name).toBe('Wijk 00 Nuenen');
    expect(areas.find((a) => a.code === 'GM0820')!.name).toBe(NUENEN);
    expect((await store.listImports())[0]!.edition).toBe(
      'Grenzen indeling 2019 (Shapefile in ZIP, WijkBuurtkaart_2019_v3.zip)',
    );
  });

  it('reads a ZIP found in a folder the same way', async () => {
    const dir = tmpDir();
    writeZip(join(dir, 'WijkBuurtkaart_2019_v3.zip'), cbsZipMembers('WijkBuurtkaart_2019_v3'));
    const store = openSqliteStore({ path: ':memory:' });
    const reports = await importPaths(store, [dir]);
    expect(reports.map((r) => [r.file, r.layout, r.geometries])).toEqual([
      ['WijkBuurtkaart_2019_v3.zip', 'zip-boundaries', 4],
    ]);
  });

  it('reads a ZIP holding a GeoPackage (the newer downloads) as that GeoPackage', async () => {
    const dir = tmpDir();
    const gpkg = join(dir, 'wijkenbuurten_2022_v1.gpkg');
    writeGeoPackage(gpkg, [
      {
        table: 'buurten',
        columns: ['buurtcode', 'buurtnaam', 'gemeentecode', 'gemeentenaam', 'water', 'jaar'],
        rows: [
          {
            values: ['BU19000000', 'Blauhûs', 'GM1900', SWF, 'NEE', 2022],
            geometry: poly(square(165_000, 560_000, 500)),
          },
        ],
      },
    ]);
    const zip = join(dir, 'wijkenbuurten_2022_v1.zip');
    writeZip(zip, [{ name: 'wijkenbuurten_2022_v1.gpkg', data: readFileSync(gpkg), method: 8 }]);
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [zip]);
    expect(report).toMatchObject({ layout: 'zip-boundaries', divisionYear: 2022, geometries: 1 });
    const areas = await store.listAreas({ divisionYear: 2022 });
    expect(areas.map((a) => [a.code, a.name])).toEqual([
      ['BU19000000', 'Blauhûs'],
      ['GM1900', SWF],
      ['WK190000', null],
    ]);
  });
});

describe('refusing bad Shapefiles and ZIPs (nothing written)', () => {
  /** Imports a good GeoJSON file and then `bad`: the error, with the store as before the run. */
  async function refusedAfterGoodFile(bad: string, options: ImportOptions = {}): Promise<AppError> {
    const dir = tmpDir();
    const good = join(dir, 'goed_2019.geojson');
    writeFileSync(
      good,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { statcode: 'BU09990001' },
            geometry: poly(square(194_000, 320_000, 100)),
          },
        ],
      }),
    );
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, [good, bad], options);
    await expectStoreEmpty(store);
    return e;
  }

  it('a .shp without its .dbf: SHAPEFILE_INVALID naming the .shp and the missing .dbf', async () => {
    const dir = tmpDir();
    const shp = cbsShapefile(dir);
    const { rmSync } = await import('node:fs');
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

  it('a ZIP bomb (a .shp member inflating past the bound though it declares little): INPUT_TOO_LARGE naming the member', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(zip, [{ name: 'buurt_2019_v3.shp', data: Buffer.alloc(4 * 1024 * 1024), method: 8 }]);
    // the writer records the true size: make the directory lie about it
    const bytes = readFileSync(zip);
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(100, cd + 24);
    writeFileSync(zip, bytes);
    const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS, maxInflatedBytes: 1024 * 1024 };
    const e = await refusedAfterGoodFile(zip, { limits });
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.location).toMatchObject({ file: 'WijkBuurtkaart_2019_v3.zip', column: 'buurt_2019_v3.shp' });
  });

  it('a ZIP whose members declare more than the bound: INPUT_TOO_LARGE before anything is inflated', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(zip, cbsZipMembers('kaart'));
    const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS, maxInflatedBytes: 1000 };
    const e = await refusedAfterGoodFile(zip, { limits });
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toMatch(/the unpacked archive exceeds the bound of 1000 bytes \(members declare/);
  });

  it('a ZIP of more members than the bound: INPUT_TOO_LARGE', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'veel_2019.zip');
    writeZip(
      zip,
      Array.from({ length: 30 }, (_, i) => ({
        name: `m${i}.shp`,
        data: Buffer.alloc(1),
        method: 0 as const,
      })),
    );
    const e = await refusedAfterGoodFile(zip, { limits: { ...DEFAULT_INPUT_LIMITS, maxZipMembers: 20 } });
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toMatch(/the number of members exceeds the bound of 20 \(30\)/);
  });

  it('a truncated ZIP named: FILE_UNREADABLE naming it', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(zip, cbsZipMembers('kaart'));
    writeFileSync(zip, readFileSync(zip).subarray(0, 2000));
    const e = await refusedAfterGoodFile(zip);
    expect(e.code).toBe('FILE_UNREADABLE');
    expect(e.location?.file).toBe('WijkBuurtkaart_2019_v3.zip');
  });

  it('a bad Shapefile inside a ZIP: the error names the archive and member', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(
      zip,
      cbsZipMembers('kaart').filter((m) => m.name !== 'kaart/wijk_2019_v3.dbf'),
    );
    const e = await refusedAfterGoodFile(zip);
    expect(e.code).toBe('SHAPEFILE_INVALID');
    expect(e.location?.file).toBe('WijkBuurtkaart_2019_v3.zip/kaart/wijk_2019_v3.shp');
  });

  it('a ZIP of something else named on the command line: UNKNOWN_FILE_KIND saying what it holds', async () => {
    const dir = tmpDir();
    const zip = join(dir, 'kwb-2019.zip');
    writeZip(zip, [{ name: 'kwb-2019.csv', data: Buffer.from('gwb_code;a_inw\nBU09990001;5\n'), method: 8 }]);
    const e = await refusedAfterGoodFile(zip);
    expect(e.code).toBe('UNKNOWN_FILE_KIND');
    expect(e.location).toMatchObject({ file: 'kwb-2019.zip', found: 'kwb-2019.csv' });
  });

  it('a folder with a ZIP of something else and no boundaries: NOTHING_TO_IMPORT (the ZIP is skipped, as before)', async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, 'sub'));
    writeZip(join(dir, 'sub', 'kwb-2019.zip'), [{ name: 'kwb-2019.csv', data: Buffer.from('x'), method: 8 }]);
    const store = openSqliteStore({ path: ':memory:' });
    const e = await importError(store, [dir]);
    expect(e.code).toBe('NOTHING_TO_IMPORT');
    expect(e.message).toMatch(/no file was found/);
  });
});
