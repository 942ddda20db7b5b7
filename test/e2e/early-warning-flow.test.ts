/**
 * Early warning and "buurten zoals deze" in a real headless Chromium against the real server
 * (createApp over a SQLite store) on fixture data: the synthetic country of the API tests (three
 * Parkstad gemeenten × 40 buurten). From the map view to the early-warning page, the list read
 * against GET /api/early-warning, a warning's profile with its similar buurten and positive
 * deviants, a similar buurt's profile, the page in English, and the early-warning page of the
 * gemeente report. Screenshots in
 * test-output/screenshots/ (ew-*.png). The same on the real Heerlen data (national boundaries,
 * Leefbaarometer, RIVM, police; skipped without VEERKRACHT_REAL_DATA). Without Chromium the suites
 * fail (beforeAll throws).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EarlyWarningResponse } from '../../src/api/early-warning.js';
import type { SimilarResponse } from '../../src/api/similar-buurten.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { syntheticStore } from '../server/synthetic-store.js';
import { hasRealData } from '../real-data.js';
import { gotoApp, openPage, screenshot, waitForMapDrawn } from './support/app-page.js';
import { launchChromium } from './support/chromium.js';
import { startRealServer, type RealServer } from './support/real-server.js';
import { ensureWebBuilt } from './support/web-build.js';

describe('early warning and buurten zoals deze in Chromium (fixture data)', () => {
  let browser: Browser | undefined;
  let store: SqliteStore | undefined;
  let server: ServerType | undefined;
  let url = '';
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    const webRoot = await ensureWebBuilt();
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 40,
      gemeenteCodes: ['GM0917', 'GM0928', 'GM0882'],
    });
    const app = createApp(store, { webRoot });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    store?.close();
  });

  it('goes from the map to the ranked list, its reasons and numbers, a profile and buurten like it', async () => {
    const expected = await api<EarlyWarningResponse>('/api/early-warning?area=GM0917&period=2016-2020');
    expect(expected.warnings.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser!);
    await gotoApp(page, `${url}/?area=GM0917&map=veerkracht-absoluut&period=2016-2020`);
    await waitForMapDrawn(page, 0);
    // reachable from the map view: the main navigation
    await page.locator('[data-view="warnings"]').click();
    await page.waitForSelector('[data-testid="warnings"]');
    expect(new URL(page.url()).searchParams.get('view')).toBe('warnings');
    const items = page.locator('[data-testid="warning"]');
    expect(await items.count()).toBe(expected.warnings.length);
    expect(await page.locator('[data-testid="warning-summary"]').innerText()).toContain(
      `${expected.warnings.length} van 40 buurten`,
    );
    // the first item: its name, and each reason's words with their numbers, as the API gives them
    const first = expected.warnings[0]!;
    const item = items.first();
    expect(await item.getAttribute('data-code')).toBe(first.code);
    expect(await item.locator('h3').innerText()).toBe(first.name);
    const reasons = item.locator('.reason');
    expect(await reasons.count()).toBe(first.reasons.length);
    for (let i = 0; i < first.reasons.length; i++) {
      const text = await reasons.nth(i).innerText();
      expect(text).toContain(first.reasons[i]!.textNl);
      expect(text).toMatch(/SD/);
      // each figure beside the words is printed as the words print it
      const figures = await reasons.nth(i).locator('.reason-numbers dd').allInnerTexts();
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures)
        for (const number of figure.match(/[+−]?\d+(?:,\d+)?(?= SD)/g) ?? [])
          expect(first.reasons[i]!.textNl).toContain(number);
    }
    await screenshot(page, 'ew-1-early-warning-list', true);

    // the buurt's profile on the signal map, with buurten like it
    await item.locator('[data-testid="warning-profile"]').click();
    await page.waitForSelector('[data-testid="similar-list"]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('buurt')).toBe(first.code);
    const similar = await api<SimilarResponse>(`/api/buurten/${first.code}/similar`);
    const links = page.locator('[data-testid="similar-list"] [data-testid="similar-link"]');
    expect(await links.count()).toBe(similar.similar.length);
    expect(await links.first().innerText()).toBe(similar.similar[0]!.name);
    expect(await page.locator('[data-testid="profile-similar"]').innerText()).toContain(
      similar.similar[0]!.textNl,
    );
    if (similar.deviants.length > 0)
      expect(await page.locator('[data-testid="deviant-list"] li').count()).toBe(similar.deviants.length);
    await page.locator('[data-testid="profile-similar"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'ew-2-profile-similar');

    // a similar buurt's profile (possibly in another gemeente)
    const other = similar.similar[0]!;
    await links.first().click();
    await page.waitForFunction(
      (code) => document.querySelector(`[data-testid="profile"] h2`)?.getAttribute('data-code') === code,
      other.code,
      {
        timeout: 30_000,
      },
    );
    expect(new URL(page.url()).searchParams.get('area')).toBe(other.gemeente);

    // the early-warning page in English
    await gotoApp(page, `${url}/?view=warnings&area=GM0917&period=2016-2020&lang=en`);
    await page.waitForSelector('[data-testid="warnings"]');
    expect(await page.locator('[data-testid="warning"] .reason').first().innerText()).toContain(
      first.reasons[0]!.textEn,
    );
    await screenshot(page, 'ew-3-early-warning-en');

    // the gemeente report has the early warning as a page
    await gotoApp(page, `${url}/?view=report&area=GM0917`);
    await page.waitForSelector('html[data-report-ready="true"]', { timeout: 90_000 });
    const section = page.locator('[data-testid="report-warnings"]');
    expect(await section.locator('li.warning').count()).toBe(expected.warnings.length);
    expect(await section.innerText()).toContain(first.reasons[0]!.textNl);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'ew-4-report-warnings');
    expect(errors).toEqual([]);
  }, 240_000);
});

describe.skipIf(!hasRealData)('early warning and buurten zoals deze in Chromium (real Heerlen data)', () => {
  let browser: Browser | undefined;
  let server: RealServer | undefined;
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server!.url}${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startRealServer();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists Parkstad Limburg’s buurten that need attention and opens one with buurten like it', async () => {
    const regions = await api<{ regions: { id: string; name: string }[] }>('/api/regions');
    const parkstad = regions.regions.find((r) => /parkstad/i.test(r.name))!.id;
    const expected = await api<EarlyWarningResponse>(`/api/early-warning?area=${parkstad}`);
    expect(expected.warnings.length).toBeGreaterThan(0);
    const { page, errors } = await openPage(browser!);
    await gotoApp(page, `${server!.url}/?view=warnings&area=${parkstad}`);
    await page.waitForSelector('[data-testid="warnings"]', { timeout: 30_000 });
    const items = page.locator('[data-testid="warning"]');
    expect(await items.count()).toBe(expected.warnings.length);
    const first = expected.warnings[0]!;
    expect(await items.first().locator('.reason').first().innerText()).toContain(first.reasons[0]!.textNl);
    await screenshot(page, 'ew-real-1-parkstad');
    await items.first().locator('[data-testid="warning-profile"]').click();
    await page.waitForSelector('[data-testid="similar-list"]', { timeout: 30_000 });
    const similar = await api<SimilarResponse>(`/api/buurten/${first.code}/similar`);
    expect(await page.locator('[data-testid="similar-list"] [data-testid="similar-link"]').count()).toBe(
      similar.similar.length,
    );
    await page.locator('[data-testid="profile-similar"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'ew-real-2-profile-similar');
    expect(errors).toEqual([]);
  }, 180_000);
});
