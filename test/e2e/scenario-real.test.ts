/**
 * The scenario page in Debian Chromium on the real Heerlen data (VEERKRACHT_REAL_DATA; skipped
 * without): the three presets for GM0917, every buurt of the map drawn (those without starting
 * values hatched), the table with the buurten the API ran, the starting values' sources named.
 * Screenshot: test-output/screenshots/scenario-real-heerlen.png.
 */
import { describe, expect, it } from 'vitest';
import type { RunScenariosResponse, ScenarioNoStart } from '../../src/api/scenarios.js';
import { hasRealData } from '../real-data.js';
import { screenshot } from './support/app-page.js';
import { useBrowserAndServer } from './support/browser-and-server.js';
import { startRealServer } from './support/real-server.js';

describe.skipIf(!hasRealData)('scenario page in Chromium on the real Heerlen data', () => {
  const { browser, server } = useBrowserAndServer(startRealServer);

  it('shows the presets for Heerlen with every buurt on the maps', async () => {
    const s = server();
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    const api = (await (
      await page.request.post(`${s.url}/api/scenarios/run`, { data: { area: 'GM0917' } })
    ).json()) as RunScenariosResponse;
    const map = (await (
      await page.request.get(`${s.url}/api/maps?area=GM0917&map=corporatiebezit`)
    ).json()) as {
      features: { id: string; geometry: unknown }[];
    };
    const drawn = map.features.filter((f) => f.geometry !== null).length;

    await page.goto(`${s.url}/scenario?area=GM0917`);
    await page.waitForSelector('[data-testid="scenario-results"]');
    expect(await page.locator('.sc-area-title').innerText()).toBe('Heerlen');
    expect(await page.locator('[data-testid="scenario-buurten"] tbody tr').count()).toBe(
      api.scenarios[0]!.buurten.length,
    );
    for (const i of [0, 1, 2]) {
      expect(await page.locator(`[data-testid="scenario-map-${i}"] path[data-code]`).count()).toBe(drawn);
      expect(
        await page.locator(`[data-testid="scenario-map-${i}"] path[data-class="left-out"]`).count(),
      ).toBe(api.excluded.length);
    }
    const spread = api.scenarios[1]!;
    expect(await page.locator('[data-testid="scenario-map-1"] path[data-class="daalt-sterk"]').count()).toBe(
      spread.classCounts['daalt-sterk'],
    );
    const defaults = await page.locator('[data-testid="scenario-defaults"]').innerText();
    expect(defaults).toContain('low_income_households_share 2018');
    expect(defaults).toContain(`${api.excluded.length} buurten zonder startwaarden`);
    await screenshot(page, 'scenario-real-heerlen', true);
    expect(problems).toEqual([]);
  }, 120_000);

  it('says in Dutch why Kerkrade cannot be run, with the counts and what to load, and offers nothing to run', async () => {
    const s = server();
    const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
    const answer = await page.request.post(`${s.url}/api/scenarios/run`, { data: { area: 'GM0928' } });
    expect(answer.status()).toBe(404);
    const details = ((await answer.json()) as { error: { details: ScenarioNoStart } }).error.details;
    // the real set has KWB for Heerlen only: Kerkrade's buurten have no dwellings nor corporation share
    expect(details.inputs.find((i) => i.field === 'corpShare')!.buurten).toBe(0);

    await page.goto(`${s.url}/scenario?area=GM0928`);
    const notice = page.locator('[data-testid="scenario-no-start"]');
    await notice.waitFor();
    expect(await notice.innerText()).toBe(details.nl.replaceAll('`', ''));
    expect(await notice.locator('code').first().innerText()).toBe('veerkracht fetch --sources kwb');
    expect(await page.locator('[data-testid="scenario-run"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="scenario-add"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="scenario-csv"]').isDisabled()).toBe(true);
    expect(await page.locator('.members-status.error').count()).toBe(0);
    await screenshot(page, 'scenario-real-kerkrade-no-start', true);

    // choosing Heerlen afterwards runs it and makes the buttons usable again
    await page.locator('#sc-area').selectOption('GM0917');
    await page.waitForSelector('[data-testid="scenario-results"]');
    expect(await page.locator('[data-testid="scenario-run"]').isDisabled()).toBe(false);
    expect(await notice.count()).toBe(0);
  }, 120_000);
});
