/**
 * Headless Debian Chromium for the browser tests and the bench, launched through playwright-core.
 * The SwiftShader flags give MapLibre a WebGL2 context without a GPU (stack-notes §4).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../../src/server/print-browser.js';

export const CHROMIUM_PATH = process.env['VEERKRACHT_CHROMIUM'] ?? '/usr/bin/chromium';

export { CHROMIUM_ARGS };

export const hasChromium = existsSync(CHROMIUM_PATH);

/** Launches headless Chromium; `extraArgs` e.g. ['--disable-webgl'] for the no-WebGL fallback. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!hasChromium)
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: browser tests cannot run (install with apt-get install -y chromium or set VEERKRACHT_CHROMIUM)`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
