/**
 * The scenario planner in Debian Chromium (issue 14), public mode on the demo dataset, with the
 * server's Content-Security-Policy in force: open /scenario for a gemeente, see the three presets
 * side by side (totals, a map per scenario, the table per buurt, the defaults with their sources),
 * change an input and run again, download the CSV, print to PDF with the print stylesheet, log in
 * and save for the organisation, open the saved one. Console errors and CSP violations fail the
 * flow. Screenshots: test-output/screenshots/scenario-*.png (and the PDF's first page).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenshot, seriousAxeViolations } from './support/app-page.js';
import { launchChromium } from './support/chromium.js';
import { startMembersServer, type MembersServer } from './support/members-server.js';

/** The concentration at the end of scenario `col` (1-based) in the totals table, as a number. */
async function endConcentration(page: Page, col: number): Promise<number> {
  const text = await page
    .locator(`[data-testid="scenario-totals"] tbody tr:first-child td:nth-of-type(${col})`)
    .innerText();
  return Number(text.split('→')[1]!.replace('%', '').replace(',', '.').trim());
}

describe('scenario planner in Chromium', () => {
  let server: MembersServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startMembersServer('public');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs, compares, changes, downloads, prints and saves', async () => {
    const s = server!;
    const context = await browser!.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));

    const gemeenten = (await (await page.request.get(`${s.url}/api/gemeenten`)).json()) as {
      gemeenten: { code: string; name: string; buurten: number }[];
    };
    const area = gemeenten.gemeenten.find((g) => g.buurten > 0)!;

    // 1. the page with an area: the presets side by side at once
    await page.goto(`${s.url}/scenario?area=${area.code}`);
    await page.waitForSelector('[data-testid="scenario-results"]');
    expect(await page.locator('[data-testid="scenario-forms"] fieldset').count()).toBe(3);
    expect(await page.locator('[data-testid="scenario-totals"] thead th').allInnerTexts()).toEqual([
      '',
      'basis',
      'spreiden',
      'toevoegen',
    ]);
    for (const i of [0, 1, 2])
      expect(await page.locator(`[data-testid="scenario-map-${i}"] path`).count()).toBeGreaterThan(3);
    const buurtRows = await page.locator('[data-testid="scenario-buurten"] tbody tr').count();
    expect(buurtRows).toBeGreaterThan(3);
    // the defaults say where they come from
    const defaults = await page.locator('[data-testid="scenario-defaults"]').innerText();
    expect(defaults).toContain('Mutatiegraad');
    expect(defaults).toContain('uit een bron');
    expect(defaults).toContain('aanname');
    expect(defaults).toContain('uit de gegevens');
    // basis keeps the area where it is; spreiden's maps show buurten that fall
    const basisEnd = await endConcentration(page, 1);
    expect(
      await page.locator('[data-testid="scenario-map-1"] path[data-class^="daalt"]').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'scenario-01-presets', true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // 2. more lettings to the target group in the first scenario: its concentration ends higher
    const first = page.locator('[data-testid="scenario-form-0"]');
    await first.locator('input[name="name"]').fill('meer doelgroep');
    await first.locator('input[name="lettingShare"]').fill('60');
    await page.click('[data-testid="scenario-run"]');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="scenario-totals"] thead')
        ?.textContent?.includes('meer doelgroep'),
    );
    expect(await endConcentration(page, 1)).toBeGreaterThan(basisEnd);
    expect(
      await page.locator('[data-testid="scenario-form-0"] input[name="lettingShare"]').inputValue(),
    ).toBe('60');
    await screenshot(page, 'scenario-02-changed');
    // two side by side: remove the third, then add one again (three at most)
    await page.locator('[data-testid="scenario-form-2"] button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="scenario-totals"] thead th').length === 3,
    );
    expect(await page.locator('[data-testid="scenario-forms"] fieldset').count()).toBe(2);
    expect(
      await page.locator('[data-testid="scenario-form-0"] input[name="lettingShare"]').inputValue(),
    ).toBe('60');
    await page.click('[data-testid="scenario-add"]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="scenario-totals"] thead th').length === 4,
    );
    expect(await page.locator('[data-testid="scenario-form-2"] input[name="name"]').inputValue()).toBe(
      'Scenario 3',
    );
    expect(await page.locator('[data-testid="scenario-add"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="scenario-forms"] fieldset').count()).toBe(3);

    // 3. CSV of what is on screen
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="scenario-csv"]'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^scenario,niveau,code,naam,gemeente,jaar,woningen,/);
    expect(csv.some((l) => l.startsWith(`meer doelgroep,gebied,${area.code},`))).toBe(true);

    // 4. print: the print stylesheet hides the form and keeps inputs, totals, maps and table
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sc-form').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="scenario-inputs"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const pdfPath = join(SCREENSHOTS, 'scenario-03-print.pdf');
    writeFileSync(pdfPath, pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '3',
      pdfPath,
      join(SCREENSHOTS, 'scenario-03-print'),
    ]);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // 5. log in, save for the organisation, open it again
    await page.goto(`${s.url}/login?next=${encodeURIComponent(`/scenario?area=${area.code}`)}`);
    await page.fill('input[name="email"]', s.email);
    await page.fill('input[name="password"]', s.password);
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL(/\/scenario/);
    await page.waitForSelector('[data-testid="scenario-results"]');
    await page.locator('[data-testid="scenario-form-1"] input[name="spreadReduction"]').fill('80');
    await page.click('[data-testid="scenario-run"]');
    await page.fill('[data-testid="scenario-save-title"]', 'Spreiden 80 %');
    await page.click('[data-testid="scenario-save"]');
    await page.waitForSelector('[data-testid="scenario-saved"] li:has-text("Spreiden 80 %")');
    await page.goto(`${s.url}/scenario`);
    await page.waitForSelector('[data-testid="scenario-saved"] li:has-text("Spreiden 80 %")');
    await page.locator('[data-testid="scenario-saved"] li:has-text("Spreiden 80 %") button').first().click();
    await page.waitForSelector('[data-testid="scenario-results"]');
    expect(
      await page.locator('[data-testid="scenario-form-1"] input[name="spreadReduction"]').inputValue(),
    ).toBe('80');
    await screenshot(page, 'scenario-04-saved-opened', true);

    // 6. the saved comparison as PDF from the server (Chromium prints the same page with the member's session)
    const list = (await (await page.request.get(`${s.url}/api/scenarios`)).json()) as {
      scenarios: { id: number; title: string }[];
    };
    const id = list.scenarios.find((x) => x.title === 'Spreiden 80 %')!.id;
    const served = await page.request.get(`${s.url}/api/scenarios/${id}.pdf`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    const servedPath = join(SCREENSHOTS, 'scenario-05-server.pdf');
    writeFileSync(servedPath, await served.body());
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '3',
      servedPath,
      join(SCREENSHOTS, 'scenario-05-server'),
    ]);
    const text = execFileSync('pdftotext', [servedPath, '-']).toString();
    expect(text).toContain('Spreiden');
    expect(text).toContain(area.name);
    expect(text.replace(/\s+/g, ' ')).toContain('Uitgangspunten en hun bron');
    // 7. a werkgebied of two gemeenten: totals per gemeente too
    const { csrfToken } = (await (await page.request.get(`${s.url}/api/session`)).json()) as {
      csrfToken: string;
    };
    const both = gemeenten.gemeenten.filter((g) => g.buurten > 0).slice(0, 2);
    const region = (await (
      await page.request.post(`${s.url}/api/regions`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { name: 'Werkgebied scenario', gemeenten: both.map((g) => g.code) },
      })
    ).json()) as { id: string };
    await page.goto(`${s.url}/scenario?area=${encodeURIComponent(region.id)}`);
    await page.waitForSelector('[data-testid="scenario-gemeenten"]');
    expect(await page.locator('[data-testid="scenario-gemeenten"] tbody th').allInnerTexts()).toEqual(
      expect.arrayContaining(both.map((g) => g.name)),
    );
    await screenshot(page, 'scenario-06-region');

    // 8. in English
    await page.goto(`${s.url}/scenario?area=${area.code}&lang=en`);
    await page.waitForSelector('[data-testid="scenario-results"]');
    expect(await page.locator('h1').innerText()).toBe('Scenarios: allocation and housing stock');
    expect(await page.locator('[data-testid="scenario-legend"]').innerText()).toContain('rises strongly');

    const anonymous = await browser!.newContext();
    expect((await anonymous.request.get(`${s.url}/api/scenarios/${id}.pdf`)).status()).toBe(401);
    await anonymous.close();

    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
