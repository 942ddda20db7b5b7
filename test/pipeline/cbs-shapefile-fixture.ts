/**
 * Fixtures for the Shapefile and ZIP boundary tests, written at run time: a few buurten of the CBS
 * wijk- en buurtkaart 2019 layout (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM, WATER, AANT_INW;
 * RD New) with a hole, a multipolygon, water, a null shape and CBS secrecy markers, the three
 * layers of the CBS ZIP, and the helpers that check a refused import left the store as it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import type { PolygonGeometry } from '../../src/core/records.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/run-import.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { ZipInput } from '../stand-in/zip-writer.js';
import {
  RD_NEW_PRJ,
  shapefileRings,
  writeShapefile,
  type DbfFieldSpec,
  type ShapefileOptions,
  type ShapeRecord,
} from './shapefile-writer.js';

export const tmpDir = (): string => mkdtempSync(join(tmpdir(), 'vk-shp-'));

export const square = (x: number, y: number, s: number): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
export const poly = (...rings: number[][][]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });
export const multi = (...polys: number[][][][]): PolygonGeometry => ({
  type: 'MultiPolygon',
  coordinates: polys,
});

export const CBS_FIELDS: DbfFieldSpec[] = [
  { name: 'BU_CODE', type: 'C', length: 10 },
  { name: 'BU_NAAM', type: 'C', length: 60 },
  { name: 'WK_CODE', type: 'C', length: 8 },
  { name: 'GM_CODE', type: 'C', length: 6 },
  { name: 'GM_NAAM', type: 'C', length: 60 },
  { name: 'WATER', type: 'C', length: 4 },
  { name: 'AANT_INW', type: 'N', length: 11 },
];

export const buurt = (
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

export const NUENEN = 'Nuenen, Gerwen en Nederwetten';
export const SWF = 'Súdwest-Fryslân';

/** A few buurten of the CBS buurtkaart 2019: a hole, a multipolygon, water, a null shape, secrecy markers. */
export const CBS_BUURTEN: ShapeRecord[] = [
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

export const EXPECTED_AREAS = [
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

export function cbsShapefile(
  dir: string,
  o: Partial<ShapefileOptions> = {},
  layer = 'buurt_2019_v3',
): string {
  return writeShapefile(dir, layer, {
    fields: CBS_FIELDS,
    records: CBS_BUURTEN,
    encoding: 'windows-1252',
    ldid: 0x57,
    prj: RD_NEW_PRJ,
    ...o,
  });
}

export async function importError(
  store: SqliteStore,
  paths: string[],
  options: ImportOptions = {},
): Promise<AppError> {
  const e = await importPaths(store, paths, options).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

export async function expectStoreEmpty(store: SqliteStore): Promise<void> {
  expect(await store.listImports()).toEqual([]);
  expect(await store.listAreas({})).toEqual([]);
  expect(store.db.prepare('SELECT COUNT(*) AS n FROM geometries').get()).toEqual({ n: 0 });
}

/** The three layers of the CBS wijk- en buurtkaart in one folder of a ZIP, as CBS published it. */
export function cbsZipMembers(folder: string): ZipInput[] {
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

/** Imports a good GeoJSON file and then `bad`: the error, with the store as before the run. */
export async function refusedAfterGoodFile(bad: string, options: ImportOptions = {}): Promise<AppError> {
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
