/**
 * The downloader's parts on their own: origin maps, the boundary-year choice, atom links, the
 * progress bar (size, rate, ETA), the retry back-off, and the streaming ZIP64 reader with a
 * bounded memory on an archive larger than that bound.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { chooseBoundaryYears } from '../../src/pipeline/fetch/boundary-years.js';
import { backoffDelay, DEFAULT_RETRY } from '../../src/pipeline/fetch/download-file.js';
import { followLink, mapUrl, originMapFromEnv, parseOriginMap } from '../../src/pipeline/fetch/origins.js';
import { atomLinks } from '../../src/pipeline/fetch/pdok-atom.js';
import { createProgressBar, formatDuration } from '../../src/pipeline/fetch/progress-bar.js';
import { extractZipEntry, listZipEntries, ZIP_CHUNK } from '../../src/pipeline/fetch/zip-reader.js';
import { datasetFeed, serviceFeed } from '../stand-in/geo-and-lbm.js';
import { writeZip } from '../stand-in/zip-writer.js';

describe('origin maps (--base-url, VEERKRACHT_BASE_URLS)', () => {
  it('maps every official host under a mirror root, one host explicitly, or from a JSON object; links follow', () => {
    const mirror = parseOriginMap(['http://127.0.0.1:9000/']);
    expect(mapUrl('https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=10000', mirror)).toBe(
      'http://127.0.0.1:9000/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=10000',
    );
    expect(mapUrl('https://service.pdok.nl/cbs/wijkenbuurten/2024/atom/index.xml', mirror)).toBe(
      'http://127.0.0.1:9000/service.pdok.nl/cbs/wijkenbuurten/2024/atom/index.xml',
    );
    const one = parseOriginMap(['https://dataderden.cbs.nl=http://mirror.example/derden']);
    expect(mapUrl('https://dataderden.cbs.nl/ODataFeed/odata/47022NED', one)).toBe(
      'http://mirror.example/derden/ODataFeed/odata/47022NED',
    );
    expect(mapUrl('https://opendata.cbs.nl/ODataFeed/odata/85984NED', one)).toBe(
      'https://opendata.cbs.nl/ODataFeed/odata/85984NED',
    );
    const env = originMapFromEnv({
      VEERKRACHT_BASE_URLS: '{"https://www.leefbaarometer.nl": "http://x:1/lbm"}',
    });
    expect(mapUrl('https://www.leefbaarometer.nl/resources/a.zip', env)).toBe(
      'http://x:1/lbm/resources/a.zip',
    );
    // an absolute next link at the official host comes back to the mirror; a relative one stays there
    const current =
      'http://127.0.0.1:9000/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$format=json';
    expect(
      followLink(
        'https://opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=10000',
        current,
        mirror,
      ),
    ).toBe('http://127.0.0.1:9000/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=10000');
    expect(followLink('TypedDataSet?$skip=20000', current, mirror)).toBe(
      'http://127.0.0.1:9000/opendata.cbs.nl/ODataFeed/odata/85984NED/TypedDataSet?$skip=20000',
    );
    expect(() => parseOriginMap(['ftp://nope'])).toThrow(AppError);
  });
});

describe('chooseBoundaryYears', () => {
  const codes = (...c: string[]): Set<string> => new Set(c);
  it('takes the reference, then as few years as cover the codes the reference lacks, greedily', () => {
    const byYear = new Map([
      [2016, codes('BU1', 'BU2', 'BU3', 'BU9')],
      [2019, codes('BU1', 'BU2', 'BU3', 'BU4')],
      [2021, codes('BU1', 'BU4', 'BU5', 'BU6')],
      [2022, codes('BU1', 'BU5', 'BU6')],
      [2024, codes('BU1', 'BU7')],
    ]);
    const choice = chooseBoundaryYears([2019, 2020, 2021, 2022, 2024], 2024, byYear);
    // missing from 2024: BU2 BU3 BU9 (2016), BU4 (2019, 2021), BU5 BU6 (2021, 2022); 2016 has no PDOK file
    expect(choice.years).toEqual([2019, 2021, 2024]);
    expect(choice.uncovered).toBe(1); // BU9 exists only in 2016
    expect(choice.reasons[0]).toContain('2024: the reference');
  });

  it('is the reference alone when no area lists are known or nothing is missing', () => {
    expect(chooseBoundaryYears([2020, 2024], 2024, new Map()).years).toEqual([2024]);
    const same = new Map([
      [2020, codes('BU1')],
      [2024, codes('BU1')],
    ]);
    expect(chooseBoundaryYears([2020, 2024], 2024, same)).toMatchObject({ years: [2024], uncovered: 0 });
  });
});

describe('PDOK atom feeds', () => {
  it('reads the links of a service feed (to the dataset feed) and of a dataset feed (the GeoPackage and its length)', () => {
    const service = atomLinks(serviceFeed(2022));
    expect(
      service.filter((l) => l.rel === 'alternate' && /atom\+xml/.test(l.type)).map((l) => l.href),
    ).toEqual(['https://service.pdok.nl/cbs/wijkenbuurten/2022/atom/wijkenbuurten.xml']);
    // entities in attributes are decoded
    expect(service.some((l) => l.href.includes('&version=2.0.2&request='))).toBe(true);
    const dataset = atomLinks(datasetFeed(2022, 'wijkenbuurten_2022_v1.gpkg', 212_345_678));
    expect(dataset.find((l) => l.type === 'application/geopackage+sqlite3')).toEqual({
      href: 'https://service.pdok.nl/cbs/wijkenbuurten/2022/atom/downloads/wijkenbuurten_2022_v1.gpkg',
      rel: 'alternate',
      type: 'application/geopackage+sqlite3',
      length: 212_345_678,
      title: '',
    });
  });
});

describe('progress bar', () => {
  it('shows per file the size done of the total, the rate and the time left; on a log only start, every 10 s and done', () => {
    let t = 0;
    let out = '';
    const tty = createProgressBar(
      { write: (s: string) => ((out += s), true) },
      { tty: true, now: () => t, width: 10 },
    );
    tty.start('pdok/wijkenbuurten_2024.gpkg', 200 * 1024 * 1024, 0);
    t = 10_000;
    tty.update(50 * 1024 * 1024);
    const frame = out.split('\r').at(-1)!;
    expect(frame).toContain(
      'pdok/wijkenbuurten_2024.gpkg [###.......] 50.0 MB / 200.0 MB  25%  5.0 MB/s  ETA 0:30',
    );
    tty.finish('pdok/wijkenbuurten_2024.gpkg', 200 * 1024 * 1024);
    expect(out).toMatch(/pdok\/wijkenbuurten_2024\.gpkg: done, 200\.0 MB in 10\.0 s\x1b\[K\n$/);

    let log = '';
    t = 0;
    const plain = createProgressBar(
      { write: (s: string) => ((log += s), true) },
      { tty: false, now: () => t },
    );
    plain.start('kwb/85984NED.json', 18_000, 0, 'rows');
    t = 5_000;
    plain.update(5_000); // under 10 s: no line
    t = 11_000;
    plain.update(10_000);
    t = 20_000;
    plain.finish('kwb/85984NED.json', 30 * 1024 * 1024);
    expect(log.split('\n').filter(Boolean)).toEqual([
      'kwb/85984NED.json: downloading 18,000 rows',
      'kwb/85984NED.json: 10,000 rows / 18,000 rows  55%  909 rows/s  ETA 0:09',
      'kwb/85984NED.json: done, 30.0 MB in 20.0 s',
    ]);
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

describe('retry back-off', () => {
  it('doubles from the base delay up to the maximum, and waits at least what Retry-After asks', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, DEFAULT_RETRY))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(1, DEFAULT_RETRY, 5000)).toBe(5000);
    expect(backoffDelay(1, DEFAULT_RETRY, 120_000)).toBe(30_000);
  });
});

describe('streaming ZIP reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-zip-'));
  const csv = Buffer.from(
    [
      'bu_code,bu_naam,jaar,lbm',
      ...Array.from({ length: 5000 }, (_, i) => `BU${String(i).padStart(8, '0')},"Buurt ${i}",2024,4.1`),
    ].join('\n'),
  );
  const big = 48 * 1024 * 1024;
  const line = Buffer.from('0123456789abcdef'.repeat(4));
  const zipPath = join(dir, 'open-data.zip');
  writeZip(
    zipPath,
    [
      { name: 'Meting 2024/', data: Buffer.alloc(0), method: 0 },
      { name: 'Meting 2024/Leefbaarometer-scores buurten 2002-2024.csv', data: csv, method: 8 },
      {
        name: 'Meting 2024/grid.csv',
        method: 0,
        data: {
          size: big,
          *chunks() {
            const block = Buffer.concat(Array.from({ length: 16384 }, () => line)); // 1 MiB
            for (let i = 0; i < big / block.length; i++) yield block;
          },
        },
      },
    ],
    { zip64: true },
  );

  it('lists a ZIP64 archive and extracts a deflated entry byte for byte', async () => {
    const entries = await listZipEntries(zipPath);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['Meting 2024/', 0, 0],
      ['Meting 2024/Leefbaarometer-scores buurten 2002-2024.csv', 8, csv.length],
      ['Meting 2024/grid.csv', 0, big],
    ]);
    const out = join(dir, 'scores.csv');
    expect((await extractZipEntry(zipPath, entries[1]!, out)).bytes).toBe(csv.length);
    expect(readFileSync(out).equals(csv)).toBe(true);
  });

  it('extracts an entry of 48 MB holding at most a few 64 kB chunks at once (the archive is never read whole)', async () => {
    expect(statSync(zipPath).size).toBeGreaterThan(big);
    const entry = (await listZipEntries(zipPath)).find((e) => e.name.endsWith('grid.csv'))!;
    const out = join(dir, 'grid.csv');
    const { bytes, peakBuffered } = await extractZipEntry(zipPath, entry, out);
    expect(bytes).toBe(big);
    expect(statSync(out).size).toBe(big);
    expect(ZIP_CHUNK).toBe(64 * 1024);
    // what the reader holds at most, between disk read and disk write: 1 MB allowed, 48 MB extracted
    expect(peakBuffered).toBeGreaterThan(0);
    expect(peakBuffered).toBeLessThan(1024 * 1024);
    const head = Buffer.alloc(64);
    const fd = openSync(out, 'r');
    readSync(fd, head, 0, 64, big - 64);
    closeSync(fd);
    expect(head.equals(line)).toBe(true);
  });

  it('refuses a damaged entry (CRC) and a truncated archive with FILE_UNREADABLE', async () => {
    const entries = await listZipEntries(zipPath);
    const wrong = { ...entries[1]!, crc32: (entries[1]!.crc32 ^ 1) >>> 0 };
    await expect(extractZipEntry(zipPath, wrong, join(dir, 'bad.csv'), {}, 'x.zip')).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('CRC-32') as unknown as string,
    });
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, readFileSync(zipPath).subarray(0, 4096));
    await expect(listZipEntries(cut, 'cut.zip')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
