/**
 * The web app in Chromium on the national real data (the whole VEERKRACHT_REAL_DATA folder, as
 * `veerkracht import ../shared/data` loads it): Arnhem, Breda and Amsterdam — open, the nine
 * maps, the profile, the buurt picker by keyboard, a phone deep link — plus search, side by side,
 * class changes, PNG warnings, region borders and the basemap; and, over every gemeente, the
 * default view of each map through the API. One server and one browser for all flows. Skipped without VEERKRACHT_REAL_DATA; with it but without Chromium the suite fails.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import type { RegionsResponse } from '../../src/api/schemas.js';
import { hasRealData } from '../real-data.js';
import { registerNationalAppFlow } from './flows/national-app-flow.js';
import { registerNationalDefaultsCheck } from './flows/national-defaults.js';
import { registerGemeenteFlow, type GemeenteCase } from './flows/national-gemeente-flow.js';
import type { WebTestEnv } from './flows/web-test-env.js';
import { launchChromium } from './support/chromium.js';
import { startNationalServer, type RealServer } from './support/real-server.js';

const GEMEENTEN: GemeenteCase[] = [
  { code: 'GM0202', name: 'Arnhem', slug: 'arnhem', buurtQuery: 'Burg' },
  { code: 'GM0758', name: 'Breda', slug: 'breda', buurtQuery: 'Haag' },
  { code: 'GM0363', name: 'Amsterdam', slug: 'amsterdam', buurtQuery: 'Oost' },
];

describe.skipIf(!hasRealData)('the web app in Chromium on the national real data', () => {
  let server: RealServer | undefined;
  let browser: Browser | undefined;
  let env: WebTestEnv | undefined;

  beforeAll(async () => {
    browser = await launchChromium(); // first: without Chromium, fail before the import
    server = await startNationalServer();
    process.stdout.write(`national web e2e: real data imported in ${server.importSeconds.toFixed(1)} s\n`);
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
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const getEnv = (): WebTestEnv => {
    if (!env) throw new Error('the web test environment did not start');
    return env;
  };
  for (const g of GEMEENTEN) describe(g.name, () => registerGemeenteFlow(getEnv, g));
  describe('around the maps', () => registerNationalAppFlow(getEnv));
  describe('defaults with data for every gemeente (API)', () => registerNationalDefaultsCheck(getEnv));
});
