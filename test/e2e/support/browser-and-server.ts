/**
 * One Debian Chromium and one app server for a test file's describe block: started before its
 * tests (the server's import can take a minute), closed after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import type { RealServer } from './real-server.js';

export interface BrowserAndServer {
  browser(): Browser;
  server(): RealServer;
}

/** Call inside `describe`: the browser and the server `start` gives, for its tests. */
export function useBrowserAndServer(start: () => Promise<RealServer>, timeoutMs = 300_000): BrowserAndServer {
  let server: RealServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await start();
  }, timeoutMs);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    browser: () => browser ?? fail('the browser did not start'),
    server: () => server ?? fail('the server did not start'),
  };
}

function fail(why: string): never {
  throw new Error(why);
}
