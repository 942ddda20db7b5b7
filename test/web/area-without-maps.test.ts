/**
 * The map page of an area without maps, in headless Chromium on the real app: a direct link to a
 * gemeente the store has no buurten of, and a link to an older data edition that did not hold the
 * gemeente yet (GET /api/maps/definitions answers 404 AREA_NOT_FOUND). The side panel says there
 * are no maps for the area, in Dutch and in English, instead of "Laden…" for ever; the heading says
 * there are no data for the area (not "Er ging iets mis"), the report button is disabled, and for an
 * area the gemeenten list does not know nothing asks the API for its maps; no empty map frame
 * stays below (a gemeente with maps has one). On a synthetic
 * store (division 2020): Heerlen in the first edition, Heerlen and Kerkrade in the second.
 * Screenshots in test-output/screenshots/area-without-maps-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { captureDataEdition } from '../../src/storage/capture-data-edition.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { gotoApp, openPage, screenshot } from '../e2e/support/app-page.js';
import { launchChromium } from '../e2e/support/chromium.js';
import { buildWebInto } from '../e2e/support/members-server.js';
import { fillSyntheticStore, syntheticStore } from '../server/synthetic-store.js';

describe('the map page of an area without maps (browser)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-no-maps-'));
  let store: SqliteStore;
  let server: ServerType;
  let url: string;
  let browser: Browser;
  let first: number;

  beforeAll(async () => {
    browser = await launchChromium(); // first: without Chromium, fail before building
    const webRoot = await buildWebInto(join(dir, 'web')); // the web app of these sources
    store = await syntheticStore({ gemeenten: 1, buurtenPerGemeente: 6, gemeenteCodes: ['GM0917'] });
    first = (await captureDataEdition(store, 2020))!.id;
    await fillSyntheticStore(store, { gemeenten: 1, buurtenPerGemeente: 6, gemeenteCodes: ['GM0928'] });
    await captureDataEdition(store, 2020);
    const app = createApp(store, { webRoot, checkIntervalMs: 0 });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sidebar = (page: Page) => page.locator('.map-sidebar');
  const unavailable = (page: Page) => page.locator('[data-testid="map-list-unavailable"]');
  const mapWrap = (page: Page) => page.locator('.map-stage .map-wrap');

  it('a direct link to a gemeente without loaded buurten: no maps for this area, in Dutch and English', async () => {
    const { page, errors } = await openPage(browser);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/maps/definitions?')) asked.push(new URL(r.url()).search);
    });
    await gotoApp(page, `${url}/?view=map&area=GM9999`);
    await unavailable(page).waitFor({ timeout: 10_000 });
    expect(await unavailable(page).innerText()).toBe(
      'Geen kaarten voor dit gebied: er zijn geen buurten met gegevens geladen.',
    );
    expect(await sidebar(page).innerText()).not.toContain('Laden');
    expect(await sidebar(page).locator('h2').innerText()).toBe('Kaarten');
    // what is the case, not "Er ging iets mis"; no report of an area without maps
    expect(await page.getByTestId('map-title').innerText()).toBe('Geen gegevens voor dit gebied');
    expect(await page.getByTestId('download-report').isDisabled()).toBe(true);
    expect(await page.locator('.stage-status [role="alert"]').innerText()).toContain(
      'Geen gegevens voor gemeente of regio GM9999',
    );
    // no empty map frame (nor its legend or map options) below what the page says: there, hidden
    expect(await mapWrap(page).count()).toBe(1);
    expect(await mapWrap(page).isHidden()).toBe(true);
    expect(await page.locator('.map-frame').isHidden()).toBe(true);
    expect(await page.locator('.map-options-slot').isHidden()).toBe(true);
    await screenshot(page, 'area-without-maps-nl');
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.querySelector('.map-sidebar h2')?.textContent === 'Maps');
    expect(await unavailable(page).innerText()).toBe(
      'No maps for this area: no buurten with data are loaded.',
    );
    expect(await sidebar(page).innerText()).not.toContain('Loading');
    expect(await page.locator('.stage-status [role="alert"]').innerText()).toContain(
      'No data for municipality or region GM9999',
    );
    expect(await page.getByTestId('map-title').innerText()).toBe('No data for this area');
    expect(await page.getByTestId('download-report').isDisabled()).toBe(true);
    expect(await mapWrap(page).isHidden()).toBe(true);
    await screenshot(page, 'area-without-maps-en');
    // the gemeenten say the area is unknown: nothing asks the API for its maps, nothing fails
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an older edition without the gemeente: the API says AREA_NOT_FOUND, the panel no maps instead of loading', async () => {
    const { page } = await openPage(browser);
    const definitions = page.waitForResponse((r) => r.url().includes('/api/maps/definitions?area=GM0928'));
    await gotoApp(page, `${url}/?view=map&area=GM0928&edition=${first}`);
    const answer = await definitions;
    expect(answer.status()).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('AREA_NOT_FOUND');
    await unavailable(page).waitFor({ timeout: 10_000 });
    expect(await unavailable(page).innerText()).toBe(
      'Geen kaarten voor dit gebied: er zijn geen buurten met gegevens geladen.',
    );
    expect(await sidebar(page).innerText()).not.toContain('Laden');
    expect(await page.locator('.stage-status [role="alert"]').innerText()).toContain(
      'Geen gegevens voor gemeente of regio GM0928',
    );
    expect(await page.getByTestId('map-title').innerText()).toBe('Geen gegevens voor dit gebied');
    expect(await page.getByTestId('download-report').isDisabled()).toBe(true);
    expect(await mapWrap(page).isHidden()).toBe(true);
    await screenshot(page, 'area-without-maps-edition');
    await page.context().close();
  });

  it('the newest edition has Kerkrade: its map list is there', async () => {
    const { page, errors } = await openPage(browser);
    await gotoApp(page, `${url}/?view=map&area=GM0928`);
    await page.locator('.map-sidebar .map-buttons').first().waitFor({ timeout: 10_000 });
    expect(await unavailable(page).count()).toBe(0);
    expect(await page.locator('.map-sidebar [data-map]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('download-report').isDisabled()).toBe(false);
    expect(await mapWrap(page).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
