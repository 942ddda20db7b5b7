/**
 * Bad input found by trying (issue 9, §2), each kind a case: refused with a stable code that is
 * never INTERNAL, a location naming the file (and line/row/column where there is one), and the
 * store exactly as it was — every table compared before and after. Kinds the documented
 * behaviour keeps are imported with the warning that says so. Synthetic inputs only; the
 * real-data versions are in import-bad-input-real.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/app-error.js';
import { type ErrorCode } from '../../src/core/app-error.js';
import type { PolygonGeometry } from '../../src/core/records.js';
import { DEFAULT_INPUT_LIMITS as DEFAULTS } from '../../src/pipeline/input-limits.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { writeGeoPackage } from './gpkg-writer.js';
import { encodeWindows1252 } from './resave.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';
import { expectRefusedImport } from './refused-import.js';

/** A store that already holds boundaries and Leefbaarometer values, so "as before" means something. */
async function seededStore(): Promise<SqliteStore> {
  const store = memoryStore();
  await importPaths(store, [
    fixture('geo/heerlen-wijk20-codes_2019.geojson'),
    fixture('kwb/kwb2019_heerlen_wijk20.csv'),
    fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv'),
  ]);
  return store;
}

/** Imports `paths` into a seeded store; asserts the refusal and that every table is unchanged. */
function expectRefused(paths: string[], code: ErrorCode, options: ImportOptions = {}): Promise<AppError> {
  return expectRefusedImport(seededStore, paths, code, options);
}

const LBM_HEADER = 'bu_code,versie,jaar,bu_naam,lbm,afw,fys,onv,soc,vrz,won';
const lbmRow = (code: string, year: number, lbm = '4.035'): string =>
  `${code},Leefbaarometer 3.0,${year},Buurt ${code},${lbm},-0.067,-0.0006,-0.175,-0.047,0.176,-0.02`;

function square(x: number, y: number, size: number): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  };
}

function geojson(features: { code: string; geometry: PolygonGeometry | null }[], crs?: string): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: features.map((f) => ({
      type: 'Feature',
      properties: { statcode: f.code },
      geometry: f.geometry,
    })),
  });
}

describe('size: a national Leefbaarometer file (14,574 buurten × 9 years = 131,166 rows)', () => {
  it('imports without exhausting the stack (no spread of a large array)', async () => {
    const lines = [LBM_HEADER];
    const years = [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024];
    for (let b = 0; b < 14_574; b++) {
      // 146 wijken of 100 buurten: wijk numbers run into letters as in Amsterdam (BU0999A501)
      const wijk = Math.floor(b / 100)
        .toString(36)
        .toUpperCase()
        .padStart(2, '0');
      const code = `BU0999${wijk}${String(b % 100).padStart(2, '0')}`;
      for (const y of years) lines.push(lbmRow(code, y, (4 + (b % 50) / 100).toFixed(3)));
    }
    expect(lines).toHaveLength(131_167);
    const store = memoryStore();
    const [report] = await importPaths(store, [tmpFile('lbm3_meting2024_nl.csv', lines.join('\n'))], {
      harmonise: false,
    });
    expect(report!.edition).toBe('Leefbaarometer 3.0 meting 2024');
    expect(report!.areas.byLevel).toEqual({ buurt: 14_574 });
    expect(report!.valuesPerIndicator['lbm_total']).toMatchObject({ values: 131_166, missing: 0 });
  }, 120_000);
});

describe('depth: JSON nested 200,000 levels deep', () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  it('is INPUT_TOO_LARGE for GeoJSON, TopoJSON and OData files alike, naming the line', async () => {
    const geo = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statcode":"BU09990001"},"geometry":{"type":"Polygon","coordinates":${deep}}}]}`;
    const e = await expectRefused([tmpFile('diep_2019.geojson', geo)], 'INPUT_TOO_LARGE');
    expect(e.message).toMatch(/JSON nesting depth exceeds the bound of 64 levels/);
    expect(e.location).toMatchObject({ file: 'diep_2019.geojson' });
    const topo = `{"type":"Topology","objects":{"b":{"type":"GeometryCollection","geometries":[]}},"arcs":${deep}}`;
    await expectRefused([tmpFile('diep_2019.topojson', topo)], 'INPUT_TOO_LARGE');
    const odata = `{"odata.metadata":"https://opendata.cbs.nl/ODataApi/odata/84583NED/$metadata#x","value":${deep}}`;
    await expectRefused([tmpFile('84583NED.json', odata)], 'INPUT_TOO_LARGE');
  });
});

describe('GeoPackages with a corrupt page or schema', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vk-gpkg-bad-'));
  });
  const valid = (name: string): string => {
    const path = join(dir, name);
    const rows = Array.from({ length: 400 }, (_, i) => ({
      values: [
        `BU0999${String(Math.floor(i / 100)).padStart(2, '0')}${String(i % 100).padStart(2, '0')}`,
        2019,
      ] as (string | number)[],
      geometry: square(190_000 + (i % 20) * 100, 320_000 + Math.floor(i / 20) * 100, 100),
    }));
    writeGeoPackage(path, [{ table: 'buurten', columns: ['buurtcode', 'jaar'], rows }]);
    return path;
  };

  it('a corrupt page: GEOPACKAGE_INVALID naming the file and table, never an SQLite error', async () => {
    const path = valid('corrupt_2019.gpkg');
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // overwrite the later pages (the table's b-tree) with garbage, keep the header and schema page
    for (let i = pageSize * 3; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);
    const e = await expectRefused([path], 'GEOPACKAGE_INVALID');
    expect(e.message).toMatch(/corrupt_2019\.gpkg|malformed|cannot be read/);
  });

  it('a schema that names a table that does not exist: GEOPACKAGE_INVALID', async () => {
    const path = valid('schema_2019.gpkg');
    const db = new Database(path);
    db.exec(
      `UPDATE gpkg_geometry_columns SET table_name = 'weg'; UPDATE gpkg_contents SET table_name = 'weg'`,
    );
    db.close();
    const e = await expectRefused([path], 'GEOPACKAGE_INVALID');
    expect(e.message).toMatch(/table 'weg': cannot be read: no such table/);
  });

  it('a missing gpkg_spatial_ref_sys: GEOPACKAGE_INVALID', async () => {
    const path = valid('srs_2019.gpkg');
    const db = new Database(path);
    db.exec('DROP TABLE gpkg_spatial_ref_sys');
    db.close();
    await expectRefused([path], 'GEOPACKAGE_INVALID');
  });
});

describe('implausible boundaries: GEOMETRY_OUT_OF_EXTENT, saying what the coordinates probably are', () => {
  it('swapped latitude and longitude', async () => {
    const g: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [50.88, 5.98],
          [50.88, 5.99],
          [50.89, 5.99],
          [50.89, 5.98],
          [50.88, 5.98],
        ],
      ],
    };
    const e = await expectRefused(
      [tmpFile('omgedraaid_2019.geojson', geojson([{ code: 'BU09990001', geometry: g }]))],
      'GEOMETRY_OUT_OF_EXTENT',
    );
    expect(e.message).toMatch(
      /BU09990001: the boundary lies outside the Netherlands: latitude and longitude are swapped/,
    );
    expect(e.location).toMatchObject({ file: 'omgedraaid_2019.geojson', row: 1, column: 'geometry' });
  });

  it('Web Mercator metres without a crs member', async () => {
    const e = await expectRefused(
      [
        tmpFile(
          'mercator_2019.geojson',
          geojson([{ code: 'BU09990001', geometry: square(665_000, 6_600_000, 500) }]),
        ),
      ],
      'GEOMETRY_OUT_OF_EXTENT',
    );
    expect(e.message).toMatch(/look like Web Mercator metres \(EPSG:3857\)/);
  });

  it('degrees in a file that declares EPSG:28992', async () => {
    const e = await expectRefused(
      [
        tmpFile(
          'graden_2019.geojson',
          geojson(
            [{ code: 'BU09990001', geometry: square(5.98, 50.88, 0.01) }],
            'urn:ogc:def:crs:EPSG::28992',
          ),
        ),
      ],
      'GEOMETRY_OUT_OF_EXTENT',
    );
    expect(e.message).toMatch(/degrees \(longitude\/latitude\) but the file declares EPSG:28992/);
  });

  it('a buurt at (0, 0)', async () => {
    const zero: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
    };
    const e = await expectRefused(
      [
        tmpFile(
          'nul_2019.geojson',
          geojson([{ code: 'BU09990001', geometry: zero }], 'urn:ogc:def:crs:EPSG::28992'),
        ),
      ],
      'GEOMETRY_OUT_OF_EXTENT',
    );
    expect(e.message).toMatch(/\(0, 0\): the coordinates are missing/);
  });

  it('a coordinate of 1e20°, refused at once (no repair of absurd polygons)', async () => {
    const huge: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [5.98, 50.88],
          [1e20, 50.88],
          [5.99, 50.89],
          [5.98, 50.88],
        ],
      ],
    };
    const started = Date.now();
    await expectRefused(
      [tmpFile('groot_2019.geojson', geojson([{ code: 'BU09990001', geometry: huge }]))],
      'GEOMETRY_OUT_OF_EXTENT',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('implausible values: VALUE_OUT_OF_RANGE naming line, column, range and value', () => {
  const kwb = (cells: string): string =>
    `gwb_code_10,regio,a_inw,p_wcorpw\nGM0917,Heerlen,86762,37\nBU09172000,Weggebekker,${cells}\n`;

  it('a negative count', async () => {
    const e = await expectRefused([tmpFile('kwb2019_neg.csv', kwb('-375,61'))], 'VALUE_OUT_OF_RANGE');
    expect(e.location).toMatchObject({
      file: 'kwb2019_neg.csv',
      line: 3,
      row: 2,
      column: 'a_inw',
      found: '-375',
    });
    expect(e.location?.expected).toMatch(/a number from 0 to 20000000 \(inhabitants\)/);
  });

  it('a share of 250 %', async () => {
    const e = await expectRefused([tmpFile('kwb2019_pct.csv', kwb('375,250'))], 'VALUE_OUT_OF_RANGE');
    expect(e.location).toMatchObject({
      line: 3,
      column: 'p_wcorpw',
      found: '250',
      expected: 'a number from 0 to 100 (corporation_share)',
    });
  });

  it('a Leefbaarometer score of 99999', async () => {
    const csv = `${LBM_HEADER}\n${lbmRow('BU09172000', 2020)}\n${lbmRow('BU09172001', 2020, '99999')}\n`;
    const e = await expectRefused([tmpFile('lbm3_hoog.csv', csv)], 'VALUE_OUT_OF_RANGE');
    expect(e.location).toMatchObject({ file: 'lbm3_hoog.csv', line: 3, column: 'lbm', found: '99999' });
  });
});

describe('headers and user files', () => {
  it('a header naming one column twice: CSV_DUPLICATE_COLUMN (no silent drop of one of them)', async () => {
    const csv = 'gwb_code_10,a_inw,a_inw\nBU09172000,375,400\n';
    const e = await expectRefused([tmpFile('kwb2019_dubbel.csv', csv)], 'CSV_DUPLICATE_COLUMN');
    expect(e.location).toMatchObject({
      file: 'kwb2019_dubbel.csv',
      line: 1,
      column: 'a_inw',
      found: 'column 3',
    });
  });

  it('a tidy CSV replacing an official value: OFFICIAL_VALUE_PROTECTED, unless --replace-official', async () => {
    const csv =
      'code,year,indicator,value\nBU09172001,2019,x_eigen,3\nBU09172000,2019,corporation_share,99\n';
    const path = tmpFile('eigen.csv', csv);
    const e = await expectRefused([path], 'OFFICIAL_VALUE_PROTECTED');
    expect(e.location).toMatchObject({
      file: 'eigen.csv',
      line: 3,
      column: 'value',
      found: 'BU09172000 corporation_share 2019',
    });
    expect(e.message).toMatch(/is stored from CBS KWB 2019 \(84583NED\)/);
    const store = await seededStore();
    await importPaths(store, [path], { replaceOfficial: true });
    const [v] = await store.getValues({
      codes: ['BU09172000'],
      indicators: ['corporation_share'],
      divisionYear: 2019,
    });
    expect(v).toMatchObject({ value: 99, edition: 'tidy CSV eigen.csv' });
  });

  it('a tidy CSV with a new indicator, or one no official source has for that key, is imported', async () => {
    const store = await seededStore();
    const csv =
      'code,year,indicator,value\nBU09172000,2019,x_eigen,3\nBU09172000,2017,corporation_share,60\n';
    const [report] = await importPaths(store, [tmpFile('eigen.csv', csv)]);
    expect(Object.keys(report!.valuesPerIndicator).sort()).toEqual(['corporation_share', 'x_eigen']);
  });
});

describe('one odd row, or nothing to import', () => {
  it('a single jaar = 2099 row: YEAR_OUT_OF_RANGE naming it (it does not re-label the file)', async () => {
    const csv = `${LBM_HEADER}\n${lbmRow('BU09172000', 2020)}\n${lbmRow('BU09172001', 2099)}\n${lbmRow('BU09172002', 2020)}\n`;
    const e = await expectRefused([tmpFile('lbm3_2099.csv', csv)], 'YEAR_OUT_OF_RANGE');
    expect(e.location).toMatchObject({
      file: 'lbm3_2099.csv',
      line: 3,
      row: 2,
      column: 'jaar',
      found: '2099',
    });
  });

  it('a header-only file: NOTHING_TO_IMPORT (no edition "meting 0")', async () => {
    const e = await expectRefused([tmpFile('lbm3_leeg.csv', `${LBM_HEADER}\n`)], 'NOTHING_TO_IMPORT');
    expect(e.location).toMatchObject({
      file: 'lbm3_leeg.csv',
      line: 2,
      expected: 'data rows under the header',
    });
  });

  it('a file cut inside its header: CSV_TRUNCATED', async () => {
    const e = await expectRefused(
      [tmpFile('lbm3_kapot.csv', 'bu_code,versie,jaar,bu_naam,lbm,af')],
      'CSV_TRUNCATED',
    );
    expect(e.message).toMatch(/ends inside its header line/);
  });

  it('a folder of unrecognised files (and a file cut before its header is recognisable): NOTHING_TO_IMPORT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-onbekend-'));
    writeFileSync(join(dir, 'boodschappen.csv'), 'product,aantal\nkaas,1\n');
    writeFileSync(join(dir, 'kaart.dat'), Buffer.from('89504e470d0a1a0a', 'hex'));
    writeFileSync(join(dir, 'lbm3_afgekapt.csv'), 'bu_code,versie,ja');
    const e = await expectRefused([dir], 'NOTHING_TO_IMPORT');
    expect(e.message, e.message).toMatch(/none of the 3 file\(s\) was recognised \(3 skipped\)/);
  });

  it('boundaries whose every geometry is null: NOTHING_TO_IMPORT', async () => {
    const path = tmpFile(
      'leeg_2019.geojson',
      geojson([
        { code: 'BU09990001', geometry: null },
        { code: 'BU09990002', geometry: null },
      ]),
    );
    const e = await expectRefused([path], 'NOTHING_TO_IMPORT');
    expect(e.message).toMatch(/none of its 2 feature\(s\) has a geometry/);
  });

  it('a file whose every value is missing: NOTHING_TO_IMPORT', async () => {
    const csv = `${LBM_HEADER}\nBU09172000,x,2020,A,NA,NA,NA,NA,NA,NA,NA\n`;
    const e = await expectRefused([tmpFile('lbm3_na.csv', csv)], 'NOTHING_TO_IMPORT');
    expect(e.message).toMatch(/none of its 1 row\(s\) has a value/);
  });
});

describe('encodings', () => {
  it('Windows-1252 input keeps its names ("Versiliënbosch"), with ENCODING_DETECTED in the report', async () => {
    const csv = `${LBM_HEADER}\nBU09172003,Leefbaarometer 3.0,2020,Versiliënbosch,4.01,-0.09,0.01,-0.1,0,0,0\n`;
    const store = memoryStore();
    const [report] = await importPaths(store, [tmpFile('lbm3_latin1.csv', encodeWindows1252(csv))]);
    expect(report!.warnings['ENCODING_DETECTED']?.count).toBe(1);
    expect((await store.listAreas({ codes: ['BU09172003'] }))[0]!.name).toBe('Versiliënbosch');
  });

  it('bytes that are no text in any encoding read: FILE_ENCODING', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${LBM_HEADER}\nBU09172003,x,2020,Versili`),
      Buffer.from([0x81, 0x9d]),
      Buffer.from('nbosch,4,0,0,0,0,0,0\n'),
    ]);
    const e = await expectRefused([tmpFile('lbm3_bytes.csv', bytes)], 'FILE_ENCODING');
    expect(e.location).toMatchObject({ file: 'lbm3_bytes.csv', line: 2 });
  });
});

describe('bounds on work', () => {
  it('a 1 MB gzip that inflates to 1 GiB: INPUT_TOO_LARGE (a Leefbaarometer header, then zeros)', async () => {
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    const start = gzipSync(Buffer.from(`${LBM_HEADER}\n${lbmRow('BU09172000', 2020)}\n`));
    const bomb = Buffer.concat([start, ...Array.from({ length: 1024 }, () => member)]);
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const e = await expectRefused([tmpFile('lbm3_bom.csv.gz', bomb)], 'INPUT_TOO_LARGE');
    expect(e.message).toMatch(/the decompressed content exceeds the bound of 512 MiB/);
    // a bomb that does not even start like a known file is refused from its first bytes, without inflating it
    const zeros = Buffer.concat(Array.from({ length: 1024 }, () => member));
    await expectRefused([tmpFile('nullen.csv.gz', zeros)], 'UNKNOWN_FILE_KIND');
  }, 60_000);

  it('an XLSX whose members declare 763 MB: INPUT_TOO_LARGE before it is unpacked', async () => {
    const e = await expectRefused(
      [tmpFile('kwb-2019.xlsx', zipDeclaring(763 * 1024 * 1024))],
      'INPUT_TOO_LARGE',
    );
    expect(e.message).toMatch(/the unpacked workbook exceeds the bound/);
  });

  it('an XLSX member that inflates past the bound though it declares little: INPUT_TOO_LARGE', async () => {
    const limits = { maxInflatedBytes: 1024 * 1024 };
    const e = await expectRefused(
      [tmpFile('kwb-2019.xlsx', zipHolding(Buffer.alloc(4 * 1024 * 1024), 100))],
      'INPUT_TOO_LARGE',
      {
        limits: { ...DEFAULTS, ...limits },
      },
    );
    expect(e.location?.column).toBe('xl/worksheets/sheet1.xml');
  });

  it('a polygon of 400,000 vertices: INPUT_TOO_LARGE naming the feature', async () => {
    const ring: number[][] = [];
    for (let i = 0; i < 400_000; i++) {
      const a = (i / 400_000) * 2 * Math.PI;
      ring.push([195_000 + 1000 * Math.cos(a), 320_000 + 1000 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const path = tmpFile(
      'veel_2019.geojson',
      geojson([{ code: 'BU09990001', geometry: { type: 'Polygon', coordinates: [ring] } }], 'EPSG:28992'),
    );
    const e = await expectRefused([path], 'INPUT_TOO_LARGE');
    expect(e.location).toMatchObject({
      file: 'veel_2019.geojson',
      row: 1,
      column: 'geometry',
      found: '400001',
    });
  }, 60_000);

  it('more rows than the bound: INPUT_TOO_LARGE', async () => {
    const csv = [
      LBM_HEADER,
      ...Array.from({ length: 50 }, (_, i) => lbmRow(`BU099900${String(i).padStart(2, '0')}`, 2020)),
    ].join('\n');
    const e = await expectRefused([tmpFile('lbm3_veel.csv', csv)], 'INPUT_TOO_LARGE', {
      limits: { ...DEFAULTS, maxRows: 20 },
    });
    expect(e.message).toMatch(/the number of rows exceeds the bound of 20 rows/);
  });
});

describe('all or nothing across files', () => {
  it('a folder whose second file is refused leaves the first uncommitted too, and the store as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-map-'));
    writeFileSync(join(dir, 'a_lbm3.csv'), `${LBM_HEADER}\n${lbmRow('BU09172000', 2020)}\n`);
    writeFileSync(join(dir, 'b_eigen.csv'), 'code,year,indicator,value\nBU09172000,2020,x_b,drie\n');
    const e = await expectRefused([dir], 'VALUE_NOT_A_NUMBER');
    expect(e.message).toMatch(
      /nothing of this import was written \(the 1 file\(s\) reported before it are rolled back too\)/,
    );
    expect(e.location).toMatchObject({ file: 'b_eigen.csv', line: 2, column: 'value' });
  });
});

/** A one-member ZIP named like an XLSX sheet whose central directory declares `declared` bytes. */
function zipDeclaring(declared: number): Buffer {
  return zip('xl/worksheets/sheet1.xml', Buffer.from('<x/>'), 0, declared);
}

/** A one-member ZIP holding `data` deflated, declaring `declared` bytes. */
function zipHolding(data: Buffer, declared: number): Buffer {
  return zip('xl/worksheets/sheet1.xml', data, 8, declared);
}

function zip(name: string, data: Buffer, method: 0 | 8, declared: number): Buffer {
  const body = method === 8 ? deflateRawSync(data) : data;
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBytes.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
}
