/**
 * The same path with the keyboard only (Tab, Shift+Tab, arrows, Enter, +): skip link, search
 * and pick Heerlen, switch maps, open a buurt from the table, close the profile, pick a buurt
 * from the picker (a combobox: arrow, then Enter), export a PNG, switch to English, open the side-by-side view and zoom both maps.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { BuurtResponse } from '../../../src/api/schemas.js';
import { gotoApp, mapDrawnCount, openPage, screenshot, tabTo, waitForMapDrawn } from '../support/app-page.js';
import { readPngSize } from '../support/png-file.js';
import { expectProfileMatchesApi } from './mouse-flow.js';
import type { WebTestEnv } from './web-test-env.js';

const focusedAttr = (page: Page, attr: string): Promise<string | null> =>
  page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attr);

export function registerKeyboardFlow(env: () => WebTestEnv): void {
  it('the whole path works with the keyboard only, with focus always visible and in place', async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, env().url);

    // skip link first, then the search combobox
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await tabTo(page, '[data-testid="area-search"]');
    await page.keyboard.type('Heer');
    for (let i = 0; i < 12; i++) {
      const active = await page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-activedescendant');
        return id ? document.getElementById(id)?.getAttribute('data-code') : null;
      });
      if (active === 'GM0917') break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="map-view"]');
    await waitForMapDrawn(page, 0);

    // switch maps from the list; focus stays on the pressed button
    let before = await mapDrawnCount(page);
    await tabTo(page, 'button[data-map="leefbaarheid"]');
    await page.keyboard.press('Enter');
    await waitForMapDrawn(page, before);
    expect(await focusedAttr(page, 'data-map')).toBe('leefbaarheid');
    expect(await page.locator('button[data-map="leefbaarheid"]').getAttribute('aria-pressed')).toBe('true');
    before = await mapDrawnCount(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitForMapDrawn(page, before);
    expect(await focusedAttr(page, 'data-map')).toBe('overlast-onveiligheid');

    // table view, then open the first buurt's profile: focus moves to its heading
    await tabTo(page, 'button[data-display="table"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="map-table"]:not([hidden]) tbody tr');
    await tabTo(page, '.buurt-button');
    const code = (await focusedAttr(page, 'data-code'))!;
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (c) => document.activeElement?.matches(`[data-testid="profile"] h2[data-code="${c}"]`),
      code,
    );
    // a level map's profile explains the area's newest veerkracht period
    const period = await page.locator('[data-testid="profile"]').getAttribute('data-period');
    await expectProfileMatchesApi(
      page,
      await env().api<BuurtResponse>(`/api/buurten/${code}${period ? `?period=${period}` : ''}`),
    );
    await screenshot(page, '11-keyboard-profile');

    // close the profile: focus returns to the buurt list; arrow keys there pick another buurt
    await tabTo(page, '[data-testid="profile-close"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="profile"]', { state: 'hidden' });
    expect(await focusedAttr(page, 'data-testid')).toBe('buurt-picker');
    // the picker is a combobox: ArrowDown opens the list and marks a buurt, nothing opens yet
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid="buurt-picker"][aria-expanded="true"]');
    await expect(page.locator('[data-testid="profile"]').isHidden()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="profile"] h2[data-code]');
    expect(await focusedAttr(page, 'data-testid')).toBe('buurt-picker');

    // back to the map and export it
    await tabTo(page, 'button[data-display="map"]', { backwards: true });
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="export-png"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const size = readPngSize(readFileSync((await download.path())!));
    const canvasWidth = await page
      .locator('[data-testid="map"] canvas')
      .evaluate((c: HTMLCanvasElement) => c.width);
    expect(size.width).toBe(canvasWidth);

    // English
    await tabTo(page, '[data-testid="lang-switch"]', { backwards: true, max: 120 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await focusedAttr(page, 'data-testid')).toBe('lang-switch');

    // side by side, zoom the left map with "+": the right map follows
    await tabTo(page, 'button[data-view="compare"]', { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="compare-view"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="map-right"]')?.getAttribute('data-zoom'),
    );
    const zoom = Number(await page.locator('[data-testid="map-left"]').getAttribute('data-zoom'));
    await tabTo(page, '[data-testid="map-left"] canvas');
    await page.keyboard.press('Equal');
    await page.waitForFunction(
      (z) => {
        const l = document.querySelector('[data-testid="map-left"]')?.getAttribute('data-zoom');
        const r = document.querySelector('[data-testid="map-right"]')?.getAttribute('data-zoom');
        return l && Number(l) > z && l === r;
      },
      zoom,
      { timeout: 5000 },
    );
    await screenshot(page, '12-keyboard-compare');
    expect(errors).toEqual([]);
    await page.context().close();
  });
}
