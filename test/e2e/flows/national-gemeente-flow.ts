/**
 * One gemeente on the national real data, as a policy adviser meets it: it opens on the first
 * map with data on its newest year or period (values for at least half of its buurten); each of
 * the nine maps opens on its newest year/period with data or says on the map why it is empty;
 * the profile is short; the buurt picker filters by keyboard and opens nothing until chosen; on
 * a phone a deep link opens the buurt's profile first. No internal ids on screen; axe-core finds
 * no serious or critical violation. Screenshots: test-output/screenshots/national-<slug>-*.png.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { MapDefinition, MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import {
  drawnShare,
  gotoApp,
  mapDrawnCount,
  openPage,
  screenshot,
  seriousAxeViolations,
  tabTo,
  waitForMapDrawn,
} from '../support/app-page.js';
import { internalIdsOnPage } from '../support/page-text.js';
import { clickABuurt } from './mouse-flow.js';
import type { WebTestEnv } from './web-test-env.js';

export interface GemeenteCase {
  code: string;
  name: string;
  slug: string;
  /** Typed into the buurt picker: matches several buurten of the gemeente. */
  buurtQuery: string;
}

const keyOf = (def: MapDefinition): string | null =>
  def.kind === 'level'
    ? def.defaultYear !== undefined
      ? String(def.defaultYear)
      : null
    : (def.defaultPeriod ?? null);

const shownWhen = (page: Page): string | null => {
  const q = new URL(page.url()).searchParams;
  return q.get('period') ?? q.get('year');
};

export function registerGemeenteFlow(env: () => WebTestEnv, g: GemeenteCase): void {
  let defs: MapDefinitionsResponse;
  const definitions = async (): Promise<MapDefinitionsResponse> =>
    (defs ??= await env().api<MapDefinitionsResponse>(`/api/maps/definitions?area=${g.code}`));

  it(`${g.name}: opens on the first map with data, on its newest year or period, with values for at least half of its buurten`, async () => {
    const d = await definitions();
    expect(d.defaultMap, 'some map has data').toBeTruthy();
    const def = d.maps.find((m) => m.id === d.defaultMap)!;
    const first = d.maps.find((m) => m.availability?.hasData);
    expect(def.id).toBe(first?.id);
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=${g.code}`);
    await waitForMapDrawn(page, 0);
    expect(new URL(page.url()).searchParams.get('map')).toBe(def.id);
    const key = keyOf(def)!;
    expect(shownWhen(page)).toBe(key);
    const a = def.availability!;
    expect(a.counts[key]! * 2, `${def.id} ${key}: ${a.counts[key]} of ${a.buurten}`).toBeGreaterThanOrEqual(
      a.buurten,
    );
    await expect(page.locator('[data-testid="empty-map-notice"]').count()).resolves.toBe(0);
    expect(await drawnShare(page)).toBeGreaterThan(0.05);
    expect(Number(await page.locator('.map-labels').getAttribute('data-labels'))).toBeGreaterThan(0);
    await screenshot(page, `national-${g.slug}-01-open`);
    expect(await internalIdsOnPage(page)).toEqual([]);
    expect(await seriousAxeViolations(page), 'map page').toEqual([]);
    // the table and the English interface show no internal ids either
    await page.locator('button[data-display="table"]').click();
    await page.waitForSelector('[data-testid="map-table"] tbody tr');
    expect(await internalIdsOnPage(page), 'table').toEqual([]);
    await page.locator('[data-testid="lang-switch"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await internalIdsOnPage(page), 'English').toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(`${g.name}: each of the nine maps opens on its newest year or period with data, or says on the map why it is empty`, async () => {
    const d = await definitions();
    expect(d.maps.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=${g.code}`);
    await waitForMapDrawn(page, 0);
    for (const def of d.maps) {
      const before = await mapDrawnCount(page);
      const shown = new URL(page.url()).searchParams.get('map');
      await page.locator(`button[data-map="${def.id}"]`).click();
      if (shown !== def.id) await waitForMapDrawn(page, before);
      // a drawing of the previous map may finish after the click: wait for this map's title and URL
      await page.locator('[data-testid="map-title"]', { hasText: def.titleNl }).waitFor({ timeout: 30_000 });
      await page.waitForURL((u) => u.searchParams.get('map') === def.id, { timeout: 30_000 });
      await expect(page.locator('[data-testid="map-title"]').innerText()).resolves.toContain(def.titleNl);
      const button = page.locator(`button[data-map="${def.id}"]`);
      if (def.availability!.hasData) {
        expect(shownWhen(page), def.id).toBe(keyOf(def));
        const options = await page
          .locator('[data-testid="when-select"] option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(new Set(options), `${def.id}: offered years/periods`).toEqual(
          new Set((def.kind === 'level' ? def.years!.map(String) : def.periods) ?? []),
        );
        await expect(button.getAttribute('data-has-data')).resolves.toBe('true');
        await expect(page.locator('[data-testid="empty-map-notice"]').count()).resolves.toBe(0);
      } else {
        const notice = page.locator('[data-testid="empty-map-notice"]');
        await notice.waitFor();
        const text = await notice.innerText();
        expect(text).toContain(g.name);
        if (def.availability!.emptyReason === 'source-not-loaded')
          expect(text).toMatch(/veerkracht fetch --sources [a-z,]+/);
        await expect(button.getAttribute('data-has-data')).resolves.toBe('false');
        expect(await button.innerText()).toContain('geen gegevens');
      }
      const legend = await page.locator('[data-testid="legend"] .legend-count').allInnerTexts();
      const response = await env().api<MapResponse>(
        `/api/maps?area=${g.code}&map=${def.id}${shownWhen(page) ? `&${def.kind === 'level' ? 'year' : 'period'}=${shownWhen(page)}` : ''}`,
      );
      expect(
        legend.map(Number).reduce((s, n) => s + n, 0),
        `legend of ${def.id}`,
      ).toBe(response.features.length);
      await screenshot(page, `national-${g.slug}-02-map-${def.number}-${def.id}`);
    }
    expect(await internalIdsOnPage(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(`${g.name}: the profile is short — explanation, class now and before, indicators; every period behind a disclosure`, async () => {
    const d = await definitions();
    const def =
      d.maps.find((m) => m.id === 'veerkracht-absoluut' && m.availability?.hasData) ??
      d.maps.find((m) => m.id === d.defaultMap)!;
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=${g.code}&map=${def.id}`);
    await waitForMapDrawn(page, 0);
    await clickABuurt(page);
    const profile = page.locator('[data-testid="profile"]');
    await profile.locator('h2[data-code]').waitFor();
    const order = await profile.evaluate((el) =>
      [...el.querySelectorAll('[data-testid]')]
        .map((e) => e.getAttribute('data-testid'))
        .filter((id) =>
          [
            'profile-explanation',
            'profile-classes-short',
            'profile-indicators',
            'profile-all-periods',
          ].includes(id!),
        ),
    );
    expect(order.slice(0, 3)).toEqual(['profile-explanation', 'profile-classes-short', 'profile-indicators']);
    if (def.kind !== 'level') {
      const period = new URL(page.url()).searchParams.get('period')!;
      await expect(
        profile.locator(`[data-testid="profile-classes-short"] tr[data-period="${period}"]`).count(),
      ).resolves.toBe(1);
      expect(
        await profile.locator('[data-testid="profile-classes-short"] tbody tr').count(),
      ).toBeLessThanOrEqual(2);
    }
    const all = profile.locator('[data-testid="profile-all-periods"]');
    if ((await all.count()) > 0)
      expect(await all.evaluate((e) => (e as HTMLDetailsElement).open)).toBe(false);
    await page.waitForTimeout(300);
    await screenshot(page, `national-${g.slug}-03-profile`);
    expect(await internalIdsOnPage(page)).toEqual([]);
    expect(await seriousAxeViolations(page), 'profile').toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(`${g.name}: the buurt picker filters while typing "${g.buurtQuery}" and opens nothing until a buurt is chosen with Enter`, async () => {
    const { page, errors } = await openPage(env().browser);
    await gotoApp(page, `${env().url}/?area=${g.code}`);
    await waitForMapDrawn(page, 0);
    await tabTo(page, '[data-testid="buurt-picker"]', { max: 60 });
    for (const ch of g.buurtQuery) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(60);
      expect(new URL(page.url()).searchParams.has('buurt'), `after typing "${ch}"`).toBe(false);
      await expect(page.locator('[data-testid="profile"]').isHidden()).resolves.toBe(true);
    }
    const input = page.locator('[data-testid="buurt-picker"]');
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const names = await page.locator('[role="listbox"] [role="option"]').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    const q = g.buurtQuery.toLowerCase();
    for (const n of names) expect(n.toLowerCase(), n).toContain(q);
    await screenshot(page, `national-${g.slug}-04-combobox`);
    await page.keyboard.press('ArrowDown');
    const activeId = await input.getAttribute('aria-activedescendant');
    const code = await page.locator(`#${activeId}`).getAttribute('data-code');
    expect(new URL(page.url()).searchParams.has('buurt')).toBe(false);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="profile"] h2[data-code="${code}"]`);
    expect(new URL(page.url()).searchParams.get('buurt')).toBe(code);
    await expect(input.inputValue()).resolves.toBe(names[0]!.split('\n')[0]);
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it(`${g.name}: on a phone a deep-linked buurt opens its profile first as a bottom sheet, without sideways scrolling, and the menu fits`, async () => {
    const d = await definitions();
    const map = await env().api<MapResponse>(`/api/maps?area=${g.code}&map=${d.defaultMap}`);
    const code = map.features.find((f) => f.properties.classIndex !== null)!.properties.code;
    const { page, errors } = await openPage(env().browser, { width: 390, height: 844 });
    await gotoApp(page, `${env().url}/?area=${g.code}&buurt=${code}`);
    await page.waitForSelector(`[data-testid="profile"] h2[data-code="${code}"]`);
    await waitForMapDrawn(page, 0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const sheet = (await page.locator('[data-testid="profile"]').boundingBox())!;
    expect(sheet.y, 'the sheet is in view at once').toBeLessThan(844 / 2);
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(845);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const nav = await page
      .locator('.site-header nav button')
      .evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect()).map((r) => [r.left, r.right]));
    for (const [left, right] of nav) {
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(390);
    }
    await screenshot(page, `national-${g.slug}-05-phone-profile`);
    await page.locator('[data-testid="profile-sheet-toggle"]').click();
    await expect(page.locator('[data-testid="profile-explanation"]').isVisible()).resolves.toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, `national-${g.slug}-06-phone-folded`);
    expect(await seriousAxeViolations(page), 'phone').toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
}
