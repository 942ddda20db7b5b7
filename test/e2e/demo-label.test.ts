/**
 * With the generated demo dataset (the offline fallback of `npm start`), every page says
 * "demo — fictieve gegevens" and so does the exported PNG. Needs no real data. Without Chromium
 * the suite fails (its beforeAll throws) rather than being skipped: the test command must not
 * report green without the browser flows.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GemeentenResponse } from '../../src/api/schemas.js';
import { gotoApp, openPage, screenshot, waitForMapDrawn } from './support/app-page.js';
import { launchChromium } from './support/chromium.js';
import { startDemoServer, type RealServer } from './support/real-server.js';

describe('the demo dataset is labelled on every page and in exports', () => {
  let server: RealServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium(); // first: without Chromium, fail before starting the server
    server = await startDemoServer();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the start page names only what is loaded: the demo set in the footer, its two gemeenten, no region', async () => {
    const { page, errors } = await openPage(browser!, { width: 1280, height: 900 });
    await gotoApp(page, `${server!.url}/`);
    const footer = page.locator('[data-testid="footer-sources"]');
    expect(await footer.innerText()).toBe(
      'Bron: demonstratieset met fictieve gegevens (geen officiële bronnen geladen) — Gemaakt met Veerkracht (open data, open methode).',
    );
    // no region is offered (the demo set has no buurt of Parkstad Limburg's gemeenten), the
    // column lists the two demo gemeenten instead
    expect(await page.locator('[data-testid="start-regions"]').count()).toBe(0);
    expect(await page.locator('#regions-heading').innerText()).toBe('Alle gemeenten met gegevens (2)');
    expect(await page.locator('.start-view [data-area]').allInnerTexts()).toEqual(['Demodorp', 'Demostad']);
    expect(await page.locator('.start-view').innerText()).not.toMatch(/Parkstad|GM0917/);
    // the table of loaded data names the demo set in words, and how many gemeenten it reaches
    expect(await page.locator('[data-testid="editions"] tbody').innerText()).toMatch(
      /^Demonstratieset \(fictieve gegevens\)\s+demo — fictieve gegevens · 2\sgemeenten$/,
    );
    // the search offers no region either
    await page.locator('[data-testid="area-search"]').fill('Parkstad');
    await page.waitForSelector('.search-empty:not([hidden])', { timeout: 5_000 });
    expect(await page.locator('[role="option"]').count()).toBe(0);
    await page.locator('[data-testid="area-search"]').fill('');
    await screenshot(page, '16-demo-start', true);
    await page.locator('[data-testid="lang-switch"]').click();
    expect(await footer.innerText()).toBe(
      'Source: demonstration set of fictitious data (no official sources loaded) — Made with Veerkracht (open data, open method).',
    );
    await screenshot(page, '16-demo-start-en', true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows "demo — fictieve gegevens" on the start, map, side-by-side and compare pages, and in the PNG', async () => {
    const url = server!.url;
    const gemeenten = (await (await fetch(`${url}/api/gemeenten`)).json()) as GemeentenResponse;
    expect(gemeenten.demo).toBe(true);
    const area = gemeenten.gemeenten.find((g) => g.buurten > 0)!.code;
    const { page, errors } = await openPage(browser!);
    for (const path of [
      '/',
      `/?area=${area}`,
      `/?view=compare&area=${area}`,
      `/?view=areas&areas=${area}`,
      `/?area=${area}&lang=en`,
    ]) {
      await gotoApp(page, `${url}${path}`);
      const badge = page.locator('[data-testid="demo-badge"]');
      await expect(badge.isVisible(), path).resolves.toBe(true);
      expect(await badge.innerText()).toContain('demo — fictieve gegevens');
    }
    await gotoApp(page, `${url}/?area=${area}&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0);
    await screenshot(page, '15-demo-map');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-png"]').click(),
    ]);
    const png = readFileSync((await download.path())!).toString('base64');
    // The export draws the demo label as a red box under the title and subtitle (left edge x = 16 px).
    const red = await page.evaluate(async (data) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const column = ctx.getImageData(19, 0, 1, 200).data;
      for (let y = 40; y < 200; y++) {
        const [r, g, b] = [column[y * 4]!, column[y * 4 + 1]!, column[y * 4 + 2]!];
        if (r > 150 && g < 80 && b < 80) return true;
      }
      return false;
    }, png);
    expect(red).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
