/**
 * Editions that stay put (issue 12), in headless Chromium on the real app: import, open a map
 * and keep its deep link, make a share link, import a newer file — the deep link and the share
 * link still show the old values and say that a newer edition exists; "Toon de nieuwste editie"
 * shows the new values; the API serves both editions; "what changed" lists the buurten with
 * their reasons. Screenshots in test-output/screenshots/editions-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapResponse } from '../../src/api/schemas.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { addUser, ensureOrganisation } from '../../src/service/members/accounts.js';
import { createMembersContext } from '../../src/service/members/members-context.js';
import { createReadContext } from '../../src/service/read-context.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import {
  BUURTEN,
  share,
  writeBoundaries,
  writeFirstValues,
  writeNewerValues,
} from '../service/editions-fixture.js';
import { gotoApp, openPage, screenshot, SCREENSHOTS } from './support/app-page.js';
import { hasChromium, launchChromium } from './support/chromium.js';
import { buildWebInto } from './support/members-server.js';

const MAP = '/?view=map&area=GM0917&map=corporatiebezit&year=2020&display=table';
const PASSWORD = 'editie na editie 2026';

describe.skipIf(!hasChromium)('editions that stay put (browser)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-editions-e2e-'));
  let store: SqliteStore;
  let server: ServerType;
  let url: string;
  let browser: Browser;
  let first: number;
  let deepLink: string;
  let shareUrl: string;

  beforeAll(async () => {
    const webRoot = await buildWebInto(join(dir, 'web')); // the web app of these sources
    store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
    await importPaths(store, [writeBoundaries(dir), writeFirstValues(dir)], { divisionYear: 2021 });
    first = (await store.listDataEditions())[0]!.id;
    const members = createMembersContext(createReadContext(store), { access: 'public' });
    const { organisation } = await ensureOrganisation(members, 'Woonstichting Editie');
    await addUser(members, 'cli', {
      email: 'adviseur@editie.example',
      role: 'member',
      organisationId: organisation.id,
      password: PASSWORD,
    });
    const app = createApp(store, { webRoot, checkIntervalMs: 0 });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `path` and returns the map response the page drew (and the URL it asked). */
  async function openMap(page: Page, path: string): Promise<{ map: MapResponse; request: string }> {
    const response = page.waitForResponse((r) => /\/api\/maps\?/.test(r.url()) && r.status() === 200);
    await gotoApp(page, `${url}${path}`);
    const r = await response;
    await page.waitForSelector('[data-testid="edition-status"]');
    return { map: (await r.json()) as MapResponse, request: r.url() };
  }
  const valueOf = (m: MapResponse, code: string) => m.features.find((f) => f.id === code)?.properties.value;

  it('the map page names the newest edition and puts it in the deep link', async () => {
    const { page } = await openPage(browser);
    const { map, request } = await openMap(page, MAP);
    expect(valueOf(map, BUURTEN[0]!)).toBe(share(0, 2020));
    expect(map.meta.dataEdition).toMatchObject({ id: first, current: true });
    // the edition the URL names is the one the page asks for (a later import does not change the page)
    expect(new URL(request).searchParams.get('edition')).toBe(String(first));
    deepLink = page.url().slice(url.length);
    expect(new URL(page.url()).searchParams.get('edition')).toBe(String(first));
    expect(await page.textContent('[data-testid="edition-status"]')).toMatch(
      /Je bekijkt editie \d{4}-1 \(gegevens van .*\)\. Dit is de nieuwste editie\./,
    );
    // in English the store's Dutch label reads "edition"
    await openMap(page, `${MAP}&lang=en`);
    expect(await page.textContent('[data-testid="edition-status"]')).toMatch(
      /You are looking at edition \d{4}-1 \(data of .*\)\. This is the newest edition\./,
    );
    await page.context().close();
  });

  /** A logged-in member's cookie and CSRF token. */
  async function login(): Promise<Record<string, string>> {
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url },
      body: JSON.stringify({ email: 'adviseur@editie.example', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('vk_session='))!
      .split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { Origin: url, Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' };
  }

  it('a share link made now records this edition', async () => {
    const created = await fetch(`${url}/api/share-links`, {
      method: 'POST',
      headers: await login(),
      body: JSON.stringify({ area: 'GM0917', label: 'Prestatieafspraken', map: 'corporatiebezit' }),
    });
    expect(created.status).toBe(201);
    shareUrl = ((await created.json()) as { url: string }).url;
    expect(shareUrl).toMatch(/\/s\//);
  });

  it('after a newer import the deep link still shows the old values and offers the newer edition', async () => {
    await importPaths(store, [writeNewerValues(dir)], { divisionYear: 2021 });
    const editions = await store.listDataEditions();
    expect(editions).toHaveLength(2);
    const { page } = await openPage(browser);
    const { map, request } = await openMap(page, deepLink);
    expect(new URL(request).searchParams.get('edition')).toBe(String(first));
    expect(valueOf(map, BUURTEN[0]!)).toBe(share(0, 2020));
    expect(map.meta.dataEdition).toMatchObject({ id: first, current: false });
    expect(await page.textContent('[data-testid="edition-newer"]')).toMatch(
      /^Er is een nieuwere editie: editie \d{4}-2 \(.*\)\.$/,
    );
    await screenshot(page, 'editions-old-deep-link');

    // what changed in the newer edition, for Heerlen
    await page.click('[data-testid="edition-changes"] summary');
    await page.waitForSelector('[data-testid="edition-changes-summary"]');
    expect(await page.textContent('[data-testid="edition-changes-summary"]')).toMatch(
      /^8 van de 8 buurten veranderden tussen editie \d{4}-1 en editie \d{4}-2\.$/,
    );
    const row = await page.textContent(`tr[data-code="${BUURTEN[0]}"]`);
    expect(row).toContain('nieuw bronjaar, herziene cijfers');
    expect(row).toContain('Aandeel corporatiebezit: 0–10 % → 10–33 %');
    await screenshot(page, 'editions-changes');

    // to the newest edition: the new values
    const newest = page.waitForResponse((r) => /\/api\/maps\?/.test(r.url()) && r.status() === 200);
    await page.click('[data-testid="edition-newest"]');
    const now = (await (await newest).json()) as MapResponse;
    expect(valueOf(now, BUURTEN[0]!)).toBe(share(0, 2020) + 20);
    await page.waitForSelector('[data-testid="edition-status"]');
    expect(new URL(page.url()).searchParams.get('edition')).toBe(String(editions[1]!.id));
    expect(await page.textContent('[data-testid="edition-status"]')).toContain('Dit is de nieuwste editie.');
    await page.context().close();
  });

  it('the share link made before the import still shows the old edition', async () => {
    const { page } = await openPage(browser);
    const { map, request } = await openMap(page, new URL(shareUrl).pathname);
    expect(new URL(request).searchParams.get('edition')).toBe(String(first));
    expect(valueOf(map, BUURTEN[0]!)).toBe(share(0, 2020));
    expect(await page.textContent('[data-testid="edition-newer"]')).toMatch(/editie \d{4}-2/);
    await screenshot(page, 'editions-share-link');
    // the newest edition through the same share link (its token stays in the path)
    const newest = page.waitForResponse((r) => /\/api\/maps\?/.test(r.url()) && r.status() === 200);
    await page.click('[data-testid="edition-newest"]');
    const now = (await (await newest).json()) as MapResponse;
    expect(new URL(page.url()).pathname).toBe(new URL(shareUrl).pathname);
    expect(valueOf(now, BUURTEN[0]!)).toBe(share(0, 2022) + 20); // the newest year, 2022
    await page.context().close();
  });

  it('the API serves both editions: edition= pins, without it the newest', async () => {
    const get = async (q: string) =>
      (await (
        await fetch(`${url}/api/maps?area=GM0917&map=corporatiebezit&year=2020${q}`)
      ).json()) as MapResponse;
    expect(valueOf(await get(`&edition=${first}`), BUURTEN[0]!)).toBe(share(0, 2020));
    expect(valueOf(await get(''), BUURTEN[0]!)).toBe(share(0, 2020) + 20);
    const list = (await (await fetch(`${url}/api/editions`)).json()) as { current: { id: number } };
    expect(list.current.id).toBe(first + 1);
  });

  it('the map PDF of the older edition prints its values, names the edition and pins its deep link', async () => {
    const res = await fetch(`${url}/api/maps.pdf?area=GM0917&map=corporatiebezit&year=2020&edition=${first}`);
    expect(res.status).toBe(200);
    const file = join(dir, 'kaart.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/data-editie:\s+editie \d{4}-1/);
    // the legend counts of 2020 as the old edition had it: one buurt under 10 % (the newer: none)
    expect(text).toMatch(/0–10 %\s+1\s+10–33 %\s+2\s+33–67 %\s+4\s/);
    const raw = readFileSync(file, 'latin1');
    expect(raw).toContain(`&edition=${first})`); // the link annotation of the deep link
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-singlefile',
      file,
      join(SCREENSHOTS, 'editions-old-map-pdf'),
    ]);
  });

  it('a share link made on the older edition (the one on screen) records and opens it', async () => {
    const headers = await login();
    const body = { area: 'GM0917', label: 'Terugblik', edition: first };
    const created = await fetch(`${url}/api/share-links`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    const token = ((await created.json()) as { token: string }).token;
    const session = (await (
      await fetch(`${url}/api/session`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { shareLink: { dataEdition: { id: number; current: boolean; available: boolean } } };
    expect(session.shareLink.dataEdition).toMatchObject({ id: first, current: false, available: true });
    const gone = await fetch(`${url}/api/share-links`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...body, edition: 99 }),
    });
    expect(gone.status).toBe(404);
  });
});
