/**
 * Saved scenario comparisons as PDF (GET /api/scenarios/:id.pdf): the print browser
 * (print-browser.ts) opens the app's own scenario page for the saved id in print media, with the
 * asking member's session (so the page shows only what they may see), waits until the results are
 * drawn and prints them on A4 landscape with the page's print stylesheet (web/src/scenario/scenario.css).
 */
import { AppError } from '../core/app-error.js';
import { PAPER, PRINT_ORIGIN, printLandscape, type FetchApp, type PrintBrowser } from './print-browser.js';

export class ScenarioPdfRenderer {
  constructor(
    private readonly fetchApp: FetchApp,
    private readonly printer: PrintBrowser,
  ) {}

  async render(id: number, lang: 'nl' | 'en', credentials: Record<string, string>): Promise<Buffer> {
    const paper = PAPER.a4;
    const { page, close } = await this.printer.open(this.fetchApp, credentials, {
      width: paper.width,
      height: paper.height,
      scale: 2,
    });
    try {
      await page.goto(`${PRINT_ORIGIN}/scenario?saved=${id}${lang === 'en' ? '&lang=en' : ''}`);
      const done = await page.waitForSelector('[data-testid="scenario-results"], .members-status.error', {
        timeout: 30_000,
      });
      if ((await done.getAttribute('data-testid')) !== 'scenario-results')
        throw new AppError('NOT_FOUND', (await done.textContent()) ?? `scenario ${id} could not be shown`);
      return await printLandscape(page, paper);
    } finally {
      await close();
    }
  }
}
