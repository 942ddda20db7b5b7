/**
 * Map PDFs (GET /api/maps.pdf) drawn by the app itself: headless Debian Chromium (playwright-core,
 * started on first use and reused) opens the app's map page in print media at the paper's size
 * — the same drawing code and the print stylesheet of web/src/styles/app.css — and prints it.
 * The page's requests never leave the process: they are answered by the app (`fetchApp`) with
 * the asking viewer's credentials (session cookie or share-link token), so access rules apply.
 * Flags: docs/stack-notes (SwiftShader WebGL for MapLibre without a GPU).
 */
import type { Browser } from 'playwright-core';
import type { MapPdfQuery } from '../api/map-pdf.js';
import { AppError } from '../core/app-error.js';

const ORIGIN = 'http://veerkracht.print';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
/** Printable area at 96 px/inch with 8 mm margins, landscape. */
const PAPER = {
  a4: { format: 'A4', width: 1062, height: 733 },
  a3: { format: 'A3', width: 1527, height: 1062 },
} as const;
const HOP_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

export interface MapPdfOptions {
  /** Chromium binary (default VEERKRACHT_CHROMIUM or /usr/bin/chromium). */
  chromiumPath?: string;
}

export class MapPdfRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(
    private readonly fetchApp: (request: Request) => Response | Promise<Response>,
    private readonly options: MapPdfOptions = {},
  ) {}

  /** The PDF of one map; `credentials` are the asking request's Cookie/Authorization headers. */
  async render(q: MapPdfQuery, credentials: Record<string, string>, publicOrigin: string): Promise<Buffer> {
    const paper = PAPER[q.size ?? 'a4'];
    const index = await this.fetchApp(new Request(`${ORIGIN}/`));
    if (!index.ok)
      throw new AppError('INTERNAL', 'map PDFs print the web app, which is not built: run `npm run build`');
    const browser = await this.launch();
    const context = await browser.newContext({
      viewport: { width: paper.width, height: paper.height },
      deviceScaleFactor: q.size === 'a3' ? 1.5 : 2,
    });
    try {
      await context.route('**/*', async (route) => {
        const request = route.request();
        if (!request.url().startsWith(`${ORIGIN}/`)) return route.abort();
        const headers = { ...request.headers(), ...credentials };
        delete headers['accept-encoding'];
        const body = request.postDataBuffer();
        const response = await this.fetchApp(
          new Request(request.url(), {
            method: request.method(),
            headers,
            ...(body && request.method() !== 'GET' ? { body: new Uint8Array(body) } : {}),
          }),
        );
        const out: Record<string, string> = {};
        response.headers.forEach((v, k) => {
          if (!HOP_HEADERS.has(k)) out[k] = v;
        });
        await route.fulfill({
          status: response.status,
          headers: out,
          body: Buffer.from(await response.arrayBuffer()),
        });
      });
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      const link = new URLSearchParams({ view: 'map', area: q.area, map: q.map });
      if (q.period !== undefined) link.set('period', q.period);
      if (q.year !== undefined) link.set('year', String(q.year));
      if (q.lang === 'en') link.set('lang', 'en');
      await page.goto(`${ORIGIN}/?${link.toString()}`);
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
      const editions = await this.editions(q, credentials);
      const sources = `${en ? 'Sources and editions' : 'Bronnen en edities'}: CBS/PDOK wijk- en buurtkaart; ${editions.join('; ')}`;
      await page.evaluate(
        ({ sources, text, href }) => {
          const footer = document.createElement('p');
          footer.className = 'print-footer';
          const line = document.createElement('span');
          line.className = 'print-sources';
          line.textContent = sources;
          footer.append(line, document.createElement('br'), `${text} · `);
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
        },
      );
      return await page.pdf({
        format: paper.format,
        landscape: true,
        printBackground: true,
        margin: { top: '8mm', bottom: '8mm', left: '8mm', right: '8mm' },
      });
    } finally {
      await context.close();
    }
  }

  /** The source editions of the map, each once (as in the PNG export's edition line). */
  private async editions(q: MapPdfQuery, credentials: Record<string, string>): Promise<string[]> {
    const p = new URLSearchParams({ area: q.area, map: q.map });
    if (q.period !== undefined) p.set('period', q.period);
    if (q.year !== undefined) p.set('year', String(q.year));
    const res = await this.fetchApp(
      new Request(`${ORIGIN}/api/maps?${p.toString()}`, { headers: credentials }),
    );
    if (!res.ok) return [];
    const body = (await res.json()) as { meta?: { sources?: { edition: string; table: string | null }[] } };
    const labels = (body.meta?.sources ?? []).map((s) =>
      s.table && !s.edition.includes(s.table) ? `${s.edition} (${s.table})` : s.edition,
    );
    return [...new Set(labels)].sort();
  }

  /** Closes Chromium (the next render starts it again). */
  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b).close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const path = this.options.chromiumPath ?? process.env['VEERKRACHT_CHROMIUM'] ?? '/usr/bin/chromium';
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS }),
      );
      this.browser = launching;
      launching.then(
        (b) =>
          b.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          }),
        () => {
          if (this.browser === launching) this.browser = null;
        },
      );
    }
    return this.browser.catch((e: unknown) => {
      throw new AppError('INTERNAL', `Chromium could not start for PDF output: ${(e as Error).message}`);
    });
  }
}
