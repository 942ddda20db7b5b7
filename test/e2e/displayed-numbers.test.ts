/**
 * Negative numbers on screen are written with the minus sign "−" (U+2212), as the legends and
 * explanations write them, in Chromium: a map table and the compare-areas page (tables, chart
 * ticks and labels). Runs on the generated demo dataset, needs no real data; without Chromium the
 * suite fails. The chart of negative mean indexes is checked on the national data
 * (flows/national-app-flow.ts): the demo areas are both above the mean.
 */
import { describe, expect, it } from 'vitest';
import type { GemeentenResponse } from '../../src/api/schemas.js';
import { formatNumber } from '../../web/src/i18n/format.js';
import { gotoApp, openPage, screenshot } from './support/app-page.js';
import { useBrowserAndServer } from './support/browser-and-server.js';
import { startDemoServer } from './support/real-server.js';

describe('negative numbers on screen', () => {
  const { browser, server } = useBrowserAndServer(startDemoServer, 180_000);

  it('the table of a change map writes each decrease with "−" and keeps "-" in its data-value', async () => {
    const { page, errors } = await openPage(browser(), { width: 1280, height: 900 });
    await gotoApp(page, `${server().url}/?area=GM9999&map=ontwikkeling-concentratie&display=table`);
    await page.waitForSelector('[data-testid="map-table"] tbody tr');
    const cells = await page.$$eval('[data-testid="map-table"] td.num[data-value]', (tds) =>
      tds.map((td) => [td.getAttribute('data-value') ?? '', td.textContent ?? ''] as const),
    );
    await screenshot(page, 'negative-numbers-table');
    const decreases = cells.filter(([value]) => value !== '' && Number(value) < 0);
    // the demo set's change in concentration falls in some buurten of Demostad
    expect(decreases.length).toBeGreaterThan(0);
    for (const [value, text] of decreases) {
      expect(value).toMatch(/^-\d/); // machine-readable attribute
      expect(text.startsWith(formatNumber(Number(value), 'nl', { signed: true }))).toBe(true);
      expect(text).toMatch(/^\u2212\d/);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('compare areas: no number in the tables, captions or charts is written with "-"', async () => {
    const url = server().url;
    const gemeenten = (await (await fetch(`${url}/api/gemeenten`)).json()) as GemeentenResponse;
    const codes = gemeenten.gemeenten.filter((g) => g.buurten > 0).map((g) => g.code);
    const { page, errors } = await openPage(browser(), { width: 1280, height: 900 });
    await gotoApp(page, `${url}/?view=areas&areas=${codes.join(',')}`);
    await page.waitForSelector('.areas-results figure.chart svg');
    const chartTexts = await page.locator('.areas-results svg text').allTextContents();
    const pageText = await page.locator('.areas-results').innerText();
    expect(chartTexts.length).toBeGreaterThan(0);
    expect([...chartTexts, pageText].filter((t) => /-\d/.test(t))).toEqual([]);
    // the share axis is written as the rest of the app writes a percentage
    expect(chartTexts).toContain('50 %');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
