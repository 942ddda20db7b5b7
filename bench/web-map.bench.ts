/**
 * Benchmark: the web app in headless Chromium against the real server on the real data
 * (VEERKRACHT_REAL_DATA; national boundaries 2019, Leefbaarometer, RIVM, police, Heerlen KWB).
 *   1. time from navigation to the first fully drawn map (performance mark `vk:map-drawn`, i.e.
 *      MapLibre idle after the data is set) for the gemeente with the most buurten, cold cache;
 *   2. time from clicking another map to that map being fully drawn, over all nine maps.
 * Targets: ≤ 1.5 s and ≤ 200 ms. Run: `npx tsx bench/web-map.bench.ts` (builds web/dist if missing).
 */
import type { Page } from 'playwright-core';
import type { GemeentenResponse, MapDefinitionsResponse } from '../src/api/schemas.js';
import { launchChromium } from '../test/e2e/support/chromium.js';
import { startRealServer } from '../test/e2e/support/real-server.js';

const FIRST_RUNS = 5;
const FIRST_MAP = 'veerkracht-absoluut';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summary(xs: number[]): string {
  return `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;
}

async function firstDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('vk:map-drawn').length > 0, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => performance.getEntriesByName('vk:map-drawn')[0]!.startTime);
}

/** Clicks the map button and returns ms until the next `vk:map-drawn` mark. */
function switchTo(page: Page, mapId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>(`button[data-map="${id}"]`);
        if (!button) return reject(new Error(`no button for ${id}`));
        const t0 = performance.now();
        const observer = new PerformanceObserver((list) => {
          const drawn = list.getEntries().find((e) => e.name === 'vk:map-drawn' && e.startTime >= t0);
          if (drawn) {
            observer.disconnect();
            resolve(drawn.startTime - t0);
          }
        });
        observer.observe({ type: 'mark' });
        button.click();
        setTimeout(() => reject(new Error(`map ${id} not drawn within 30 s`)), 30_000);
      }),
    mapId,
  );
}

async function main(): Promise<void> {
  const server = await startRealServer();
  const browser = await launchChromium();
  try {
    const gemeenten = (await (await fetch(`${server.url}/api/gemeenten`)).json()) as GemeentenResponse;
    const defs = (await (await fetch(`${server.url}/api/maps/definitions`)).json()) as MapDefinitionsResponse;
    const largest = [...gemeenten.gemeenten].sort((a, b) => b.buurten - a.buurten)[0]!;
    process.stdout.write(
      `web-map bench: real data imported in ${server.importSeconds.toFixed(1)} s; largest gemeente ${largest.name} (${largest.code}, ${largest.buurten} buurten)\n`,
    );

    const first: number[] = [];
    for (let i = 0; i < FIRST_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/?area=${largest.code}&map=${FIRST_MAP}`);
      first.push(await firstDrawn(page));
      await context.close();
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?area=${largest.code}&map=${FIRST_MAP}`);
    await firstDrawn(page);
    const cold: number[] = [];
    const warm: number[] = [];
    const order = defs.maps.map((m) => m.id).filter((id) => id !== FIRST_MAP);
    for (const id of order) cold.push(await switchTo(page, id));
    for (const id of [FIRST_MAP, ...order]) warm.push(await switchTo(page, id));
    await context.close();

    const pass = (ms: number, target: number): string => (ms <= target ? 'ok' : 'OVER TARGET');
    process.stdout.write(
      `first fully drawn map (navigation → drawn, ${FIRST_MAP}): ${summary(first)} — target ≤ 1500 ms: ${pass(median(first), 1500)}\n`,
    );
    process.stdout.write(
      `switch map, first visit (click → drawn, incl. API request): ${summary(cold)} — target ≤ 200 ms: ${pass(median(cold), 200)}\n`,
    );
    process.stdout.write(`switch map, revisit (click → drawn, response cached): ${summary(warm)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
