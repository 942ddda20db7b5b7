/**
 * GET /docs/<name>: docs/method.md, data-sources.md, errors.md and security.md rendered as pages
 * of the app (the app's stylesheet, no script), not the app shell; unknown documents are 404.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { renderMarkdown } from '../../src/server/docs-pages.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

describe('GET /docs/<name>: the documentation inside the app', () => {
  const web = mkdtempSync(join(tmpdir(), 'vk-docs-web-'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><title>App shell</title><link rel="stylesheet" crossorigin href="/assets/index-abc.css"><script type="module" src="/assets/index.js"></script>',
  );
  const store = openSqliteStore({ path: ':memory:' });
  const app = createApp(store, { webRoot: web });
  afterAll(async () => {
    await store.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('renders docs/method.md with its headings, the app’s stylesheet and no script', async () => {
    const res = await app.request('/docs/method');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toContain('App shell');
    expect(html).toContain('<title>Method — Veerkrachtkaarten</title>');
    const headings = readFileSync('docs/method.md', 'utf8')
      .split('\n')
      .filter((l) => /^##\s/.test(l))
      .map((l) => l.replace(/^##\s+/, ''));
    expect(headings.length).toBeGreaterThan(5);
    expect(html).toMatch(/<h1 id="method">Method<\/h1>/);
    expect(html).toContain('<h2 id="veerkracht-classification">Veerkracht classification</h2>');
    expect(html).toContain('Concentratie kwetsbare bewoners (index K)</h2>');
    expect(headings.filter((h) => !/[`*_]/.test(h) && !html.includes(h.replace(/&/g, '&amp;')))).toEqual([]);
    expect(html).toContain('<link rel="stylesheet" href="/assets/index-abc.css">');
    expect(html).toContain('<link rel="stylesheet" href="/docs/docs.css">');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<a href="/docs/method" aria-current="page">Methode</a>');
  });

  it('serves data sources, error codes and security; the index lists them', async () => {
    const sources = await (await app.request('/docs/data-sources')).text();
    expect(sources).toContain('>Data sources</h1>');
    const errors = await (await app.request('/docs/errors')).text();
    expect(errors).toContain('>Error codes</h1>');
    expect(errors).toContain('AREA_NOT_FOUND');
    expect((await app.request('/docs/security')).status).toBe(200);
    const index = await (await app.request('/docs')).text();
    for (const name of ['method', 'data-sources', 'errors', 'security'])
      expect(index).toContain(`href="/docs/${name}"`);
    const css = await app.request('/docs/docs.css');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
  });

  it('an unknown document is a 404 page, not the app shell; docs outside the list are not served', async () => {
    for (const path of [
      '/docs/x',
      '/docs/architecture',
      '/docs/%2e%2e%2fpackage.json',
      '/docs/method/extra',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).not.toContain('App shell');
      expect(html, path).toContain('Niet gevonden');
    }
  });
});

describe('renderMarkdown(markdown)', () => {
  it('keeps links between the documents inside /docs and drops links to source files', () => {
    const html = renderMarkdown(
      '# T\n\nSee [errors](errors.md#store), [method](./method.md), [code](../src/x.ts), [web](https://cbs.nl) and [here](#t).',
    );
    expect(html).toContain('<a href="/docs/errors#store">errors</a>');
    expect(html).toContain('<a href="/docs/method">method</a>');
    expect(html).toContain(' code, ');
    expect(html).not.toContain('../src/x.ts');
    expect(html).toContain('<a href="https://cbs.nl">web</a>');
    expect(html).toContain('<a href="#t">here</a>');
  });

  it('gives headings GitHub-style ids, numbered when repeated', () => {
    const html = renderMarkdown(
      '## Change over a period (the nearest-year rule)\n\n## Layouts\n\n## Layouts\n',
    );
    expect(html).toContain('id="change-over-a-period-the-nearest-year-rule"');
    expect(html).toContain('<h2 id="layouts">');
    expect(html).toContain('<h2 id="layouts-1">');
  });
});
