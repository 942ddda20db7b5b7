/**
 * Map PDFs (GET /api/maps.pdf) drawn by the app itself: the print browser (print-browser.ts,
 * headless Debian Chromium started once and reused) opens the app's map page in print media at
 * the paper's size — the same drawing code and the print stylesheet of web/src/styles/app.css —
 * adds the sources, the date and the deep link with its QR code (deep-link-qr.ts), and prints it.
 * The page's requests are answered by the app with the asking viewer's credentials.
 */
import { dataEditionLabel } from '../domain/editions/data-edition-label.js';
import type { MapPdfQuery } from '../api/map-pdf.js';
import { AppError } from '../core/app-error.js';
import { deepLinkQrSvg } from './deep-link-qr.js';
import { PAPER, PRINT_ORIGIN, printLandscape, type FetchApp, type PrintBrowser } from './print-browser.js';

export class MapPdfRenderer {
  constructor(
    private readonly fetchApp: FetchApp,
    private readonly printer: PrintBrowser,
  ) {}

  /** The PDF of one map; `credentials` are the asking request's Cookie/Authorization headers. */
  async render(q: MapPdfQuery, credentials: Record<string, string>, publicOrigin: string): Promise<Buffer> {
    const paper = PAPER[q.size ?? 'a4'];
    const { page, close } = await this.printer.open(this.fetchApp, credentials, {
      width: paper.width,
      height: paper.height,
      scale: q.size === 'a3' ? 1.5 : 2,
    });
    try {
      const info = await this.mapInfo(q, credentials);
      const link = new URLSearchParams({ view: 'map', area: q.area, map: q.map });
      if (q.period !== undefined) link.set('period', q.period);
      if (q.year !== undefined) link.set('year', String(q.year));
      if (q.lang === 'en') link.set('lang', 'en');
      // the page and its deep link show the data edition the map comes from, also after later imports
      const edition = q.edition ?? info.dataEdition?.id;
      if (edition !== undefined) link.set('edition', String(edition));
      await page.goto(`${PRINT_ORIGIN}/?${link.toString()}`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
      const error = await page.$('.map-stage .error');
      if (error) throw new AppError('USAGE', (await error.textContent()) ?? 'the map could not be drawn');
      await page
        .waitForFunction(() => performance.getEntriesByName('vk:map-drawn').length > 0, undefined, {
          timeout: 20_000,
        })
        .catch(() => undefined); // an area without geometry still prints its texts
      const deepLink = `${publicOrigin}/?${link.toString()}`;
      const en = q.lang === 'en';
      const dataEdition = info.dataEdition
        ? `; ${en ? 'data edition' : 'data-editie'}: ${dataEditionLabel(info.dataEdition.label, en ? 'en' : 'nl')}`
        : '';
      const sources = `${en ? 'Sources and editions' : 'Bronnen en edities'}: CBS/PDOK wijk- en buurtkaart; ${info.sources.join('; ')}${dataEdition}`;
      const qr = await deepLinkQrSvg(
        deepLink,
        en ? 'QR code of the link to this map' : 'QR-code van de link naar deze kaart',
      );
      await page.evaluate(
        ({ sources, text, href, qr }) => {
          const footer = document.createElement('p');
          footer.className = 'print-footer';
          const code = document.importNode(
            new DOMParser().parseFromString(qr, 'image/svg+xml').documentElement,
            true,
          );
          code.setAttribute('style', 'float:right;width:22mm;height:22mm;margin:0 0 0 3mm');
          const line = document.createElement('span');
          line.className = 'print-sources';
          line.textContent = sources;
          footer.append(code, line, document.createElement('br'), `${text} · `);
          const a = document.createElement('a');
          a.href = href;
          a.textContent = href;
          footer.append(a);
          (document.querySelector('.map-info') ?? document.querySelector('.map-stage'))?.append(footer);
        },
        {
          sources,
          text: `${en ? 'Made' : 'Gemaakt'} ${new Date().toISOString().slice(0, 10)}`,
          href: deepLink,
          qr,
        },
      );
      return await printLandscape(page, paper);
    } finally {
      await close();
    }
  }

  /** The source editions of the map, each once (as in the PNG export's edition line), and its data edition. */
  private async mapInfo(
    q: MapPdfQuery,
    credentials: Record<string, string>,
  ): Promise<{ sources: string[]; dataEdition: { id: number; label: string } | null }> {
    const p = new URLSearchParams({ area: q.area, map: q.map });
    if (q.period !== undefined) p.set('period', q.period);
    if (q.year !== undefined) p.set('year', String(q.year));
    if (q.edition !== undefined) p.set('edition', String(q.edition));
    const res = await this.fetchApp(
      new Request(`${PRINT_ORIGIN}/api/maps?${p.toString()}`, { headers: credentials }),
    );
    if (!res.ok) return { sources: [], dataEdition: null };
    const body = (await res.json()) as {
      meta?: {
        sources?: { edition: string; table: string | null }[];
        dataEdition?: { id: number; label: string } | null;
      };
    };
    const labels = (body.meta?.sources ?? []).map((s) =>
      s.table && !s.edition.includes(s.table) ? `${s.edition} (${s.table})` : s.edition,
    );
    return { sources: [...new Set(labels)].sort(), dataEdition: body.meta?.dataEdition ?? null };
  }
}
