/**
 * ZIPs of boundaries as CBS and PDOK publish them: the Wijk- en buurtkaart's Shapefiles per level,
 * a GeoPackage; ZIPs in folders; and the ZIPs that are refused (bombs, too many members, cut short,
 * something else), each leaving the store as it was.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from '../../src/pipeline/input-limits.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { writeZip } from '../stand-in/zip-writer.js';
import {
  cbsZipMembers,
  importError,
  NUENEN,
  poly,
  refusedAfterGoodFile,
  square,
  SWF,
  tmpDir,
} from './cbs-shapefile-fixture.js';
import { writeGeoPackage } from './gpkg-writer.js';

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

  it('reports a cut-off ZIP in a folder as skipped, with the reason, and imports the rest', async () => {
    const dir = tmpDir();
    const cut = join(dir, 'WijkBuurtkaart_2019_v3.zip');
    writeZip(cut, cbsZipMembers('kaart'));
    writeFileSync(cut, readFileSync(cut).subarray(0, 2000));
    writeZip(join(dir, 'WijkBuurtkaart_2020_v1.zip'), cbsZipMembers('WijkBuurtkaart_2020_v1'));
    const store = openSqliteStore({ path: ':memory:' });
    const skipped: [string, string, string][] = [];
    const reports = await importPaths(store, [dir], {
      onSkipped: (file, reason) => skipped.push([file, reason.code, reason.message]),
    });
    expect(reports.map((r) => [r.file, r.divisionYear])).toEqual([['WijkBuurtkaart_2020_v1.zip', 2020]]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]![0]).toBe(cut);
    expect(skipped[0]![1]).toBe('UNKNOWN_FILE_KIND');
    expect(skipped[0]![2]).toMatch(
      /^WijkBuurtkaart_2019_v3\.zip, .*cannot be read as a ZIP archive \(cut off/,
    );
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

describe('refusing bad ZIPs (nothing written)', () => {
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
