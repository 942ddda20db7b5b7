/**
 * `veerkracht fetch` against a local HTTP server that serves fixture files at the official URL
 * paths (CBS OData v3 with paging, the Leefbaarometer zip with Range support, the PDOK
 * wijken-en-buurten GeoPackage): full download, resume after a dropped connection, no second
 * download, import, and the offline error.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { silentProgress } from '../../src/pipeline/fetch/progress-bar.js';
import { runFetch, type FetchOptions } from '../../src/pipeline/fetch/run-fetch.js';
import { writeGeoPackage } from './gpkg-writer.js';
import { fixture, memoryStore, tmpFile, valueMap } from './source-fixtures.js';

const PAGE_SIZE = 3;
const ZIP_PATH = '/resources/open-data-leefbaarometer-meting-2024.zip';
const GPKG_PATH = '/cbs/wijkenbuurten/2023/atom/downloads/wijkenbuurten_2023.gpkg';

interface Logged {
  path: string;
  range: string | undefined;
}

/** Table id → its DataProperties, WijkenEnBuurten and TypedDataSet rows. */
function odataFixtures(): Map<string, Record<string, unknown[]>> {
  const list = (file: string): unknown[] =>
    (JSON.parse(readFileSync(fixture(file), 'utf8')) as { value: unknown[] }).value;
  const kwb = JSON.parse(readFileSync(fixture('kwb/kwb2024_combined_85984NED.json'), 'utf8')) as Record<
    string,
    unknown[]
  >;
  return new Map([
    [
      '50090NED',
      {
        DataProperties: list('fetch/opendata/50090NED/DataProperties.json'),
        WijkenEnBuurten: list('fetch/opendata/50090NED/WijkenEnBuurten.json'),
        TypedDataSet: list('fetch/opendata/50090NED/TypedDataSet.json'),
      },
    ],
    [
      '47022NED',
      {
        DataProperties: list('fetch/dataderden/47022NED/DataProperties.json'),
        WijkenEnBuurten: list('fetch/dataderden/47022NED/WijkenEnBuurten.json'),
        TypedDataSet: list('fetch/dataderden/47022NED/TypedDataSet.json'),
      },
    ],
    [
      '85984NED',
      {
        DataProperties: kwb['DataProperties']!,
        WijkenEnBuurten: kwb['WijkenEnBuurten'] ?? [],
        TypedDataSet: kwb['TypedDataSet']!,
      },
    ],
  ]);
}

const rdSquare = (x: number, y: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

/**
 * A small PDOK wijken-en-buurten GeoPackage (2023): layer `buurten` in RD New with the PDOK
 * columns, three buurten of one gemeente side by side (one of them water).
 */
function pdokGeoPackage(): Buffer {
  const path = tmpFile('wijkenbuurten_2023.gpkg', '');
  const buurt = (code: string, name: string, water: string, x: number) => ({
    values: [code, name, 'WK099901', 'GM0999', 'Toydorp', water, 2023],
    geometry: rdSquare(x, 320000, 400),
  });
  writeGeoPackage(path, [
    {
      table: 'buurten',
      columns: ['buurtcode', 'buurtnaam', 'wijkcode', 'gemeentecode', 'gemeentenaam', 'water', 'jaar'],
      rows: [
        buurt('BU09990101', 'Centrum', 'NEE', 194000),
        buurt('BU09990102', 'Haven', 'NEE', 194400),
        buurt('BU09990103', 'Plas', 'JA', 194800),
      ],
    },
  ]);
  return readFileSync(path);
}

const GPKG_BYTES = pdokGeoPackage();

/** A stand-in for opendata.cbs.nl, dataderden.cbs.nl, service.pdok.nl and leefbaarometer.nl on one port. */
function startFixtureServer(log: Logged[], dropOnce: Set<string>): Promise<Server> {
  const tables = odataFixtures();
  const zip = readFileSync(fixture(`fetch/leefbaarometer${ZIP_PATH.slice('/resources'.length)}`));
  const gpkg = GPKG_BYTES;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    log.push({ path: url.pathname, range: req.headers.range });
    const m = /^\/ODataApi\/odata\/(\w+)\/(DataProperties|WijkenEnBuurten|TypedDataSet)$/i.exec(url.pathname);
    if (m && tables.has(m[1]!)) {
      const rows = tables.get(m[1]!)![m[2]!]!;
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const page = m[2] === 'TypedDataSet' ? rows.slice(skip, skip + PAGE_SIZE) : rows;
      const more = m[2] === 'TypedDataSet' && skip + PAGE_SIZE < rows.length;
      const body: Record<string, unknown> = {
        'odata.metadata': `https://opendata.cbs.nl/ODataApi/OData/${m[1]}/$metadata`,
        value: page,
      };
      // CBS points nextLink at its own host: the downloader must re-point it at --base-url.
      if (more)
        body['odata.nextLink'] =
          `https://opendata.cbs.nl/ODataApi/odata/${m[1]}/TypedDataSet?$format=json&$skip=${skip + PAGE_SIZE}`;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    if (url.pathname === ZIP_PATH) return serveBytes(req, res, zip, dropOnce.delete(url.pathname));
    if (url.pathname === GPKG_PATH) return serveBytes(req, res, gpkg, dropOnce.delete(url.pathname));
    res.writeHead(404).end('not found');
  };
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Serves bytes with Range support; `drop` sends half the body and then cuts the connection. */
function serveBytes(req: IncomingMessage, res: ServerResponse, bytes: Buffer, drop: boolean): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const from = range ? Number(range[1]) : 0;
  const headers = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-Length': String(bytes.length - from),
  };
  if (range)
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${from}-${bytes.length - 1}/${bytes.length}` });
  else res.writeHead(200, headers);
  if (!drop) {
    res.end(bytes.subarray(from));
    return;
  }
  res.write(bytes.subarray(from, from + Math.floor(bytes.length / 2)), () =>
    setTimeout(() => res.socket?.destroy(), 20),
  );
}

describe('veerkracht fetch (against a local server at the official URL paths)', () => {
  const log: Logged[] = [];
  const dropOnce = new Set([ZIP_PATH]);
  let server: Server;
  let baseUrl: string;
  const cacheDir = mkdtempSync(join(tmpdir(), 'vk-fetch-'));
  const store = memoryStore();
  const options = (): FetchOptions => ({
    sources: ['kwb', 'rivm', 'politie', 'lbm'],
    years: [2024],
    cacheDir,
    baseUrl,
    progress: silentProgress,
    idleTimeoutMs: 5000,
  });

  beforeAll(async () => {
    server = await startFixtureServer(log, dropOnce);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads every table page by page into one combined JSON per table, resumes the dropped zip with a Range request, and imports', async () => {
    const result = await runFetch(store, options());
    expect(result.files.map((f) => f.slice(cacheDir.length + 1)).sort()).toEqual([
      'cbs/50090NED.json',
      'cbs/85984NED.json',
      'leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv',
      'politie/47022NED.json',
    ]);
    // paging followed nextLink, re-pointed at the local server
    expect(log.filter((l) => l.path === '/ODataApi/odata/50090NED/TypedDataSet')).toHaveLength(3);
    const combined = JSON.parse(readFileSync(join(cacheDir, 'cbs/50090NED.json'), 'utf8')) as Record<
      string,
      unknown[]
    >;
    expect(combined['table']).toBe('50090NED');
    expect(combined['TypedDataSet']).toHaveLength(8);
    expect(combined['DataProperties']!.length).toBeGreaterThan(5);
    // the zip: first request cut off halfway, second asks for the rest
    const zipRequests = log.filter((l) => l.path === ZIP_PATH);
    const zipBytes = readFileSync(fixture('fetch/leefbaarometer/open-data-leefbaarometer-meting-2024.zip'));
    expect(zipRequests.map((l) => l.range)).toEqual([undefined, `bytes=${Math.floor(zipBytes.length / 2)}-`]);
    const manifest = JSON.parse(readFileSync(join(cacheDir, '.manifest.json'), 'utf8')) as {
      files: Record<string, { url: string; size: number; sha256: string; date: string }>;
    };
    const zipEntry = manifest.files['leefbaarometer/open-data-leefbaarometer-meting-2024.zip']!;
    expect(zipEntry).toMatchObject({
      url: `${baseUrl}${ZIP_PATH}`,
      size: zipBytes.length,
      sha256: createHash('sha256').update(zipBytes).digest('hex'),
    });
    expect(readdirSync(join(cacheDir, 'cbs'))).toEqual(['50090NED.json', '85984NED.json']); // page files removed after combining
    // imported
    expect(result.reports.map((r) => r.source).sort()).toEqual(['kwb', 'lbm', 'politie', 'rivm']);
    expect(await valueMap(store, 'rivm_difficulty_making_ends_meet')).toMatchObject({
      'BU09173300 2020': 27.3,
    });
    expect(await valueMap(store, 'police_crimes')).toMatchObject({ 'BU09173300 2023': 1278 });
    expect((await valueMap(store, 'lbm_total'))['BU09173300 2024']).toBeCloseTo(4.024, 6);
    expect((await store.getValues({ indicators: ['inhabitants'] })).length).toBeGreaterThan(0);
  });

  it('never downloads a finished file twice: a second run sends no request and re-imports idempotently', async () => {
    const before = log.length;
    const valuesBefore = (await store.getValues({})).length;
    const result = await runFetch(store, options());
    expect(log.length).toBe(before);
    expect(result.reports.every((r) => r.alreadyImported)).toBe(true);
    expect((await store.getValues({})).length).toBe(valuesBefore);
  });

  it('downloads the PDOK wijken-en-buurten GeoPackage (resuming a dropped download) and imports areas, geometry and display geometry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-fetch-geo-'));
    const geoStore = memoryStore();
    dropOnce.add(GPKG_PATH);
    const result = await runFetch(geoStore, {
      ...options(),
      sources: ['geo'],
      years: [2019, 2023],
      cacheDir: dir,
    });
    expect(result.notes).toEqual([
      'geo: PDOK has no wijken-en-buurten GeoPackage download for 2019 (first: 2020)',
    ]);
    expect(result.files.map((f) => f.slice(dir.length + 1))).toEqual(['pdok/wijkenbuurten_2023.gpkg']);
    const gpkgRequests = log.filter((l) => l.path === GPKG_PATH);
    expect(gpkgRequests).toHaveLength(2);
    expect(gpkgRequests[0]!.range).toBeUndefined();
    expect(gpkgRequests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(join(dir, 'pdok/wijkenbuurten_2023.gpkg')).equals(GPKG_BYTES)).toBe(true);
    expect(result.reports).toHaveLength(1);
    expect(result.reports[0]).toMatchObject({
      source: 'geo',
      layout: 'geopackage-boundaries',
      divisionYear: 2023,
      geometries: 3,
    });

    const areas = await geoStore.listAreas({ divisionYear: 2023 });
    expect(areas.map((a) => [a.code, a.level, a.name, a.gemeenteCode, a.wijkCode])).toEqual([
      ['BU09990101', 'buurt', 'Centrum', 'GM0999', 'WK099901'],
      ['BU09990102', 'buurt', 'Haven', 'GM0999', 'WK099901'],
      ['BU09990103', 'buurt', 'Plas', 'GM0999', 'WK099901'],
      ['GM0999', 'gemeente', 'Toydorp', 'GM0999', null],
      ['WK099901', 'wijk', null, 'GM0999', null],
    ]);
    const geometries = await geoStore.getGeometries({ divisionYear: 2023 });
    expect(geometries.map((g) => [g.code, g.areaM2, g.bbox])).toEqual([
      ['BU09990101', 160_000, [194000, 320000, 194400, 320400]],
      ['BU09990102', 160_000, [194400, 320000, 194800, 320400]],
      ['BU09990103', 160_000, [194800, 320000, 195200, 320400]],
    ]);
    // Display geometry: WGS84 (RD 194000, 320000 lies near 5.9 E, 50.9 N), shared borders identical.
    const ring = (code: string): number[][] => {
      const d = geometries.find((g) => g.code === code)!.display!;
      return (d.type === 'Polygon' ? d.coordinates[0] : d.coordinates[0]![0])!;
    };
    for (const g of geometries) expect(g.display).not.toBeNull();
    for (const [lng, lat] of ring('BU09990101')) {
      expect(lng).toBeGreaterThan(5.8);
      expect(lng).toBeLessThan(6.0);
      expect(lat).toBeGreaterThan(50.8);
      expect(lat).toBeLessThan(50.95);
    }
    // The border of Centrum and Haven (RD x = 194400) has the same two WGS84 vertices in both.
    const haven = new Set(ring('BU09990102').map((p) => p.join(',')));
    expect(
      new Set(
        ring('BU09990101')
          .filter((p) => haven.has(p.join(',')))
          .map((p) => p.join(',')),
      ).size,
    ).toBe(2);
    await geoStore.close();
  });

  it('fails with DOWNLOAD_FAILED naming host and URL when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = mkdtempSync(join(tmpdir(), 'vk-fetch-off-'));
    const error = await runFetch(memoryStore(), {
      ...options(),
      cacheDir: dir,
      baseUrl: `http://127.0.0.1:${port}`,
      sources: ['rivm'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DOWNLOAD_FAILED');
    expect((error as AppError).message).toContain(`cannot reach 127.0.0.1:${port}: offline?`);
    expect((error as AppError).message).toContain(
      `http://127.0.0.1:${port}/ODataApi/odata/50090NED/DataProperties`,
    );
    expect(existsSync(join(dir, 'cbs/50090NED.json'))).toBe(false);
  });
});
