/**
 * The real client: GDAL's OGC API Features driver (what QGIS uses) against /ogc on the real
 * Heerlen data (VEERKRACHT_REAL_DATA), served over HTTP. `ogrinfo` lists the collections;
 * `ogr2ogr` downloads Heerlen's relative signal map (veerkracht-relatief) with one feature per
 * buurt — in CRS84 through the OAPIF driver (its `gemeente = '…'` filter goes to the server,
 * which lists the parameter in /ogc/api), and in EPSG:28992 from the items URL with
 * `crs=…/28992` (GDAL 3.6's OAPIF driver predates Part 2: it reads GeoJSON in CRS84 only).
 * Needs `ogrinfo`/`ogr2ogr` (gdal-bin; bin/test-all.mjs installs it as root, else fails).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { heerlenDataFiles } from '../e2e/support/real-server.js';
import { hasRealData } from '../real-data.js';

const NINE = [
  'corporatiebezit',
  'concentratie-kwetsbaren',
  'ontwikkeling-concentratie',
  'leefbaarheid',
  'overlast-onveiligheid',
  'ontwikkeling-overlast',
  'veerkracht-absoluut',
  'veerkracht-relatief',
  'lage-inkomens',
];
const run = promisify(execFile);
const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';

/** Runs a GDAL tool asynchronously (the server answering it lives in this process). */
async function gdal(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(cmd, args, { encoding: 'utf8', timeout: 120_000 });
    return stdout;
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') throw new Error(`${cmd} is missing: install gdal-bin`);
    throw new Error(`${cmd} ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

interface GpkgLayer {
  srsId: number;
  rows: {
    code: string;
    gemeente: string;
    period: string;
    class: string;
    edition: string;
    minx: number;
    maxx: number;
  }[];
}

/** Reads what ogr2ogr wrote: the layer's SRS and, per feature, its properties and x extent. */
function readGpkg(path: string, table: string): GpkgLayer {
  const db = new Database(path, { readonly: true });
  try {
    const { srs_id } = db
      .prepare('SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?')
      .get(table) as { srs_id: number };
    const rtree = `rtree_${table}_geom`;
    const rows = db
      .prepare(
        `SELECT t.code, t.gemeente, t.period, t.class, t.edition, r.minx, r.maxx FROM "${table}" t JOIN "${rtree}" r ON r.id = t.fid ORDER BY t.code`,
      )
      .all() as GpkgLayer['rows'];
    return { srsId: srs_id, rows };
  } finally {
    db.close();
  }
}

describe.skipIf(!hasRealData)('GDAL OAPIF on /ogc with the real Heerlen data', () => {
  let dir: string;
  let store: SqliteStore;
  let server: ServerType;
  let url: string;
  let heerlen: { id: string; properties: { label: string } }[];
  let period: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vk-ogc-gdal-'));
    store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
    await importPaths(store, heerlenDataFiles());
    const app = createApp(store, { webRoot: '/nonexistent' });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // the period the app opens Heerlen's map on (the collection's default with a gemeente filter)
    const defs = (await (await fetch(`${url}/api/maps/definitions?area=GM0917`)).json()) as {
      maps: { id: string; defaultPeriod?: string }[];
    };
    period = defs.maps.find((m) => m.id === 'veerkracht-relatief')!.defaultPeriod!;
    const map = (await (
      await fetch(`${url}/api/maps?area=GM0917&map=veerkracht-relatief&period=${period}`)
    ).json()) as { features: typeof heerlen };
    heerlen = map.features;
  }, 300_000);
  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ogrinfo opens /ogc and lists the nine maps as layers', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', '-q', `OAPIF:${url}/ogc`]);
    const layers = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(layers.slice(0, 9)).toEqual(NINE);
    expect(layers).toContain('lbm_onv');
  });

  it('ogr2ogr downloads Heerlen’s relative signal map in CRS84: one feature per buurt, classes as the app', async () => {
    expect(heerlen.length).toBeGreaterThan(40);
    const out = join(dir, 'heerlen-crs84.gpkg');
    await gdal('ogr2ogr', [
      '-f',
      'GPKG',
      out,
      `OAPIF:${url}/ogc/collections/veerkracht-relatief`,
      '-where',
      "gemeente = 'GM0917'",
      '-nln',
      'relatief',
    ]);
    const layer = readGpkg(out, 'relatief');
    expect(layer.srsId).toBe(4326);
    expect(layer.rows.map((r) => r.code)).toEqual(heerlen.map((f) => f.id).sort());
    for (const r of layer.rows) {
      expect(r.gemeente).toBe('GM0917');
      expect(r.period).toBe(period);
      expect(r.class).toBe(heerlen.find((f) => f.id === r.code)!.properties.label);
      expect(r.minx).toBeGreaterThan(5.85);
      expect(r.maxx).toBeLessThan(6.05);
    }
    expect(layer.rows.some((r) => /CBS|Leefbaarometer/.test(r.edition))).toBe(true);
  });

  it('ogr2ogr downloads the same map in EPSG:28992 (crs parameter): the stored RD geometry', async () => {
    const out = join(dir, 'heerlen-rd.gpkg');
    const items = `${url}/ogc/collections/veerkracht-relatief/items?gemeente=GM0917&limit=10000&crs=${encodeURIComponent(RD)}`;
    await gdal('ogr2ogr', ['-f', 'GPKG', out, `GeoJSON:${items}`, '-nln', 'relatief']);
    const layer = readGpkg(out, 'relatief');
    expect(layer.srsId).toBe(28992);
    expect(layer.rows.map((r) => r.code)).toEqual(heerlen.map((f) => f.id).sort());
    const divisionYear = ((await (await fetch(`${url}/api/gemeenten`)).json()) as { divisionYear: number })
      .divisionYear;
    const stored = new Map(
      (await store.getGeometries({ divisionYear, gemeente: 'GM0917' })).map((g) => [g.code, g.bbox]),
    );
    for (const r of layer.rows) {
      const bbox = stored.get(r.code)!;
      // the GeoPackage's R-tree holds float32 bounds: within a metre of the stored RD bbox
      expect(Math.abs(r.minx - bbox[0])).toBeLessThan(1);
      expect(Math.abs(r.maxx - bbox[2])).toBeLessThan(1);
    }
  });
});
