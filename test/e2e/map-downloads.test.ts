/**
 * The download buttons of the map page on the real Heerlen data (VEERKRACHT_REAL_DATA), in
 * headless Chromium: PDF (the print view, read back with pdftotext, its page rendered with
 * pdftoppm into test-output/screenshots), CSV, GeoJSON and GeoPackage of the map shown, one row
 * or feature per buurt of the map; the GeoPackage is opened by GDAL (ogrinfo) and is in RD New;
 * "Rapport (PDF)" downloads the report of the gemeente (GET /api/reports/<area>.pdf).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapResponse } from '../../src/api/schemas.js';
import { hasRealData } from '../real-data.js';
import { gotoApp, openPage, screenshot } from './support/app-page.js';
import { launchChromium } from './support/chromium.js';
import { startRealServer, type RealServer } from './support/real-server.js';

describe.skipIf(!hasRealData)('map downloads in the app (real Heerlen data)', () => {
  let browser: Browser;
  let server: RealServer;
  let page: Page;
  let dir: string;
  let api: MapResponse;
  const deepLink = '/?view=map&area=GM0917&map=veerkracht-relatief&period=2016-2020';
  beforeAll(async () => {
    browser = await launchChromium();
    server = await startRealServer();
    dir = mkdtempSync(join(tmpdir(), 'vk-web-downloads-'));
    api = (await (
      await fetch(`${server.url}/api/maps?area=GM0917&map=veerkracht-relatief&period=2016-2020`)
    ).json()) as MapResponse;
    ({ page } = await openPage(browser));
    await gotoApp(page, `${server.url}${deepLink}`);
    await page.waitForSelector('[data-testid="download-csv"]:not([disabled])', { timeout: 30_000 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function download(format: string): Promise<string> {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`[data-testid="download-${format}"]`),
    ]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  it('CSV: one row per buurt with class and the changes behind it', async () => {
    const path = await download('csv');
    expect(path.endsWith('veerkracht-GM0917-veerkracht-relatief-2016-2020.csv')).toBe(true);
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('verandering_concentratie,verandering_overlast');
    expect(lines.length - 1).toBe(api.features.length);
    const label = api.features[0]!.properties.label;
    expect(lines.some((l) => l.includes(label))).toBe(true);
  });

  it('the buttons sit with the PNG export and fit a phone (no sideways scroll)', async () => {
    await screenshot(page, 'map-downloads-desktop');
    const phone = (await openPage(browser, { width: 375, height: 740 })).page;
    await gotoApp(phone, `${server.url}${deepLink}`);
    await phone.waitForSelector('[data-testid="download-gpkg"]:not([disabled])', { timeout: 30_000 });
    await screenshot(phone, 'map-downloads-phone');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.context().close();
  });

  it('PDF: the print view on one A4 page with title, Heerlen, legend counts and sources', async () => {
    const path = await download('pdf');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b[\s\S]*\(A4\)/);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Veerkracht signaleringskaart (relatief), 2016–2020');
    expect(text).toContain('Heerlen');
    expect(text).toContain('Hoe lees je deze kaart');
    expect(text).toMatch(/Bronnen en edities: CBS\/PDOK wijk- en buurtkaart; .*CBS KWB/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      path,
      join(process.cwd(), 'test-output', 'screenshots', 'map-pdf-heerlen'),
    ]);
  });

  it('Rapport (PDF): the report of Heerlen with all nine maps', async () => {
    const path = await download('report');
    // the page asks for the edition it shows, and the report's file name names it
    expect(path).toMatch(/veerkracht-rapport-GM0917-Heerlen-editie-\d+\.pdf$/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(10);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Veerkrachtrapport Heerlen');
    for (let n = 1; n <= 9; n++) expect(text).toContain(`Kaart ${n} van 9 · Heerlen`);
  }, 120_000);

  it('GeoJSON and GeoPackage (RD New, read by GDAL)', async () => {
    const geojson = JSON.parse(readFileSync(await download('geojson'), 'utf8')) as { features: unknown[] };
    expect(geojson.features).toHaveLength(api.features.length);
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', await download('gpkg')], { encoding: 'utf8' });
    expect(info).toContain(`Feature Count: ${api.features.length}`);
    expect(info).toMatch(/ID\["EPSG",28992\]/);
    // Heerlen in RD: x about 190–200 km, y about 315–325 km
    const extent = /Extent: \(([\d.]+), ([\d.]+)\) - \(([\d.]+), ([\d.]+)\)/.exec(info)!.slice(1).map(Number);
    expect(extent[0]).toBeGreaterThan(185000);
    expect(extent[2]).toBeLessThan(205000);
    expect(extent[1]).toBeGreaterThan(310000);
    expect(extent[3]).toBeLessThan(330000);
  });
});
