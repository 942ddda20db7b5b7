/**
 * Page helpers for the browser tests: open the app, wait until a map is fully drawn (the app's
 * `vk:map-drawn` performance marks), check that the map shows something, run axe-core, move
 * focus with the Tab key only, and write screenshots to test-output/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export interface AppPage {
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<AppPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

export async function gotoApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}

export function mapDrawnCount(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('vk:map-drawn').length);
}

/** Waits until more than `before` maps have been drawn since the page loaded. */
export async function waitForMapDrawn(page: Page, before: number, count = 1): Promise<void> {
  await page.waitForFunction(
    (n) => performance.getEntriesByName('vk:map-drawn').length >= n,
    before + count,
    { timeout: 30_000 },
  );
}

/**
 * Waits until map `map` is drawn: a `vk:map-drawn` mark after the first `before` ones that names it
 * (a late redraw of the previous map does not count).
 */
export async function waitForMapDrawnOf(page: Page, before: number, map: string): Promise<void> {
  await page.waitForFunction(
    ([n, id]) =>
      performance
        .getEntriesByName('vk:map-drawn')
        .slice(n)
        .some((e) => (e as PerformanceMark).detail?.map === id),
    [before, map] as const,
    { timeout: 30_000 },
  );
}

/** Share of pixels of the map canvas inside `frame` that differ from the empty background. */
export function drawnShare(page: Page, frame = '[data-testid="map"]'): Promise<number> {
  return page.evaluate((selector) => {
    const source = document.querySelector(`${selector} canvas`) as HTMLCanvasElement | null;
    if (!source) return 0;
    const c = document.createElement('canvas');
    c.width = source.width;
    c.height = source.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 16) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      // background #eef0f2 and pure white outlines do not count
      const background = Math.abs(r - 0xee) < 4 && Math.abs(g - 0xf0) < 4 && Math.abs(b - 0xf2) < 4;
      if (!background && !(r > 250 && g > 250 && b > 250)) drawn++;
    }
    return drawn / (data.length / 16);
  }, frame);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core violations of impact serious or critical on the current page. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, not as a <script>: the app's Content-Security-Policy
  // (script-src 'self') refuses injected scripts, and the tests keep that policy on.
  await page.evaluate(`${axeSource};\nwindow.axe = window.axe ?? axe;`);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(
  page: Page,
  selector: string,
  options: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  const max = options.max ?? 80;
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`focus did not reach ${selector} within ${max} Tab presses (focus is on ${active})`);
}
