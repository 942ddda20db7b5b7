/**
 * Real data: the buurten 2019 and gemeenten 2022 of ../shared/data/cbs-geo turned into the
 * Shapefiles a GIS desk passes around (GDAL's ogr2ogr, RD New, in the encodings it writes) and a
 * ZIP of them at run time; each imports with the same areas, names and (within what GDAL's and
 * Veerkracht's RD projections differ) areas in m² as the GeoJSON it was made from.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { writeZip } from '../stand-in/zip-writer.js';

const hasOgr2ogr = spawnSync('ogr2ogr', ['--version']).status === 0;
if (hasRealData && !hasOgr2ogr)
  process.stdout.write('Shapefile real-data tests skipped: ogr2ogr (GDAL) is not installed\n');

function ogr2ogr(args: string[]): void {
  const r = spawnSync('ogr2ogr', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ogr2ogr ${args.join(' ')} failed: ${r.stderr}`);
}

/** Areas (code, level, name) and geometry areas in m² of a store after importing `paths`. */
async function imported(paths: string[], year: number) {
  const store = openSqliteStore({ path: ':memory:' });
  const reports = await importPaths(store, paths, { harmonise: false });
  const areas = (await store.listAreas({ divisionYear: year })).map((a) => [a.code, a.level, a.name]);
  const m2 = new Map((await store.getGeometries({ divisionYear: year })).map((g) => [g.code, g.areaM2]));
  return { reports, areas, m2 };
}

function expectSameAreas(a: Map<string, number>, b: Map<string, number>): void {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [code, m2] of a) {
    // GDAL projects to RD with its own datum shift, Veerkracht with its own: the vertices differ
    // by centimetres, the areas by less than 1e-5 (measured); 1e-4 leaves room, a wrong ring does not
    expect(Math.abs(b.get(code)! - m2) / m2, code).toBeLessThan(1e-4);
  }
}

describe.skipIf(!hasRealData || !hasOgr2ogr)('Shapefile and ZIP boundaries from real data (ogr2ogr)', () => {
  const buurten = (): string =>
    `/vsigzip/${realDataFile('cbs-geo/buurt_2019_nl__emielsanders-PowerBI.geojson.gz')}`;
  const where = ['-where', "statcode LIKE 'BU0917%' OR statcode LIKE 'BU0820%'"];

  it('buurten 2019 of Heerlen and Nuenen: the Shapefile in RD and a ZIP of it import as the GeoJSON does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-shp-real-'));
    const geojson = join(dir, 'buurt_2019_subset.geojson');
    ogr2ogr(['-f', 'GeoJSON', ...where, geojson, buurten()]);
    const shpDir = join(dir, 'shp');
    mkdirSync(shpDir);
    ogr2ogr([
      '-t_srs',
      'EPSG:28992',
      '-f',
      'ESRI Shapefile',
      ...where,
      join(shpDir, 'buurt_2019_subset.shp'),
      buurten(),
    ]);
    const zip = join(dir, 'WijkBuurtkaart_2019_subset.zip');
    writeZip(
      zip,
      readdirSync(shpDir).map((name) => ({
        name: `WijkBuurtkaart_2019/${name}`,
        data: readFileSync(join(shpDir, name)),
        method: 8 as const,
      })),
    );

    const fromGeojson = await imported([geojson], 2019);
    const fromShp = await imported([join(shpDir, 'buurt_2019_subset.shp')], 2019);
    const fromZip = await imported([zip], 2019);

    const heerlen = fromGeojson.areas.filter(([code]) => String(code).startsWith('BU0917'));
    expect(heerlen.length).toBeGreaterThan(50);
    expect(fromGeojson.reports[0]!.geometries).toBe(fromGeojson.m2.size);
    for (const other of [fromShp, fromZip]) {
      expect(other.areas).toEqual(fromGeojson.areas);
      expectSameAreas(fromGeojson.m2, other.m2);
    }
    expect(fromShp.reports[0]).toMatchObject({ layout: 'shapefile-boundaries', divisionYear: 2019 });
    // GDAL's default marks the .dbf Windows-1252; codes are ASCII, which every code page reads alike
    expect(fromShp.reports[0]!.warnings['ENCODING_DETECTED']).toBeUndefined();
    expect(fromZip.reports[0]).toMatchObject({ layout: 'zip-boundaries', divisionYear: 2019 });
  }, 120_000);

  it.each([
    ["GDAL's default (ISO-8859-1, language driver 0x57, no .cpg)", []],
    ['Windows-1252 with a .cpg', ['-lco', 'ENCODING=CP1252']],
    ['UTF-8 with a .cpg', ['-lco', 'ENCODING=UTF-8']],
  ])(
    'gemeenten 2022 in %s: the names come out as in the GeoJSON',
    async (_, lco) => {
      const dir = mkdtempSync(join(tmpdir(), 'vk-shp-real-'));
      const source = `/vsigzip/${realDataFile('cbs-geo/gemeente_2022_nl_gegeneraliseerd__RishikeshGovind-nlstat.geojson.gz')}`;
      const pick = ['-where', "statcode IN ('GM1900', 'GM0820', 'GM0014', 'GM0363', 'GM1950')"];
      const geojson = join(dir, 'gemeente_2022_subset.geojson');
      ogr2ogr(['-f', 'GeoJSON', ...pick, geojson, source]);
      const shp = join(dir, 'gemeente_2022_subset.shp');
      ogr2ogr(['-t_srs', 'EPSG:28992', '-f', 'ESRI Shapefile', ...lco, ...pick, shp, source]);

      const fromGeojson = await imported([geojson], 2022);
      const fromShp = await imported([shp], 2022);
      expect(fromShp.areas).toEqual(fromGeojson.areas);
      expect(fromShp.areas.map((a) => a[2])).toEqual([
        'Groningen',
        'Amsterdam',
        'Nuenen, Gerwen en Nederwetten',
        'Súdwest-Fryslân',
        'Westerwolde',
      ]);
      expectSameAreas(fromGeojson.m2, fromShp.m2);
    },
    120_000,
  );
});
