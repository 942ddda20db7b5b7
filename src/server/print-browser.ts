/**
 * The one headless Chromium (Debian's, through playwright-core) that prints the app's pages to
 * PDF: map PDFs (map-pdf.ts) and area reports (report-pdf.ts). Started on first use and reused;
 * when it dies the next page starts it again. A print page never leaves the process: every
 * request of the page is answered by the app itself (`fetchApp`) with the asking viewer's
 * credentials (session cookie or share-link token), so the access rules apply to what it shows.
 * Flags: SwiftShader WebGL for MapLibre without a GPU.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppError } from '../core/app-error.js';

/** The origin the print pages are opened on (never resolved: requests are answered in process). */
export const PRINT_ORIGIN = 'http://veerkracht.print';
/** Headless Debian Chromium's flags: no sandbox (root), no network chatter, SwiftShader WebGL without a GPU (stack-notes §4). */
export const CHROMIUM_ARGS = [
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
const HOP_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection']);

/** Printable area at 96 px/inch with 8 mm margins, landscape. */
export const PAPER = {
  a4: { format: 'A4', width: 1062, height: 733 },
  a3: { format: 'A3', width: 1527, height: 1062 },
} as const;

/** The page as a landscape PDF on `paper` with 8 mm margins and the page's backgrounds (map and scenario PDFs). */
export function printLandscape(page: Page, paper: (typeof PAPER)[keyof typeof PAPER]): Promise<Buffer> {
  return page.pdf({
    format: paper.format,
    landscape: true,
    printBackground: true,
    margin: { top: '8mm', bottom: '8mm', left: '8mm', right: '8mm' },
  });
}

export type FetchApp = (request: Request) => Response | Promise<Response>;

export interface PrintBrowserOptions {
  /** Chromium binary (default VEERKRACHT_CHROMIUM or /usr/bin/chromium). */
  chromiumPath?: string;
}

export interface PrintPage {
  page: Page;
  close(): Promise<void>;
}

export class PrintBrowser {
  private browser: Promise<Browser> | null = null;
  private started = 0;

  /** How often Chromium was started (once while it keeps running). */
  get launches(): number {
    return this.started;
  }

  constructor(private readonly options: PrintBrowserOptions = {}) {}

  /**
   * A page in print media of `viewport` CSS pixels whose requests `fetchApp` answers with
   * `credentials` (the asking request's Cookie/Authorization headers); nothing else is reached.
   */
  async open(
    fetchApp: FetchApp,
    credentials: Record<string, string>,
    viewport: { width: number; height: number; scale: number },
  ): Promise<PrintPage> {
    const index = await fetchApp(new Request(`${PRINT_ORIGIN}/`));
    if (!index.ok)
      throw new AppError('INTERNAL', 'PDFs print the web app, which is not built: run `npm run build`');
    const browser = await this.launch();
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      deviceScaleFactor: viewport.scale,
    });
    try {
      await routeToApp(context, fetchApp, credentials);
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      return { page, close: () => context.close() };
    } catch (e) {
      await context.close();
      throw e;
    }
  }

  /** Closes Chromium (the next page starts it again). */
  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const path = this.options.chromiumPath ?? process.env['VEERKRACHT_CHROMIUM'] ?? '/usr/bin/chromium';
      this.started++;
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

/** Every request of the context is answered by the app; any other origin is aborted. */
async function routeToApp(
  context: BrowserContext,
  fetchApp: FetchApp,
  credentials: Record<string, string>,
): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (!request.url().startsWith(`${PRINT_ORIGIN}/`)) return route.abort();
    const headers = { ...request.headers(), ...credentials };
    delete headers['accept-encoding'];
    const body = request.postDataBuffer();
    const response = await fetchApp(
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
}

/** The asking request's credentials (Cookie, Authorization), which the print page sends on. */
export function printCredentials(header: (name: string) => string | undefined): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const h of ['cookie', 'authorization']) {
    const v = header(h);
    if (v) credentials[h] = v;
  }
  return credentials;
}
