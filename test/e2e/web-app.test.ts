/**
 * The web app in a real headless Chromium against the real server (createApp on a SQLite
 * store) with the real Heerlen data imported from VEERKRACHT_REAL_DATA. One server and one
 * browser for all flows: mouse path, keyboard-only path and axe-core checks. Skipped without
 * VEERKRACHT_REAL_DATA; with it but without Chromium the suite fails (its beforeAll throws).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import type { RegionsResponse } from '../../src/api/schemas.js';
import { hasRealData } from '../real-data.js';
import { registerAccessibilityChecks } from './flows/accessibility-checks.js';
import { registerKeyboardFlow } from './flows/keyboard-flow.js';
import { registerMouseFlow } from './flows/mouse-flow.js';
import type { WebTestEnv } from './flows/web-test-env.js';
import { launchChromium } from './support/chromium.js';
import { startRealServer, type RealServer } from './support/real-server.js';

describe.skipIf(!hasRealData)('the web app in Chromium on the real Heerlen data', () => {
  let server: RealServer | undefined;
  let browser: Browser | undefined;
  let env: WebTestEnv | undefined;

  beforeAll(async () => {
    browser = await launchChromium(); // first: without Chromium, fail before the import
    server = await startRealServer();
    process.stdout.write(`web e2e: real data imported in ${server.importSeconds.toFixed(1)} s\n`);
    const url = server.url;
    const api = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${url}${path}`);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const regions = await api<RegionsResponse>('/api/regions');
    const parkstad = regions.regions.find((r) => /parkstad/i.test(r.name));
    if (!parkstad) throw new Error('the predefined region Parkstad Limburg is missing from /api/regions');
    env = { url, browser, parkstadId: parkstad.id, api };
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const getEnv = (): WebTestEnv => {
    if (!env) throw new Error('the web test environment did not start');
    return env;
  };
  describe('with a mouse', () => registerMouseFlow(getEnv));
  describe('with the keyboard only', () => registerKeyboardFlow(getEnv));
  describe('accessibility', () => registerAccessibilityChecks(getEnv));
});
