/**
 * The main path with a mouse, on the real Heerlen data: start page and search, all nine maps,
 * hover and click a buurt (profile values = GET /api/buurten/:code), the table with CSV,
 * the side-by-side view with synchronised zoom, the compare-areas page, a deep link, English,
 * PNG export and a phone-sized screen. Writes screenshots of every main view.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { BuurtResponse, MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import { formatNumber } from '../../../web/src/i18n/format.js';
import { launchChromium } from '../support/chromium.js';
import {
  SCREENSHOTS,
  drawnShare,
  gotoApp,
  mapDrawnCount,
  openPage,
  screenshot,
  waitForMapDrawn,
  waitForMapDrawnOf,
} from '../support/app-page.js';
import { readPngSize } from '../support/png-file.js';
import type { WebTestEnv } from './web-test-env.js';

/** Clicks points around the map centre until a buurt is selected; returns its code. */
export async function clickABuurt(page: Page): Promise<string> {
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  for (const [dx, dy] of [
    [0, 0],
    [0.1, 0.05],
    [-0.1, -0.05],
    [0.05, -0.12],
    [-0.15, 0.1],
    [0.2, 0.2],
  ] as const) {
    await page.mouse.click(box.x + box.width * (0.5 + dx), box.y + box.height * (0.5 + dy));
    try {
      await page.waitForFunction(() => new URLSearchParams(location.search).has('buurt'), undefined, {
        timeout: 1500,
      });
      return new URLSearchParams(new URL(page.url()).search).get('buurt')!;
    } catch {
      // clicked between buurten: try the next point
    }
  }
  throw new Error('no buurt found under the map centre');
}

/** Checks that every value of every indicator in the profile equals the API's value. */
export async function expectProfileMatchesApi(page: Page, buurt: BuurtResponse): Promise<void> {
  await page.waitForSelector(`[data-testid="profile"] h2[data-code="${buurt.code}"]`);
  expect(await page.locator('[data-testid="profile"] h2').innerText()).toBe(buurt.name);
  let checked = 0;
  for (const indicator of buurt.indicators) {
    const section = page.locator(`[data-testid="profile"] [data-indicator="${indicator.id}"]`);
    const shown = await section
      .locator('td[data-year]')
      .evaluateAll((cells) =>
        cells.map(
          (c) => [c.getAttribute('data-year'), c.querySelector('.value')?.textContent ?? null] as const,
        ),
      );
    const expected = indicator.series.map((p) => [String(p.year), formatNumber(p.value, 'nl')] as const);
    expect(new Map(shown), `indicator ${indicator.id}`).toEqual(new Map(expected));
    checked += expected.length;
  }
  expect(checked).toBeGreaterThan(0);
  expect(await page.locator('[data-testid="profile-explanation"] p').innerText()).toBe(buurt.explanation.nl);
  // every period listed behind the disclosure shows the API's classes
  const rows = page.locator('[data-testid="profile-classes"] tr[data-period]');
  for (const period of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-period')!))) {
    const c = buurt.classifications.find((x) => x.period === period)!;
    const row = page.locator(`[data-testid="profile-classes"] tr[data-period="${period}"]`);
    expect(await row.locator('td').nth(0).textContent()).toBe(c.absolute.label);
    expect(await row.locator('td').nth(1).textContent()).toBe(c.relative.label);
  }
}

export function registerMouseFlow(env: () => WebTestEnv): void {
  it('start page: typing "Heer" offers Heerlen and Parkstad Limburg, and lists the loaded editions', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, env().url);
    // the loaded data per source (boundaries, KWB, Leefbaarometer, RIVM, police), without file names
    await expect(page.locator('[data-testid="editions"] tbody tr').count()).resolves.toBeGreaterThanOrEqual(
      5,
    );
    expect(await page.locator('[data-testid="editions"] tr[data-source="kwb"] li').count()).toBeGreaterThan(
      3,
    );
    expect(await page.locator('[data-testid="editions"]').innerText()).not.toMatch(/__|\.geojson|\.topojson/);
    await page.locator('[data-testid="area-search"]').fill('Heer');
    await page.waitForSelector('[role="option"][data-code="GM0917"]');
    const options = await page
      .locator('[role="option"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(options).toContain('GM0917');
    const regionId = env().parkstadId;
    expect(options).toContain(regionId);
    await screenshot(page, '01-start-search');
    await page.locator('[role="option"][data-code="GM0917"]').click();
    await page.waitForSelector('[data-testid="map-view"]');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('map page: all nine maps switch, each fully drawn with a legend whose counts add up to the buurten', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0917`);
    await waitForMapDrawn(page, 0);
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions');
    expect(defs.maps.map((m) => m.id)).toHaveLength(9);
    for (const def of defs.maps) {
      const before = await mapDrawnCount(page);
      const shown = new URL(page.url()).searchParams.get('map');
      await page.locator(`button[data-map="${def.id}"]`).click();
      if (shown !== def.id) await waitForMapDrawnOf(page, before, def.id);
      await page.waitForFunction(
        (title) => document.querySelector('[data-testid="map-title"]')?.textContent?.includes(title),
        def.titleNl,
      );
      const when = new URLSearchParams(new URL(page.url()).search);
      const response = await env().api<MapResponse>(
        `/api/maps?area=GM0917&map=${def.id}${when.get('period') ? `&period=${when.get('period')}` : ''}${when.get('year') ? `&year=${when.get('year')}` : ''}`,
      );
      const counts = await page.locator('[data-testid="legend"] .legend-count').allInnerTexts();
      expect(
        counts.map(Number).reduce((a, b) => a + b, 0),
        `legend of ${def.id}`,
      ).toBe(response.features.length);
      expect(await page.locator('[data-testid="legend"] .legend-item').count()).toBe(response.legend.length);
      expect(await drawnShare(page), `drawn share of ${def.id}`).toBeGreaterThan(0.05);
      await expect(page.locator('[data-testid="how-to-read"]').innerText()).resolves.toContain(
        def.howToReadNl.slice(0, 30),
      );
      await screenshot(page, `02-map-${def.number ?? 0}-${def.id}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('hovering shows name and value; clicking a buurt opens a profile with the same values as GET /api/buurten/:code', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0917&map=veerkracht-relatief`);
    await waitForMapDrawn(page, 0);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3);
    const tooltip = page.locator('[data-testid="map-tooltip"]');
    await tooltip.waitFor({ state: 'visible' });
    expect((await tooltip.innerText()).split('\n').length).toBeGreaterThanOrEqual(2);
    const code = await clickABuurt(page);
    // the profile explains the period the map shows
    const period = new URL(page.url()).searchParams.get('period')!;
    const buurt = await env().api<BuurtResponse>(`/api/buurten/${code}?period=${period}`);
    await expectProfileMatchesApi(page, buurt);
    await page.waitForTimeout(300);
    await screenshot(page, '03-profile');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('table view: sorts, filters, and downloads the rows as CSV', async () => {
    const { page } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0917&map=corporatiebezit&display=table`);
    await page.waitForSelector('[data-testid="map-table"] tbody tr');
    const total = await page.locator('[data-testid="map-table"] tbody tr').count();
    await page.locator('button[data-sort="value"]').click();
    const values = await page.locator('[data-testid="map-table"] tbody td[data-value]').evaluateAll((tds) =>
      tds
        .map((td) => td.getAttribute('data-value'))
        .filter((v) => v !== '')
        .map(Number),
    );
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.locator('[data-testid="table-filter"]').fill('BU0917');
    expect(await page.locator('[data-testid="map-table"] tbody tr').count()).toBe(total);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="csv-download"]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('code,naam,gemeente');
    expect(csv.trim().split('\r\n')).toHaveLength(total + 1);
    await screenshot(page, '04-table');
    await page.context().close();
  });

  it('side by side: two periods of a map, and zooming one map zooms the other', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=compare&area=GM0917&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0, 2);
    const left = page.locator('[data-testid="map-left"]');
    const right = page.locator('[data-testid="map-right"]');
    const zoomBefore = Number(await right.getAttribute('data-zoom'));
    const box = (await left.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(
      (before) => {
        const l = document.querySelector('[data-testid="map-left"]')?.getAttribute('data-zoom');
        const r = document.querySelector('[data-testid="map-right"]')?.getAttribute('data-zoom');
        return l && r && Number(l) > before && l === r;
      },
      zoomBefore,
      { timeout: 5000 },
    );
    expect(Number(await right.getAttribute('data-zoom'))).toBeGreaterThan(zoomBefore);
    expect(await right.getAttribute('data-center')).toBe(await left.getAttribute('data-center'));
    await screenshot(page, '05-compare-maps');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('compare areas: Heerlen and Parkstad Limburg with charts and key figures', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=areas&areas=GM0917,${env().parkstadId}`);
    await page.waitForSelector('[data-testid="compare-table"] tbody tr');
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(2);
    expect(await page.locator('.areas-results figure svg').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, '06-compare-areas', true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a deep link restores area, map, period, selected buurt and language; the English switch translates', async () => {
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions');
    const def = defs.maps.find((m) => m.id === 'veerkracht-relatief')!;
    const period = def.periods?.[0] ?? def.defaultPeriod!;
    const map = await env().api<MapResponse>(`/api/maps?area=GM0917&map=${def.id}&period=${period}`);
    const code = map.features[Math.floor(map.features.length / 2)]!.properties.code;
    // the profile explains the period the map shows
    const buurt = await env().api<BuurtResponse>(`/api/buurten/${code}?period=${period}`);
    expect(buurt.explanation.nl).toContain(period.replace('-', '–'));
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=map&area=GM0917&map=${def.id}&period=${period}&buurt=${code}`);
    await waitForMapDrawn(page, 0);
    await expect(
      page.locator('button[data-map="veerkracht-relatief"]').getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.locator('[data-testid="when-select"]').inputValue()).resolves.toBe(period);
    await expectProfileMatchesApi(page, buurt);
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await expect(page.locator('[data-testid="map-title"]').innerText()).resolves.toContain(def.titleEn);
    await page.waitForSelector(`[data-testid="profile"] h2[data-code="${code}"]`);
    await expect(page.locator('[data-testid="profile-explanation"] p').innerText()).resolves.toBe(
      buurt.explanation.en,
    );
    const englishLegend = map.legend.map((l) => l.labelEn);
    expect(await page.locator('[data-testid="legend"] .legend-label').allInnerTexts()).toEqual(englishLegend);
    await screenshot(page, '07-english-deep-link');
    // the English deep link opens in English
    const page2 = await page.context().newPage();
    await gotoApp(page2, page.url());
    await expect(page2.locator('html').getAttribute('lang')).resolves.toBe('en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('PNG export: a valid PNG exactly as wide as the map canvas, with title, legend and sources below', async () => {
    const { page } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0917&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0);
    const canvas = await page
      .locator('[data-testid="map"] canvas')
      .evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-png"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^veerkracht_gm0917_veerkracht-absoluut_.*\.png$/);
    const bytes = readFileSync((await download.path())!);
    const size = readPngSize(bytes);
    expect(size.width).toBe(canvas.width);
    expect(size.height).toBeGreaterThan(canvas.height);
    writeFileSync(join(SCREENSHOTS, '08-export.png'), bytes);
    await page.context().close();
  });

  it('phone-sized screen: no sideways scrolling, map and legend visible, the profile a bottom sheet over the map', async () => {
    const { page, errors } = await openPage(env().browser, { width: 390, height: 844 });
    await gotoApp(page, `${env().url}/?area=GM0917&map=overlast-onveiligheid`);
    await waitForMapDrawn(page, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await drawnShare(page)).toBeGreaterThan(0.05);
    await screenshot(page, '09-phone-map');
    await clickABuurt(page);
    await page.waitForSelector('[data-testid="profile"] h2[data-code]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const sheet = (await page.locator('[data-testid="profile"]').boundingBox())!;
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(845);
    await screenshot(page, '10-phone-profile');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without WebGL the Leaflet canvas fallback draws the map, selects buurten and exports a PNG', async () => {
    const browser = await launchChromium(['--disable-webgl', '--disable-3d-apis']);
    try {
      const { page, errors } = await openPage(browser);
      await gotoApp(page, `${env().url}/?area=GM0917&map=veerkracht-relatief`);
      await waitForMapDrawn(page, 0);
      expect(
        await page.evaluate(() =>
          document.querySelector('[data-testid="map"]')?.classList.contains('leaflet-container'),
        ),
      ).toBe(true);
      expect(await drawnShare(page)).toBeGreaterThan(0.05);
      const before = await mapDrawnCount(page);
      await page.locator('button[data-map="lage-inkomens"]').click();
      await waitForMapDrawn(page, before);
      const code = await clickABuurt(page);
      await page.waitForSelector(`[data-testid="profile"] h2[data-code="${code}"]`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="export-png"]').click(),
      ]);
      const bytes = readFileSync((await download.path())!);
      expect(readPngSize(bytes).width).toBe(
        await page.locator('[data-testid="map"]').evaluate((el) => el.clientWidth),
      );
      await screenshot(page, '13-leaflet-fallback');
      writeFileSync(join(SCREENSHOTS, '14-leaflet-export.png'), bytes);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
}
