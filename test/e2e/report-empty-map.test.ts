/**
 * An empty map in the report, in Debian Chromium on the real Heerlen files (VEERKRACHT_REAL_DATA;
 * skipped without): Kerkrade has no KWB there, so its corporation share map is hatched with the
 * reason and how to load KWB below it. Printed (print media, as GET /api/reports/<area>.pdf
 * prints it), that explanation fits on the map's page, its commands set as code — not cut off at
 * the page's foot with the API's backticks showing, as it was.
 * Screenshot: test-output/screenshots/report-empty-map-kerkrade.png.
 */
import { describe, expect, it } from 'vitest';
import { hasRealData } from '../real-data.js';
import { gotoApp, SCREENSHOTS } from './support/app-page.js';
import { useBrowserAndServer } from './support/browser-and-server.js';
import { startRealServer } from './support/real-server.js';

describe.skipIf(!hasRealData)('an empty map in the printed report (real data, Kerkrade)', () => {
  const { browser, server } = useBrowserAndServer(startRealServer);

  it('prints the reason and how to load KWB within the map’s page, with the commands as code', async () => {
    // the report's print viewport (server/report-pdf.ts), in print media
    const page = await browser().newPage({ viewport: { width: 1062, height: 733 } });
    await page.emulateMedia({ media: 'print' });
    await gotoApp(page, `${server().url}/?view=report&area=GM0928`);
    await page.waitForSelector('html[data-report-ready="true"]', { timeout: 120_000 });
    const section = page.locator('section.report-map[data-map="corporatiebezit"]');
    const warning = section.locator('.report-warning');
    const text = await warning.innerText();
    expect(text).toMatch(/^Deze kaart heeft geen gegevens voor Kerkrade\. Geen waarden voor \d{4}: /);
    expect(text).toContain('veerkracht fetch --sources kwb');
    expect(text).not.toContain('`');
    expect(await warning.locator('code').allInnerTexts()).toEqual([
      'veerkracht fetch --sources kwb',
      'veerkracht import <bestand>',
    ]);
    // every empty map's explanation ends inside its page (the page clips what does not fit)
    const outside = await page.$$eval('section.report-map', (pages) =>
      pages
        .map((p) => {
          const w = p.querySelector('.report-warning');
          const bottom = p.getBoundingClientRect().bottom;
          return w && w.getBoundingClientRect().bottom > bottom + 0.5 ? p.getAttribute('data-map') : null;
        })
        .filter((m) => m !== null),
    );
    expect(outside).toEqual([]);
    expect(await page.locator('section.report-map .report-warning').count()).toBeGreaterThan(0);
    await section.screenshot({ path: `${SCREENSHOTS}/report-empty-map-kerkrade.png` });
  }, 180_000);
});
