/**
 * GET /api/reports/<area>.pdf: the app's report page printed by headless Chromium
 * (server/report-pdf.ts, web/src/report), on the synthetic store with the built web app. Read
 * back with `pdftotext` (title, area, the nine map titles, each map's legend counts, class
 * changes, method, sources, the deep link), `pdfinfo` (pages, paper) and `zbarimg` (the cover's
 * QR code); the pages are rendered with `pdftoppm` into test-output/report to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapDefinitionsResponse, MapResponse } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { ensureWebBuilt } from '../e2e/support/web-build.js';
import { membersFixture, type MembersFixture } from './members-fixture.js';
import { syntheticStore } from './synthetic-store.js';

const OUT = join(process.cwd(), 'test-output', 'report');

/** Text of a PDF with runs of white space made one space. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('GET /api/reports/<area>.pdf: the report of a gemeente', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  let maps: MapResponse[];
  let file: string;
  let bytes: Buffer;

  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 30,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    app = createApp(store, { webRoot, checkIntervalMs: 0 });
    const defs = (await (
      await app.request('/api/maps/definitions?area=GM0917')
    ).json()) as MapDefinitionsResponse;
    maps = await Promise.all(
      defs.maps.map(async (m) => {
        const when = m.kind === 'level' ? `year=${m.defaultYear}` : `period=${m.defaultPeriod}`;
        return (await (await app.request(`/api/maps?area=GM0917&map=${m.id}&${when}`)).json()) as MapResponse;
      }),
    );
    mkdirSync(OUT, { recursive: true });
    const started = performance.now();
    const res = await app.request('http://localhost/api/reports/GM0917.pdf');
    process.stdout.write(
      `report PDF (synthetic, 30 buurten, Chromium started): ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    expect(
      res.status,
      await res
        .clone()
        .text()
        .catch(() => ''),
    ).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="veerkracht-rapport-GM0917-Gemeente_0917.pdf"',
    );
    bytes = Buffer.from(await res.arrayBuffer());
    file = join(OUT, 'report-GM0917.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '50', file, join(OUT, 'report-GM0917')]);
  }, 300_000);
  afterAll(() => store?.close());

  it('has a cover, key figures, nine map pages and the closing sections on landscape A4', () => {
    expect(maps).toHaveLength(9);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts \(A4\)/);
    // cover, key figures, nine maps, changes, the buurt table (30 buurten), method and sources
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(14);
    const text = pdfText(file);
    expect(text).toContain('Veerkrachtrapport');
    expect(text).toContain('Gemeente 0917');
    expect(text).toContain('Kerncijfers');
    // the mean index names the year it is of (here the period's end) and that it is weighted
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Gemiddelde concentratie-index kwetsbare bewoners (?:−?[\d,]+ )?\(inwonergewogen, 2020\)/,
    );
    expect(text).toContain('Buurten die van klasse veranderden');
    expect(text).toContain('Buurttabel');
    expect(text).toContain('Methode in het kort');
    expect(text).toMatch(/pagina 3 \/ \d+/);
  });

  it('each of the nine maps on its own page with its title, legend counts and how to read it', () => {
    for (let page = 3; page <= 11; page++) {
      const m = maps[page - 3]!;
      const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], {
        encoding: 'utf8',
      });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat, m.meta.map).toContain(`Kaart ${page - 2} van 9`);
      expect(flat, m.meta.map).toContain(m.meta.titleNl);
      expect(flat, m.meta.map).toContain('Hoe lees je deze kaart?');
      // each legend entry with buurten: its count at the end of the line that has its label
      for (const entry of m.legend.filter((e) => e.count > 0)) {
        const first = entry.label.split(' ').slice(0, 2).join(' ');
        const counts = text
          .split('\n')
          .filter((l) => l.includes(first))
          .map((l) => /(\d+)\s*$/.exec(l)?.[1]);
        expect(counts, `${m.meta.map}: ${entry.label} ${entry.count}`).toContain(String(entry.count));
      }
    }
  });

  it('names the sources with their editions and the deep link, whose QR code is on the cover', () => {
    const text = pdfText(file);
    expect(text).toContain('Bronnen en edities');
    expect(text).toContain('synthetic test data');
    expect(text).toContain('Buurtgrenzen: CBS/PDOK wijk- en buurtkaart');
    expect(text).toContain('http://localhost/?view=map&area=GM0917');
    expect(text).toContain(
      'De volledige methode staat in de app onder Methode: http://localhost/docs/method',
    );
    expect(text).not.toContain('veerkracht.print');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      join(OUT, 'cover-qr'),
    ]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(OUT, 'cover-qr.png')], { encoding: 'utf8' });
    expect(decoded.trim()).toBe('http://localhost/?view=map&area=GM0917');
  });

  it('lists the buurten whose veerkracht class changed, as the maps give them', () => {
    const text = pdfText(file);
    const absolute = maps.find((m) => m.meta.map === 'veerkracht-absoluut')!;
    expect(text).toContain(`Klasse in`);
    // every buurt appears in the buurt table by name and code
    for (const f of absolute.features.slice(0, 5)) expect(text).toContain(f.properties.code);
  });

  it('keeps the report: the same request is answered from the cache (the same bytes)', async () => {
    const again = Buffer.from(
      await (await app.request('http://localhost/api/reports/GM0917.pdf')).arrayBuffer(),
    );
    expect(again.equals(bytes)).toBe(true);
  });

  it('refuses what it cannot make before Chromium: unknown area 404, unknown parameter 400; in OpenAPI', async () => {
    const unknown = await app.request('/api/reports/GM9999.pdf');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('AREA_NOT_FOUND');
    expect((await app.request('/api/reports/GM0917.pdf?size=a3')).status).toBe(400);
    const edition = await app.request('/api/reports/GM0917.pdf?edition=99');
    expect(((await edition.json()) as { error: { code: string } }).error.code).toBe('EDITION_NOT_FOUND');
    expect((await app.request('/api/reports/GM0917')).status).toBe(404);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/reports/{area}.pdf');
  });
});

describe('report in members mode: a share link reads the report of its own area only', () => {
  let f: MembersFixture;
  beforeAll(async () => {
    f = await membersFixture('members', { webRoot: await ensureWebBuilt() });
  }, 180_000);
  afterAll(() => f?.close());

  it('anonymous 401, a link of another area 403, a link of this area gets the English report', async () => {
    const get = (viewer: keyof MembersFixture['viewers']) =>
      f.app.request('http://localhost/api/reports/GM0917.pdf?lang=en', {
        headers: f.viewers[viewer].headers,
      });
    expect((await get('anonymous')).status).toBe(401);
    expect((await get('link-other-area')).status).toBe(403);
    const res = await get('link-this-area');
    expect(res.status).toBe(200);
    const out = join(OUT, 'members-link-this-area.pdf');
    writeFileSync(out, Buffer.from(await res.arrayBuffer()));
    const text = pdfText(out);
    expect(text).toContain('Veerkracht report');
    expect(text).toContain('How to read this map');
    expect(text).toContain('The method in brief');
  }, 180_000);

  it("a region by its id: organisation A's werkgebied for its member (gemeente column in the table), 404 for others", async () => {
    const path = `http://localhost/api/reports/${f.ids.regionA}.pdf`;
    expect((await f.app.request(path, { headers: f.viewers['other-org'].headers })).status).toBe(404);
    const res = await f.app.request(path, { headers: f.viewers.member.headers });
    expect(res.status).toBe(200);
    const out = join(OUT, 'members-region.pdf');
    writeFileSync(out, Buffer.from(await res.arrayBuffer()));
    const text = pdfText(out);
    expect(text).toMatch(/Veerkrachtrapport ORGA Werkgebied-\w+ Regio · /);
    expect(text).toContain('Buurttabel Per buurt');
    // the buurt table names the gemeente of each buurt (by name, not code)
    const layout = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const table = layout.slice(layout.indexOf('Buurttabel'));
    expect(table).not.toMatch(/GM09(17|28)/);
    expect(table.split('\n').find((l) => /^\s*Buurt 2-1\s/.test(l))).toMatch(/Gemeente\s+\d|Gemeente$/);
  }, 180_000);
});
