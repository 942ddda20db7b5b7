/**
 * The app around the maps on the national real data: search by common names and buurt names
 * ("geen resultaten" when nothing matches), the loaded data in words on the start page, side by
 * side opening on the previous comparable period, the buurten whose class changed and the
 * difference view (and no comparison where no period ends by the shown one's start), the PNG of
 * an empty map warning, buurt names in the PNG, gemeente borders in a region, negative numbers in
 * the compare-areas chart written with "−", and the optional PDOK basemap (served locally: tests
 * stay offline).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { CompareResponse, MapDefinitionsResponse } from '../../../src/api/schemas.js';
import { periodOverlap, previousPeriod } from '../../../src/domain/maps/area-availability.js';
import { formatNumber } from '../../../web/src/i18n/format.js';
import {
  SCREENSHOTS,
  gotoApp,
  mapDrawnCount,
  openPage,
  screenshot,
  seriousAxeViolations,
  waitForMapDrawn,
} from '../support/app-page.js';
import { internalIdsOnPage } from '../support/page-text.js';
import { readPngSize } from '../support/png-file.js';
import type { WebTestEnv } from './web-test-env.js';

async function optionCodes(page: Page): Promise<string[]> {
  await page.waitForTimeout(400);
  return page
    .locator('[role="option"]')
    .evaluateAll((os) => os.map((o) => o.getAttribute('data-code') ?? ''));
}

async function exportPng(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid="export-png"]').click(),
  ]);
  return readFileSync((await download.path())!);
}

/** A 256×256 grey PNG tile, drawn in the page (the stand-in for PDOK's tiles). */
async function tilePng(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = c.height = 256;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#c8ccd0';
    ctx.fillRect(0, 0, 256, 256);
    ctx.strokeStyle = '#9aa0a6';
    ctx.strokeRect(0, 0, 256, 256);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(data, 'base64');
}

export function registerNationalAppFlow(env: () => WebTestEnv): void {
  it('start page: finds "Den Haag" (\'s-Gravenhage), buurten by name, says "Geen resultaten", lists the data without file names', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, env().url);
    const search = page.locator('[data-testid="area-search"]');
    await search.fill('Den Haag');
    await page.waitForSelector('[role="option"][data-code="GM0518"]');
    expect((await optionCodes(page))[0]).toBe('GM0518');
    await search.fill('xqzwv');
    await page.locator('.search-empty:not([hidden])').waitFor();
    expect(await page.locator('.search-empty').innerText()).toBe('Geen resultaten');
    await search.fill('Burgemeesters');
    await page.waitForSelector('[role="option"][data-code^="BU"]');
    const codes = await optionCodes(page);
    expect(codes.some((c) => c.startsWith('BU'))).toBe(true);
    await screenshot(page, 'national-00-start-search');
    const editions = await page.locator('[data-testid="editions"]').innerText();
    expect(editions).not.toMatch(/__|\.geojson|\.topojson|not imported/);
    expect(await internalIdsOnPage(page)).toEqual([]);
    // choosing a buurt opens its gemeente with its profile
    const buurt = codes.find((c) => c.startsWith('BU'))!;
    await page.locator(`[role="option"][data-code="${buurt}"]`).click();
    await page.waitForSelector(`[data-testid="profile"] h2[data-code="${buurt}"]`);
    expect(new URL(page.url()).searchParams.get('area')).toBe(`GM${buurt.slice(2, 6)}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // Dijk en Waard (2022) is not on the 2019 division: it is Heerhugowaard and Langedijk together
  it('start page: "Dijk en Waard" opens the buurten of Heerhugowaard and Langedijk, and the map says so', async () => {
    const parts = await env().api<{ gemeenten: { code: string; buurten: number }[] }>('/api/gemeenten');
    const buurten = parts.gemeenten
      .filter((g) => g.code === 'GM0398' || g.code === 'GM0416')
      .reduce((n, g) => n + g.buurten, 0);
    expect(buurten).toBeGreaterThan(0);
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, env().url);
    await page.locator('[data-testid="area-search"]').fill('Dijk en Waard');
    const option = page.locator('[role="option"][data-code="GM1980"]');
    await option.waitFor();
    expect(await option.innerText()).toContain('de buurten van Heerhugowaard en Langedijk');
    await option.click();
    await waitForMapDrawn(page, 0);
    expect(new URL(page.url()).searchParams.get('area')).toBe('GM1980');
    expect(await page.locator('[data-testid="map-subtitle"]').innerText()).toBe('Dijk en Waard');
    expect(await page.locator('[data-testid="area-formed"]').innerText()).toBe(
      'Dijk en Waard bestaat sinds 2022. De kaarten gebruiken de buurtindeling van 2019; daarop is Dijk en Waard het gebied van Heerhugowaard en Langedijk, de gemeenten waaruit het is gevormd.',
    );
    const counts = await page
      .locator('[data-testid="legend"] .legend-count')
      .evaluateAll((els) => els.map((e) => Number(e.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(buurten);
    await screenshot(page, 'national-dijk-en-waard');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // side by side says it too
    await gotoApp(page, `${env().url}/?view=compare&area=GM1980&map=leefbaarheid`);
    await waitForMapDrawn(page, 0, 2);
    await expect(page.locator('[data-testid="area-formed"]').innerText()).resolves.toContain(
      'het gebied van Heerhugowaard en Langedijk',
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // Heerlen: its default veerkracht period (2019–2024) has a previous one that ends where it starts
  it('Heerlen side by side opens on the previous comparable period', async () => {
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions?area=GM0917');
    const def = defs.maps.find((m) => m.id === 'veerkracht-absoluut')!;
    const expected = previousPeriod(def.periods!, def.defaultPeriod!);
    expect(expected).not.toBeNull();
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=compare&area=GM0917&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0, 2);
    await expect(page.locator('[data-testid="compare-when-left"]').inputValue()).resolves.toBe(
      def.defaultPeriod,
    );
    await expect(page.locator('[data-testid="compare-when-right"]').inputValue()).resolves.toBe(expected);
    // periods that meet only in their boundary year need no warning
    expect(await page.locator('[data-testid="compare-overlap"]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'national-heerlen-07-side-by-side');
    // a right period that shares years with the left one: one note says so and names them
    const overlapping = def.periods!.find(
      (p) => p !== def.defaultPeriod && periodOverlap(p, def.defaultPeriod!),
    );
    if (overlapping) {
      const shared = periodOverlap(overlapping, def.defaultPeriod!)!;
      await page.locator('[data-testid="compare-when-right"]').selectOption(overlapping);
      const note = page.locator('[data-testid="compare-overlap"]');
      await note.waitFor();
      expect(await note.innerText()).toContain(`(${shared.t0}–${shared.t1})`);
      await screenshot(page, 'national-heerlen-07b-side-by-side-overlap');
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // Groningen's nuisance change: police figures 2021 → 2025 (no Leefbaarometer after 2020 outside
  // Heerlen and Kerkrade) beside the Leefbaarometer of an earlier period; each side says what it compares
  it('Groningen’s nuisance change opens on 2021–2025 and side by side names each side’s measure and years', async () => {
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions?area=GM0014');
    const def = defs.maps.find((m) => m.id === 'ontwikkeling-overlast')!;
    expect(def.defaultPeriod).toBe('2021-2025');
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=compare&area=GM0014&map=ontwikkeling-overlast`);
    await waitForMapDrawn(page, 0, 2);
    const left = page.locator('[data-testid="compare-compared-left"]');
    const right = page.locator('[data-testid="compare-compared-right"]');
    await left.waitFor();
    await right.waitFor();
    expect(await left.innerText()).toMatch(
      /^vergeleken: overlast: terugvalmaat politie: geregistreerde misdrijven 2021 → 2025/,
    );
    const rightPeriod = await page.locator('[data-testid="compare-when-right"]').inputValue();
    expect(Number(rightPeriod.slice(5))).toBeLessThanOrEqual(2021);
    expect(await right.innerText()).toMatch(/^vergeleken: overlast: Leefbaarometer onv \d{4} → \d{4}/);
    await screenshot(page, 'national-groningen-side-by-side-measures');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Heerlen veerkracht map: the buurten whose class changed since the previous period, and the difference view', async () => {
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions?area=GM0917');
    const def = defs.maps.find((m) => m.id === 'veerkracht-absoluut')!;
    const previous = previousPeriod(def.periods!, def.defaultPeriod!)!;
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0917&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0);
    const changes = page.locator('[data-testid="class-changes"]');
    await changes.waitFor();
    // the heading names both periods, which share at most the boundary year
    const span = (p: string) => p.replace('-', '–');
    expect(await changes.locator('h2').innerText()).toBe(
      `Klasse veranderd (${span(previous)} → ${span(def.defaultPeriod!)})`,
    );
    expect(Number(previous.slice(5))).toBeLessThanOrEqual(Number(def.defaultPeriod!.slice(0, 4)));
    const rows = await changes.locator('tbody tr').count();
    expect(await changes.locator('[data-testid="class-changes-summary"]').innerText()).toMatch(
      /\d+ zorgelijker, \d+ gunstiger/,
    );
    const before = await mapDrawnCount(page);
    await page.locator('button[data-display="change"]').click();
    await waitForMapDrawn(page, before);
    expect(new URL(page.url()).searchParams.get('display')).toBe('change');
    await expect(page.locator('[data-testid="map-title"]').innerText()).resolves.toMatch(/^Verschil .* → /);
    const legend = Object.fromEntries(
      await page
        .locator('[data-testid="legend"] .legend-item')
        .evaluateAll((items) =>
          items.map((i) => [
            i.getAttribute('data-class-id'),
            Number(i.querySelector('.legend-count')?.textContent),
          ]),
        ),
    ) as Record<string, number>;
    expect(legend['worse']! + legend['better']!).toBe(rows);
    await screenshot(page, 'national-heerlen-08-difference');
    // a changed buurt opens its profile from the list
    if (rows > 0) {
      const code = await changes.locator('tbody tr button').first().getAttribute('data-code');
      await changes.locator('tbody tr button').first().click();
      await page.waitForSelector(`[data-testid="profile"] h2[data-code="${code}"]`);
      await expect(page.locator('[data-testid="profile-classes-short"] tbody tr').count()).resolves.toBe(2);
    }
    expect(await internalIdsOnPage(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Amsterdam 2014–2025: no period ends by 2014, so no class comparison, and one line says why', async () => {
    const defs = await env().api<MapDefinitionsResponse>('/api/maps/definitions?area=GM0363');
    const def = defs.maps.find((m) => m.id === 'veerkracht-absoluut')!;
    expect(def.periods).toContain('2014-2025');
    // every other period shares more than the year 2014 with it (2012–2023 shares 2014–2023)
    expect(def.periods!.filter((p) => p !== '2014-2025' && Number(p.slice(5)) <= 2014)).toEqual([]);
    expect(previousPeriod(def.periods!, '2014-2025')).toBeNull();
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0363&map=veerkracht-absoluut&period=2014-2025`);
    await waitForMapDrawn(page, 0);
    const none = page.locator('[data-testid="class-changes-none"]');
    await none.waitFor();
    expect(await none.innerText()).toBe(
      'Klasse veranderd: geen vergelijking, want geen periode met gegevens eindigt in of vóór 2014, het begin van 2014–2025.',
    );
    expect(await page.locator('[data-testid="class-changes"]').count()).toBe(0);
    expect(await page.locator('button[data-display="change"]').count()).toBe(0);
    await screenshot(page, 'national-amsterdam-08-no-previous-period', true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the PNG of an empty map warns; the PNG carries the buurt names', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=GM0202&map=corporatiebezit`);
    await waitForMapDrawn(page, 0);
    await page.locator('[data-testid="empty-map-notice"]').waitFor();
    await screenshot(page, 'national-arnhem-09-empty-map');
    const empty = await exportPng(page);
    expect(await page.locator('#live-status').innerText()).toContain(
      'Let op: deze kaart heeft geen gegevens voor Arnhem',
    );
    writeFileSync(join(SCREENSHOTS, 'national-arnhem-10-empty-export.png'), empty);
    const canvasHeight = await page
      .locator('[data-testid="map"] canvas')
      .first()
      .evaluate((c) => (c as HTMLCanvasElement).height);
    expect(readPngSize(empty).height).toBeGreaterThan(canvasHeight);

    await gotoApp(page, `${env().url}/?area=GM0202&map=leefbaarheid`);
    await waitForMapDrawn(page, 0);
    const withNames = await exportPng(page);
    writeFileSync(join(SCREENSHOTS, 'national-arnhem-11-export.png'), withNames);
    await page.locator('[data-testid="labels-toggle"]').uncheck();
    await page.waitForFunction(
      () => document.querySelector('.map-labels')?.getAttribute('data-labels') === '0',
    );
    const withoutNames = await exportPng(page);
    expect(readPngSize(withNames)).toEqual(readPngSize(withoutNames));
    expect(withNames.equals(withoutNames)).toBe(false);
    expect(new URL(page.url()).searchParams.get('labels')).toBe('0');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('compare Utrecht and Arnhem: the mean-index chart writes a negative mean and its ticks with "−"', async () => {
    const compare = await env().api<CompareResponse>('/api/compare?areas=GM0344,GM0202');
    const negative = compare.areas.filter((a) => a.meanIndex !== null && a.meanIndex < 0);
    expect(negative.length).toBeGreaterThan(0); // Utrecht's mean lies below the national mean
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?view=areas&areas=GM0344,GM0202`);
    const chart = page.locator('.areas-results figure.chart').last();
    await chart.locator('svg').first().waitFor();
    const texts = await chart.locator('svg text').allTextContents();
    await chart.screenshot({ path: join(SCREENSHOTS, 'national-11b-mean-index-chart.png') });
    for (const a of negative) expect(texts).toContain(formatNumber(a.meanIndex, 'nl', { digits: 2 }));
    expect(texts.filter((t) => /^\u2212\d/.test(t)).length).toBeGreaterThan(1); // the value and tick(s)
    expect(texts.filter((t) => /-\d/.test(t))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a region view draws the gemeente borders', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=${env().parkstadId}&map=leefbaarheid`);
    await waitForMapDrawn(page, 0);
    expect(Number(await page.locator('[data-testid="map"]').locator('..').getAttribute('data-borders'))).toBe(
      7,
    );
    await screenshot(page, 'national-12-region-borders');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the PDOK basemap is off by default; switched on it loads its tiles under the buurten, and says so when they cannot be reached', async () => {
    const { page, errors } = await openPage(env().browser);
    const tiles: string[] = [];
    let tile: Buffer | null = null;
    await page.route('https://service.pdok.nl/**', async (route) => {
      tiles.push(route.request().url());
      tile ??= await tilePng(page);
      await route.fulfill({
        status: 200,
        contentType: 'image/png',
        body: tile,
        headers: { 'Access-Control-Allow-Origin': '*' },
      });
    });
    await gotoApp(page, `${env().url}/?area=GM0758`);
    await waitForMapDrawn(page, 0);
    expect(tiles).toEqual([]);
    await page.locator('[data-testid="basemap-toggle"]').check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('basemap') === 'brt');
    await expect.poll(() => tiles.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(tiles[0]).toMatch(
      /^https:\/\/service\.pdok\.nl\/brt\/achtergrondkaart\/wmts\/v2_0\/grijs\/EPSG:3857\/\d+\/\d+\/\d+\.png$/,
    );
    await page.waitForTimeout(800);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'national-breda-13-basemap');
    // offline: the tiles fail, the map keeps working and says why
    await page.unroute('https://service.pdok.nl/**');
    await page.route('https://service.pdok.nl/**', (route) => route.abort('internetdisconnected'));
    await gotoApp(page, `${env().url}/?area=GM0363&basemap=brt`);
    await waitForMapDrawn(page, 0);
    await page.locator('[data-testid="basemap-failed"]').waitFor({ timeout: 10_000 });
    expect(
      errors.filter((e) => !/pdok|Failed to load resource|ERR_INTERNET_DISCONNECTED|AJAXError/i.test(e)),
    ).toEqual([]);
    await page.context().close();
  });
}
