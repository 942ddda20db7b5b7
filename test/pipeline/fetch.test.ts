/**
 * `veerkracht fetch` against the stand-in services (test/stand-in), which behave like the real
 * ones: the CBS standard API refuses more than 10,000 cells with HTTP 500 and never pages, the
 * Feed pages 10,000 rows with an absolute nextLink at the official host, RIVM and police tables
 * exist only on dataderden.cbs.nl, PDOK names come only from the atom feeds, the Leefbaarometer
 * zip is ZIP64. Data is generated; the KWB metadata is the real 85984NED DataProperties
 * (VEERKRACHT_REAL_DATA; without it those tests are skipped).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBoundaryYears } from '../../src/pipeline/fetch/boundary-years.js';
import { kwbSelect } from '../../src/pipeline/fetch/cbs-table-plans.js';
import { parseOriginMap } from '../../src/pipeline/fetch/origins.js';
import { silentProgress, type ProgressSink } from '../../src/pipeline/fetch/progress-bar.js';
import { runFetch, type FetchOptions } from '../../src/pipeline/fetch/run-fetch.js';
import { hasRealData } from '../real-data.js';
import { generateNation } from '../stand-in/national-set.js';
import { realKwbProperties } from '../stand-in/real-metadata.js';
import { startStandIn, type StandIn } from '../stand-in/server.js';
import { memoryStore, valueMap } from './source-fixtures.js';

const YEARS_2014_2024 = Array.from({ length: 11 }, (_, i) => 2014 + i);
const fast = { retry: { baseDelayMs: 5, maxDelayMs: 50 }, idleTimeoutMs: 5000 };

function notesSink(): ProgressSink & { notes: string[] } {
  const notes: string[] = [];
  return { ...silentProgress, notes, note: (m: string) => void notes.push(m) };
}

describe('the stand-in answers like the real CBS and PDOK services', () => {
  // 25 gemeenten × 36 buurten: 1,075 areas, so one police year (12 months) is 12,900 rows
  const nation = generateNation({ gemeenten: 25, buurtenPerGemeente: 36 });
  let s: StandIn;
  beforeAll(async () => {
    s = await startStandIn({ nation });
  });
  afterAll(() => s.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { headers });

  it('standard API: a TypedDataSet of more than 10,000 cells is refused with HTTP 500; a small query is answered whole, without nextLink', async () => {
    const big = await get('/dataderden.cbs.nl/ODataApi/odata/47022NED/TypedDataSet?$format=json');
    expect(big.status).toBe(500);
    expect(
      ((await big.json()) as { 'odata.error': { message: { value: string } } })['odata.error'].message.value,
    ).toContain('query returns more than 10000 records');
    const small = await get(
      "/dataderden.cbs.nl/ODataApi/odata/47022NED/TypedDataSet?$format=json&$filter=WijkenEnBuurten eq 'GM0010    ' and startswith(Perioden,'2023')",
    );
    const body = (await small.json()) as { value: Record<string, unknown>[]; 'odata.nextLink'?: string };
    expect(small.status).toBe(200);
    expect(body.value).toHaveLength(6 * 12); // six crime types × twelve months
    expect(body['odata.nextLink']).toBeUndefined();
  });

  it('Feed: 10,000 rows a page with an absolute odata.nextLink at the official host carrying the query and $skip', async () => {
    const r = await get(
      "/dataderden.cbs.nl/ODataFeed/odata/47022NED/TypedDataSet?$format=json&$filter=SoortMisdrijf eq '0.0.0 ' and startswith(Perioden,'2023')",
    );
    const body = (await r.json()) as { value: unknown[]; 'odata.nextLink': string };
    expect(body.value).toHaveLength(10_000);
    const next = new URL(body['odata.nextLink']);
    expect(next.origin).toBe('https://dataderden.cbs.nl');
    expect(next.pathname).toBe('/ODataFeed/odata/47022NED/TypedDataSet');
    expect(next.searchParams.get('$skip')).toBe('10000');
    expect(next.searchParams.get('$filter')).toBe(
      "SoortMisdrijf eq '0.0.0 ' and startswith(Perioden,'2023')",
    );
    const page2 = (await (await get(`/dataderden.cbs.nl${next.pathname}${next.search}`)).json()) as {
      value: unknown[];
      'odata.nextLink'?: string;
    };
    expect(page2.value).toHaveLength(12 * 1076 - 10_000); // 1,075 areas + NL00, twelve months
    expect(page2['odata.nextLink']).toBeUndefined();
  });

  it('answers Atom without $format=json; RIVM and police tables exist only on dataderden.cbs.nl; a guessed PDOK name is a 404', async () => {
    const atom = await get('/dataderden.cbs.nl/ODataFeed/odata/47022NED/DataProperties');
    expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    for (const id of ['47022NED', '50150NED'])
      expect((await get(`/opendata.cbs.nl/ODataFeed/odata/${id}?$format=json`)).status).toBe(404);
    expect((await get('/dataderden.cbs.nl/ODataFeed/odata/50150NED?$format=json')).status).toBe(200);
    expect(
      (await get('/service.pdok.nl/cbs/wijkenbuurten/2022/atom/downloads/wijkenbuurten_2022.gpkg')).status,
    ).toBe(404);
    expect((await get('/service.pdok.nl/cbs/wijkenbuurten/2022/atom/index.xml')).status).toBe(200);
    expect((await get('/service.pdok.nl/cbs/wijkenbuurten/2013/atom/index.xml')).status).toBe(404);
  });
});

describe('veerkracht fetch: RIVM, police, boundaries and Leefbaarometer from the stand-in', () => {
  const nation = generateNation({ gemeenten: 25, buurtenPerGemeente: 36 });
  let s: StandIn;
  const cacheDir = mkdtempSync(join(tmpdir(), 'vk-fetch-'));
  const store = memoryStore();
  const progress = notesSink();
  const options = (): FetchOptions => ({
    sources: ['rivm', 'politie', 'geo', 'lbm'],
    years: [2022, 2023],
    cacheDir,
    origins: s.origins,
    progress,
    ...fast,
  });
  beforeAll(async () => {
    s = await startStandIn({ nation });
  });
  afterAll(() => s.close());

  it('downloads from the Feed only, filtered on the server, paging along re-pointed nextLinks; retries 5xx and resumes dropped connections; imports', async () => {
    s.faults.push(
      { path: /47022NED\/TypedDataSet$/, fault: { kind: 'status', status: 503, retryAfter: 0 }, times: 2 },
      { path: /wijkenbuurten_2024\.gpkg$/, fault: { kind: 'drop' }, times: 1 },
      { path: /50150NED\/TypedDataSet$/, fault: { kind: 'drop', after: 1000 }, times: 1 },
    );
    const result = await runFetch(store, options());
    expect(result.failures).toEqual([]);
    expect(result.files.map((f) => f.slice(cacheDir.length + 1))).toEqual([
      'rivm/50150NED.json',
      'politie/47022NED_2022.json',
      'politie/47022NED_2023.json',
      'pdok/wijkenbuurten_2024.gpkg', // the division of the RIVM and police tables: later than the years asked
      'leefbaarometer/Leefbaarometer-scores buurten 2002-2024.csv',
    ]);
    // never the standard API for data; every CBS request asks for JSON
    const cbs = s.log.filter((l) => l.host.endsWith('cbs.nl'));
    expect(cbs.filter((l) => l.path.startsWith('/ODataApi'))).toEqual([]);
    expect(cbs.every((l) => l.search.includes('$format=json'))).toBe(true);
    // police: total crime and the year filtered on the server, two pages per year, the second at $skip=10000
    const police = (year: number) =>
      s.log.filter((l) => l.path.endsWith('47022NED/TypedDataSet') && l.search.includes(`'${year}'`));
    expect(police(2022).map((l) => l.status)).toEqual([503, 503, 200, 200]); // the first two answers were 503s
    expect(police(2023).map((l) => l.status)).toEqual([200, 200]);
    expect(police(2023)[0]!.search).toContain(
      "$filter=SoortMisdrijf eq '0.0.0 ' and startswith(Perioden,'2023')",
    );
    expect(police(2023)[0]!.search).toContain(
      '$select=WijkenEnBuurten,Perioden,SoortMisdrijf,GeregistreerdeMisdrijven_1',
    );
    expect(police(2023)[1]!.search).toContain('$skip=10000');
    expect(progress.notes.filter((n) => n.includes('HTTP 503')).length).toBe(2);
    // RIVM on dataderden, 18+ point estimates only; the dropped page was fetched again
    const rivm = s.log.filter((l) => l.path.endsWith('50150NED/TypedDataSet'));
    expect(rivm).toHaveLength(2);
    expect(rivm[0]!.search).toContain("$filter=Leeftijd eq '20300' and Marges eq 'MW00000'");
    expect(s.log.some((l) => l.host === 'opendata.cbs.nl')).toBe(false);
    // the GeoPackage: name from the atom feed, resumed with a Range request after the drop
    const gpkg = s.log.filter((l) => l.path.endsWith('.gpkg'));
    expect(gpkg.map((l) => l.path)).toEqual([
      '/cbs/wijkenbuurten/2024/atom/downloads/wijkenbuurten_2024.gpkg',
      '/cbs/wijkenbuurten/2024/atom/downloads/wijkenbuurten_2024.gpkg',
    ]);
    expect(gpkg[0]!.range).toBeUndefined();
    expect(gpkg[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(gpkg[1]!.status).toBe(206);
    // imported values are the stand-in's
    const t = s.tables.get('47022NED')!;
    const buurt = nation.division(2024).buurten[7]!;
    let sum = 0;
    for (let m = 1; m <= 12; m++)
      sum += t.cube.value(
        {
          SoortMisdrijf: '0.0.0 ',
          WijkenEnBuurten: buurt.code.padEnd(10),
          Perioden: `2023MM${String(m).padStart(2, '0')}`,
        },
        'GeregistreerdeMisdrijven_1',
      ) as number;
    expect((await valueMap(store, 'police_crimes'))[`${buurt.code} 2023`]).toBe(sum);
    const rivmValue = s.tables.get('50150NED')!.cube.value(
      {
        Leeftijd: '20300',
        Marges: 'MW00000',
        WijkenEnBuurten: buurt.code.padEnd(10),
        Perioden: '2022JJ00',
      },
      'Eenzaam_28',
    );
    expect((await valueMap(store, 'rivm_lonely'))[`${buurt.code} 2022`]).toBe(rivmValue);
    expect(result.reports.find((r) => r.source === 'rivm')).toMatchObject({
      layout: 'rivm-50150ned-odata-json',
      edition: 'RIVM/CBS Gezondheidsmonitor 50150NED (indeling 2024)',
      divisionYear: 2024,
    });
    const lbm = await valueMap(store, 'lbm_total');
    expect(Object.keys(lbm).filter((k) => k.endsWith(' 2024')).length).toBeGreaterThan(800);
    expect(result.reports.find((r) => r.source === 'geo')).toMatchObject({
      divisionYear: 2024,
      geometries: 1075,
    });
    expect(result.summary).toMatchObject({
      downloadedFiles: 5,
      cachedFiles: 0,
      importedFiles: 5,
      retryCommand: undefined,
    });
    expect(readdirSync(join(cacheDir, 'politie')).sort()).toEqual([
      '.meta',
      '47022NED_2022.json',
      '47022NED_2023.json',
    ]);
  });

  it('never downloads a finished file twice: a second run sends no request at all and imports the same files again', async () => {
    const before = s.log.length;
    const valuesBefore = (await store.getValues({})).length;
    const result = await runFetch(store, options());
    expect(s.log.length).toBe(before);
    expect(result.summary).toMatchObject({ downloadedFiles: 0, cachedFiles: 5, importedFiles: 5 });
    expect(result.plan.toDownload).toBe(0);
    expect(result.reports.every((r) => r.alreadyImported)).toBe(true);
    expect((await store.getValues({})).length).toBe(valuesBefore);
  });

  it('a failing source does not stop the others: the summary names it with the command that retries it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-fetch-fail-'));
    const other = memoryStore();
    s.faults.push(
      {
        host: 'www.leefbaarometer.nl',
        path: /\.zip$/,
        fault: { kind: 'status', status: 404 },
        times: Infinity,
      },
      { path: /50150NED\/TypedDataSet$/, fault: { kind: 'status', status: 500 }, times: Infinity },
    );
    try {
      const result = await runFetch(other, {
        ...options(),
        cacheDir: dir,
        retry: { attempts: 3, baseDelayMs: 1 },
      });
      expect(result.failures.map((f) => [f.source, f.stage, f.error.code])).toEqual([
        ['rivm', 'download', 'DOWNLOAD_FAILED'],
        ['lbm', 'download', 'DOWNLOAD_FAILED'],
      ]);
      expect(result.failures[0]!.error.message).toContain('gave up after 3 attempts');
      expect(result.failures[1]!.error.message).toContain('HTTP 404');
      expect(result.summary.retryCommand).toBe('veerkracht fetch --sources rivm,lbm --years 2022-2023');
      expect(result.reports.map((r) => r.source)).toEqual(['geo', 'politie', 'politie']);
      expect(Object.keys(await valueMap(other, 'police_crimes')).length).toBeGreaterThan(2000);
    } finally {
      s.faults.length = 0;
      await other.close();
    }
  });

  it('--boundary-years takes the years named (their names from the feeds), also outside --years; a year PDOK lacks is said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-fetch-geo-'));
    const result = await runFetch(memoryStore(), {
      ...options(),
      sources: ['geo'],
      years: [2023],
      boundaryYears: [2016, 2020, 2024],
      cacheDir: dir,
      importAfter: false,
    });
    expect(result.files.map((f) => f.slice(dir.length + 1))).toEqual([
      'pdok/wijkenbuurten_2020_v3.gpkg',
      'pdok/wijkenbuurten_2024.gpkg',
    ]);
    expect(result.notes).toContain('geo: --boundary-years 2016: no PDOK download for that year');
    expect(result.plan.sources).toEqual([
      expect.objectContaining({ source: 'geo', files: 2, estimated: false, unknown: 0 }),
    ]);
  });

  it('offline: every source fails with DOWNLOAD_FAILED "cannot reach <host>: offline?", nothing is written', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dir = mkdtempSync(join(tmpdir(), 'vk-fetch-off-'));
    const result = await runFetch(memoryStore(), {
      ...options(),
      cacheDir: dir,
      origins: parseOriginMap([`http://127.0.0.1:${port}`]),
      retry: { attempts: 2, baseDelayMs: 1 },
    });
    expect(result.summary.failedSources).toEqual(['rivm', 'politie', 'geo', 'lbm']);
    for (const f of result.failures) {
      expect(f.error.code).toBe('DOWNLOAD_FAILED');
      expect(f.error.message).toContain(`cannot reach 127.0.0.1:${port}: offline?`);
    }
    expect(result.reports).toEqual([]);
    expect(existsSync(join(dir, 'rivm/50150NED.json'))).toBe(false);
  });
});

describe.skipIf(!hasRealData)(
  'veerkracht fetch: KWB 2014–2024 from the stand-in built on the real 85984NED DataProperties',
  () => {
    // 12 gemeenten × 25 buurten: 372 areas; one KWB edition in OData v4 is ~11,500 observations (two pages)
    const nation = generateNation({ gemeenten: 12, buurtenPerGemeente: 25 });
    let s: StandIn;
    const cacheDir = mkdtempSync(join(tmpdir(), 'vk-fetch-kwb-'));
    const store = memoryStore();
    let result: Awaited<ReturnType<typeof runFetch>>;
    beforeAll(async () => {
      s = await startStandIn({
        nation,
        kwbProperties: realKwbProperties()!,
        goneFromV3: { '83220NED': 410 },
      });
      result = await runFetch(store, {
        sources: ['kwb', 'geo'],
        years: YEARS_2014_2024,
        cacheDir,
        origins: s.origins,
        progress: silentProgress,
        ...fast,
      });
    });
    afterAll(() => s.close());

    it('selects on the server exactly the columns the KWB importer resolves by title, whatever their key suffix', async () => {
      expect(result.failures).toEqual([]);
      const kwb = result.reports.filter((r) => r.source === 'kwb');
      expect(kwb.map((r) => r.edition)).toEqual([
        'CBS KWB 2014 (82931NED)',
        'CBS KWB 2015 (83220NED)',
        'CBS KWB 2016 (83487NED)',
        'CBS KWB 2017 (83765NED)',
        'CBS KWB 2018 (84286NED)',
        'CBS KWB 2019 (84583NED)',
        'CBS KWB 2020 (84799NED)',
        'CBS KWB 2021 (85039NED)',
        'CBS KWB 2022 (85318NED)',
        'CBS KWB 2023 (85618NED)',
        'CBS KWB 2024 (85984NED)',
      ]);
      const select = (id: string): string[] =>
        new URLSearchParams(s.log.find((l) => l.path.endsWith(`${id}/TypedDataSet`))!.search.slice(1))
          .get('$select')!
          .split(',');
      const real = realKwbProperties()!;
      expect(select('85984NED')).toEqual(kwbSelect(real));
      expect(select('85984NED')).toContain('InBezitWoningcorporatie_49');
      expect(select('85984NED')).toContain('PersonenPerSoortUitkeringBijstand_94');
      expect(select('85984NED')).not.toContain('Mannen_6');
      expect(select('82931NED')).toContain('InBezitWoningcorporatie_59'); // KWB 2014: keys shifted by ten
      // the values stored are the stand-in's, for a buurt and both ends of the series
      const buurt = nation.division(2024).buurten[30]!;
      for (const [year, id, key] of [
        [2024, '85984NED', 'InBezitWoningcorporatie_49'],
        [2014, '82931NED', 'InBezitWoningcorporatie_59'],
      ] as const) {
        const code = nation.division(year).buurten[30]!.code;
        const expected = s.tables.get(id)!.cube.value({ WijkenEnBuurten: code.padEnd(10) }, key);
        const stored = (
          await store.getValues({ indicators: ['corporation_share'], divisionYear: year })
        ).find((v) => v.areaCode === code && v.year === year);
        expect(stored?.value ?? null).toBe(expected);
        expect(stored?.sourceColumn).toBe(key);
      }
      expect(buurt.code).toMatch(/^BU/);
    });

    it('takes a table gone from OData v3 (410) from OData v4, paging @odata.nextLink, into the same layout and values', async () => {
      expect(result.notes).toContain(
        'kwb: 83220NED (KWB 2015) is gone from OData v3; taken from OData v4 (datasets.cbs.nl)',
      );
      const obs = s.log.filter((l) => l.host === 'datasets.cbs.nl' && l.path.endsWith('/Observations'));
      expect(obs.length).toBe(2);
      expect(obs[1]!.search).toContain('$skip=10000');
      expect(obs[0]!.search).toContain("Measure eq '");
      const code = nation.division(2015).buurten[11]!.code;
      const key = s.tables.get('83220NED')!.properties.find((p) => p.Key.startsWith('AantalInwoners_'))!.Key;
      const expected = s.tables.get('83220NED')!.cube.value({ WijkenEnBuurten: code.padEnd(10) }, key);
      expect((await valueMap(store, 'inhabitants'))[`${code} 2015`]).toBe(expected);
      const v3Columns = Object.keys(
        result.reports.find((r) => r.file === '83487NED.json')!.valuesPerIndicator,
      );
      const v4Columns = Object.keys(
        result.reports.find((r) => r.file === '83220NED.json')!.valuesPerIndicator,
      );
      // every column, woz_value too (its 2024 title "Gemiddelde WOZ-waarde van woningen")
      expect(v3Columns.filter((c) => !v4Columns.includes(c))).toEqual([]);
    });

    it('downloads only the boundary years the harmonisation needs: the latest and those covering the codes it lacks', async () => {
      const codes = new Map(
        nation.years.map((y) => [y, new Set(nation.division(y).buurten.map((b) => b.code))] as const),
      );
      const expected = chooseBoundaryYears(
        [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024],
        2024,
        codes,
      ).years;
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.length).toBeLessThan(8);
      const gpkgs = result.files
        .filter((f) => f.endsWith('.gpkg'))
        .map((f) => f.slice(f.lastIndexOf('/') + 1));
      expect(gpkgs).toEqual(expected.map((y) => (y === 2024 ? 'wijkenbuurten_2024.gpkg' : readName(y))));
      // harmonised onto 2024: every KWB year is on the reference division
      const years = new Set(
        (await store.getValues({ indicators: ['inhabitants'], divisionYear: 2024 })).map((v) => v.year),
      );
      expect([...years].sort()).toEqual(YEARS_2014_2024);
      const manifest = JSON.parse(readFileSync(join(cacheDir, '.manifest.json'), 'utf8')) as {
        files: Record<string, unknown>;
      };
      expect(Object.keys(manifest.files).filter((k) => k.endsWith('.gpkg')).length).toBe(expected.length);
    });
  },
);

function readName(year: number): string {
  return {
    2017: 'wijkenbuurten_2017_v3.gpkg',
    2018: 'wijkenbuurten_2018_v3.gpkg',
    2019: 'wijkenbuurten_2019_v2.gpkg',
    2020: 'wijkenbuurten_2020_v3.gpkg',
    2021: 'wijkenbuurten_2021_v1.gpkg',
    2022: 'wijkenbuurten_2022_v1.gpkg',
    2023: 'wijkenbuurten_2023_v1.gpkg',
  }[year]!;
}
