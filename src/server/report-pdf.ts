/**
 * Reports of a gemeente or region (GET /api/reports/<area>.pdf, `veerkracht report`): the print
 * browser (print-browser.ts, the one Chromium of the map PDFs) opens the app's report page
 * (`/?view=report&area=…`, web/src/report) in print media, which draws the nine maps with the
 * app's own map code; then the cover gets the public deep link with its QR code and the pages
 * their numbers, and Chromium prints it (A4 landscape).
 *
 * Reports are kept per area, language, data edition, public origin and data version (a new import makes new
 * ones), at most `maxEntries` of them; requests for a report being made wait for that one.
 */
import { AppError } from '../core/app-error.js';
import { deepLinkQrSvg } from './deep-link-qr.js';
import { PRINT_ORIGIN, type FetchApp, type PrintBrowser } from './print-browser.js';

export interface ReportRequest {
  /** Gemeente code or region id, as resolved (service/report.ts). */
  area: string;
  lang: 'nl' | 'en';
  dataVersion: string;
  /** A pinned data edition (absent: the newest). */
  edition?: number;
  /** The server's public origin: the deep links printed in the report start with it. */
  publicOrigin: string;
}

/** Printable width of landscape A4 at 96 px/inch with 8 mm margins. */
const VIEWPORT = { width: 1062, height: 733, scale: 2 };
const READY_TIMEOUT_MS = 120_000;

export class ReportPdfRenderer {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly fetchApp: FetchApp,
    private readonly printer: PrintBrowser,
    private readonly maxEntries = 8,
  ) {}

  /** The report (from the cache when made before for this data version). */
  render(r: ReportRequest, credentials: Record<string, string>): Promise<Buffer> {
    const key = JSON.stringify([r.area, r.lang, r.edition ?? null, r.publicOrigin, r.dataVersion]);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, hit);
      return hit;
    }
    const made = this.make(r, credentials);
    this.cache.set(key, made);
    made.catch(() => this.cache.delete(key)); // errors are not kept
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return made;
  }

  /** How many reports are kept (for tests). */
  get size(): number {
    return this.cache.size;
  }

  private async make(r: ReportRequest, credentials: Record<string, string>): Promise<Buffer> {
    const { page, close } = await this.printer.open(this.fetchApp, credentials, VIEWPORT);
    try {
      const q = new URLSearchParams({ view: 'report', area: r.area });
      if (r.edition !== undefined) q.set('edition', String(r.edition));
      if (r.lang === 'en') q.set('lang', 'en');
      await page.goto(`${PRINT_ORIGIN}/?${q.toString()}`);
      await page.waitForSelector('html[data-report-ready]', { timeout: READY_TIMEOUT_MS });
      const state = await page.getAttribute('html', 'data-report-ready');
      if (state !== 'true') {
        const message = (await page.textContent('.report-error').catch(() => null)) ?? 'unknown error';
        throw new AppError('INTERNAL', `the report of ${r.area} could not be made: ${message}`);
      }
      // the cover's link (the area's maps, pinned to the data edition shown) as a QR code
      const coverPath =
        (await page.getAttribute('.report-cover a.report-deep-link', 'data-path').catch(() => null)) ??
        `/?view=map&area=${encodeURIComponent(r.area)}`;
      const areaLink = `${r.publicOrigin}${coverPath}`;
      const qr = await deepLinkQrSvg(
        areaLink,
        r.lang === 'en' ? 'QR code of the link to these maps' : 'QR-code van de link naar deze kaarten',
      );
      await page.evaluate(
        ({ origin, qr }) => {
          // the page was drawn on the print origin: its links get the public one
          for (const a of document.querySelectorAll<HTMLAnchorElement>('a.report-deep-link')) {
            const path = a.dataset['path'] ?? '';
            a.href = `${origin}${path}`;
            a.textContent = `${origin}${path}`;
          }
          const slot = document.querySelector('.report-qr');
          if (slot)
            slot.replaceChildren(
              document.importNode(new DOMParser().parseFromString(qr, 'image/svg+xml').documentElement, true),
            );
        },
        { origin: r.publicOrigin, qr },
      );
      const pageOf = r.lang === 'en' ? 'page' : 'pagina';
      return await page.pdf({
        format: 'A4',
        landscape: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:8px;width:100%;text-align:right;padding:0 8mm;color:#555">${pageOf} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
        margin: { top: '8mm', bottom: '12mm', left: '8mm', right: '8mm' },
      });
    } finally {
      await close();
    }
  }
}
