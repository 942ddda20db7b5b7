/**
 * axe-core (WCAG 2.0–2.2 A/AA rules and best practices) on the start page, the map page, the
 * profile, the table view and the side-by-side view: no serious or critical violations.
 */
import { expect, it } from 'vitest';
import { gotoApp, openPage, seriousAxeViolations, waitForMapDrawn } from '../support/app-page.js';
import { clickABuurt } from './mouse-flow.js';
import type { WebTestEnv } from './web-test-env.js';

export function registerAccessibilityChecks(env: () => WebTestEnv): void {
  it('axe-core finds no serious or critical violations on the start, map, profile, table, compare and phone views', async () => {
    const { page } = await openPage(env().browser);
    await gotoApp(page, env().url);
    await page.locator('[data-testid="area-search"]').fill('Heer');
    expect(await seriousAxeViolations(page), 'start page').toEqual([]);

    await gotoApp(page, `${env().url}/?area=GM0917&map=veerkracht-absoluut`);
    await waitForMapDrawn(page, 0);
    expect(await seriousAxeViolations(page), 'map page').toEqual([]);

    await clickABuurt(page);
    await page.waitForSelector('[data-testid="profile"] h2[data-code]');
    await page.waitForSelector('[data-testid="profile"] .chart-slot svg');
    expect(await seriousAxeViolations(page), 'profile').toEqual([]);

    await gotoApp(page, `${env().url}/?area=GM0917&map=lage-inkomens&display=table&lang=en`);
    await page.waitForSelector('[data-testid="map-table"] tbody tr');
    expect(await seriousAxeViolations(page), 'table view (English)').toEqual([]);

    await gotoApp(page, `${env().url}/?view=compare&area=GM0917&map=ontwikkeling-concentratie`);
    await waitForMapDrawn(page, 0, 2);
    expect(await seriousAxeViolations(page), 'side-by-side view').toEqual([]);

    await gotoApp(page, `${env().url}/?view=areas&areas=GM0917,${env().parkstadId}`);
    await page.waitForSelector('[data-testid="compare-table"] tbody tr');
    expect(await seriousAxeViolations(page), 'compare areas').toEqual([]);
    await page.context().close();

    const phone = await openPage(env().browser, { width: 390, height: 844 });
    await gotoApp(phone.page, `${env().url}/?area=GM0917&map=leefbaarheid&lang=en`);
    await waitForMapDrawn(phone.page, 0);
    expect(await seriousAxeViolations(phone.page), 'map page on a phone (English)').toEqual([]);
    await phone.page.context().close();
  });
}
