/**
 * The acceptance of the report on the real data (VEERKRACHT_REAL_DATA; skipped without it):
 * GET /api/reports/GM0917.pdf over HTTP from a server on the Heerlen files — at least 10 pages
 * (`pdfinfo`), naming Heerlen and all nine maps (`pdftotext`), each map on its own page with its
 * legend counts. The pages are rendered to test-output/report-real (`pdftoppm`) to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapDefinitionsResponse, MapResponse } from '../../src/api/schemas.js';
import { startRealServer, type RealServer } from '../e2e/support/real-server.js';
import { hasRealData } from '../real-data.js';

const OUT = join(process.cwd(), 'test-output', 'report-real');

describe.skipIf(!hasRealData)('the report of Heerlen on the real data', () => {
  let server: RealServer;
  let file: string;
  let defs: MapDefinitionsResponse;
  beforeAll(async () => {
    server = await startRealServer();
    defs = (await (
      await fetch(`${server.url}/api/maps/definitions?area=GM0917`)
    ).json()) as MapDefinitionsResponse;
    const started = performance.now();
    const res = await fetch(`${server.url}/api/reports/GM0917.pdf`);
    process.stdout.write(
      `report PDF of Heerlen (real data, Chromium started): ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    expect(res.status).toBe(200);
    mkdirSync(OUT, { recursive: true });
    file = join(OUT, 'heerlen.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    execFileSync('pdftoppm', ['-png', '-r', '50', file, join(OUT, 'heerlen')]);
  }, 600_000);
  afterAll(() => server?.close());

  it('has at least 10 pages and names Heerlen and all nine maps', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(10);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Veerkrachtrapport Heerlen');
    expect(defs.maps).toHaveLength(9);
    for (const m of defs.maps) expect(text, m.id).toContain(m.titleNl);
    expect(text).toContain('Leefbaarometer');
    // the data edition it shows, and the cover's QR code: the maps of Heerlen pinned to it
    const edition = /Gegevenseditie: (editie \d{4}-\d+) \(gegevens van \d+ \w+ \d{4}\)/.exec(text);
    expect(edition, 'edition on the cover').not.toBeNull();
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
      join(OUT, 'cover'),
    ]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(OUT, 'cover.png')], { encoding: 'utf8' });
    expect(decoded.trim()).toMatch(new RegExp(`^${server.url}/\\?view=map&area=GM0917&edition=\\d+$`));
  });

  it('pins a data edition: ?edition= gives the report of that edition, named on its cover', async () => {
    const list = (await (await fetch(`${server.url}/api/editions`)).json()) as {
      current: { id: number; label: string };
    };
    const res = await fetch(`${server.url}/api/reports/GM0917.pdf?edition=${list.current.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toContain(`-editie-${list.current.id}.pdf`);
    const pinned = join(OUT, 'heerlen-pinned.pdf');
    writeFileSync(pinned, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pinned, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(`Gegevenseditie: ${list.current.label}`);
    expect(text).toContain(`/?view=map&area=GM0917&edition=${list.current.id}`);
  }, 180_000);

  it('prints each map on its own page (pages 3–11) with the counts of its legend', async () => {
    for (const [i, m] of defs.maps.entries()) {
      const page = String(i + 3);
      const text = execFileSync('pdftotext', ['-f', page, '-l', page, '-layout', file, '-'], {
        encoding: 'utf8',
      });
      expect(text.replace(/\s+/g, ' '), m.id).toContain(`Kaart ${i + 1} van 9 · Heerlen`);
      const when = m.kind === 'level' ? `year=${m.defaultYear}` : `period=${m.defaultPeriod}`;
      const map = (await (
        await fetch(`${server.url}/api/maps?area=GM0917&map=${m.id}&${when}`)
      ).json()) as MapResponse;
      for (const entry of map.legend.filter((e) => e.count > 0)) {
        const first = entry.label.split(' ').slice(0, 2).join(' ');
        const counts = text
          .split('\n')
          .filter((l) => l.includes(first))
          .map((l) => /(\d+)\s*$/.exec(l)?.[1]);
        expect(counts, `${m.id}: ${entry.label} ${entry.count}`).toContain(String(entry.count));
      }
    }
  }, 120_000);
});
