import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GemeentenResponseSchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

describe('the built web app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Veerkracht</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const store = openSqliteStore({ path: ':memory:' });
  const app = createApp(store, { webRoot: dir });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for client routes, and never for /api', async () => {
    const js = await app.request('/assets/app.js');
    expect(js.headers.get('Content-Type')).toContain('javascript');
    expect(js.headers.get('Cache-Control')).toContain('immutable');
    const route = await app.request('/kaart/GM0917/veerkracht-absoluut');
    expect(await route.text()).toContain('<title>Veerkracht</title>');
    const escape = await app.request('/../../etc/passwd');
    expect(await escape.text()).toContain('<title>Veerkracht</title>');
    const api = await app.request('/api/nope');
    expect(api.status).toBe(404);
  });

  it('lists no gemeenten on an empty store, and maps answer NO_DATA', async () => {
    const list = GemeentenResponseSchema.parse(await (await app.request('/api/gemeenten')).json());
    expect(list).toMatchObject({ gemeenten: [], divisionYear: null });
    const res = await app.request('/api/maps?area=GM0917&map=corporatiebezit');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NO_DATA');
  });
});

describe('the static handler on odd paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-web-odd-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Veerkracht</title>');
  const store = openSqliteStore({ path: ':memory:' });
  const logged: string[] = [];
  const app = createApp(store, {
    webRoot: dir,
    logger: { error: (m: string) => logged.push(m) },
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers malformed percent-encoding with 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/kaart/%', '/%ZZ']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('malformed percent-encoding');
    }
    expect(logged).toEqual([]);
  });
});

describe('serving without a built web app', () => {
  const store = openSqliteStore({ path: ':memory:' });
  const app = createApp(store, { webRoot: join(tmpdir(), 'vk-no-such-web-build') });
  afterAll(() => store.close());

  it('answers every page with 503 and how to build it, while the API works', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    expect((await app.request('/kaart/GM0917')).status).toBe(503);
    expect((await app.request('/api/gemeenten')).status).toBe(200);
  });
});
