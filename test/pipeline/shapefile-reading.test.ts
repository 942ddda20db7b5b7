/** The parts of reading a Shapefile: .dbf cells, rings into polygons, the .prj's CRS. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { readDbf } from '../../src/pipeline/geo/dbf-table.js';
import { crsFromPrj } from '../../src/pipeline/geo/prj-crs.js';
import { polygonsFromRings, readShpPolygons } from '../../src/pipeline/geo/shp-polygons.js';
import { DEFAULT_INPUT_LIMITS } from '../../src/pipeline/input-limits.js';
import { dbf, RD_NEW_PRJ, shpAndShx, UTM31_PRJ, WGS84_PRJ } from './shapefile-writer.js';

const square = (x: number, y: number, s: number, clockwise: boolean): number[][] => {
  const r = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  return clockwise ? r.reverse() : r;
};

describe('readDbf(bytes, file, cpg, limits)', () => {
  const fields = [
    { name: 'BU_CODE', type: 'C' as const, length: 10 },
    { name: 'AANT_INW', type: 'N' as const, length: 11 },
    { name: 'P_HUURWON', type: 'N' as const, length: 11, decimals: 1 },
  ];

  it('reads CBS secrecy markers (-99999999, -99999998, -99999997) and blanks as null, never as numbers', () => {
    const bytes = dbf({
      fields,
      records: [
        { rings: null, values: { BU_CODE: 'BU08200000', AANT_INW: 1234, P_HUURWON: 35.5 } },
        { rings: null, values: { BU_CODE: 'BU08200001', AANT_INW: -99999999, P_HUURWON: -99999997 } },
        { rings: null, values: { BU_CODE: 'BU08200002', AANT_INW: -99999998, P_HUURWON: null } },
        { rings: null, values: { BU_CODE: 'BU08200003', AANT_INW: 0, P_HUURWON: -1 } },
      ],
    });
    const table = readDbf(bytes, 'buurt.dbf', undefined, DEFAULT_INPUT_LIMITS);
    expect(table.records).toEqual([
      { BU_CODE: 'BU08200000', AANT_INW: 1234, P_HUURWON: 35.5 },
      { BU_CODE: 'BU08200001', AANT_INW: null, P_HUURWON: null },
      { BU_CODE: 'BU08200002', AANT_INW: null, P_HUURWON: null },
      { BU_CODE: 'BU08200003', AANT_INW: 0, P_HUURWON: -1 },
    ]);
  });

  it('gives a record marked deleted as null', () => {
    const bytes = dbf({ fields, records: [{ rings: null, values: { BU_CODE: 'BU08200000' } }] });
    bytes[bytes.readUInt16LE(8)] = 0x2a; // '*'
    expect(readDbf(bytes, 'buurt.dbf', undefined, DEFAULT_INPUT_LIMITS).records).toEqual([null]);
  });

  it('refuses more records than the bound before reading them', () => {
    const bytes = dbf({ fields, records: [{ rings: null, values: {} }] });
    bytes.writeUInt32LE(4_000_000_000, 4);
    expect(() => readDbf(bytes, 'buurt.dbf', undefined, DEFAULT_INPUT_LIMITS)).toThrowError(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE' }) as Error,
    );
  });
});

describe('polygonsFromRings(rings)', () => {
  it('gives each counter-clockwise hole to the smallest clockwise ring holding it, in any order', () => {
    const big = square(0, 0, 1000, true);
    const island = square(400, 400, 100, true); // a shell inside the hole of `big`
    const hole = square(300, 300, 400, false);
    const islandHole = square(420, 420, 20, false);
    expect(polygonsFromRings([islandHole, hole, island, big])).toEqual([
      [island, islandHole],
      [big, hole],
    ]);
  });

  it('gives a hole that touches its shell at its first vertex to that shell', () => {
    const shell = square(0, 0, 100, true);
    const hole = [
      [0, 50],
      [50, 40],
      [50, 60],
      [0, 50],
    ];
    expect(polygonsFromRings([shell, hole])).toEqual([[shell, hole]]);
  });

  it('makes a counter-clockwise ring outside every shell a shell of its own (writers that orient all rings alike)', () => {
    const a = square(0, 0, 10, false);
    const b = square(20, 0, 10, false);
    expect(polygonsFromRings([a, b])).toEqual([[a], [b]]);
  });
});

describe('readShpPolygons(bytes, file, limits)', () => {
  it('counts the vertices of a record against the bound before decoding them', () => {
    const ring = square(0, 0, 10, true);
    const { shp } = shpAndShx([{ rings: [ring, ring, ring], values: {} }]);
    const limits = { ...DEFAULT_INPUT_LIMITS, maxFeatureVertices: 12 };
    let e: unknown;
    try {
      readShpPolygons(shp, 'buurt.shp', limits);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).location).toMatchObject({ file: 'buurt.shp', row: 1, found: '15' });
  });
});

describe('crsFromPrj(text, file)', () => {
  it.each([
    ['ESRI RD_New', RD_NEW_PRJ, 'EPSG:28992'],
    [
      'OGC WKT1 with authority',
      'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],AUTHORITY["EPSG","28992"]]',
      'EPSG:28992',
    ],
    ['ESRI GCS_WGS_1984', WGS84_PRJ, 'EPSG:4326'],
    ['OGC WGS 84', 'GEOGCS["WGS 84",DATUM["WGS_1984"],AUTHORITY["EPSG","4326"]]', 'EPSG:4326'],
  ])('recognises %s', (_, prj, crs) => {
    expect(crsFromPrj(prj, 'buurt.prj')).toBe(crs);
  });

  it.each([
    ['ETRS89 / UTM 31N', UTM31_PRJ, 'ETRS_1989_UTM_Zone_31N'],
    ['Amersfoort geographic', 'GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort"]]', 'GCS_Amersfoort'],
    [
      'Web Mercator',
      'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"]]',
      'WGS_1984_Web_Mercator_Auxiliary_Sphere',
    ],
  ])('refuses %s with GEOMETRY_UNSUPPORTED naming it', (_, prj, name) => {
    expect(() => crsFromPrj(prj, 'buurt.prj')).toThrowError(
      expect.objectContaining({
        code: 'GEOMETRY_UNSUPPORTED',
        location: expect.objectContaining({ found: name }),
      }) as Error,
    );
  });
});
