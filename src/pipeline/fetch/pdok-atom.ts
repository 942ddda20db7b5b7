/**
 * PDOK wijken-en-buurten downloads, found the way PDOK publishes them: an INSPIRE atom *service
 * feed* per year (`https://service.pdok.nl/cbs/wijkenbuurten/<year>/atom/index.xml`) whose
 * entries link (`rel="alternate"`, `type="application/atom+xml"`) to a *dataset feed*; that feed's
 * entries link to the files, with their size in `length`. The GeoPackage's name changes per year
 * and carries version suffixes (`wijkenbuurten_2022_v1.gpkg`, `wijkenbuurten_2020_v3.gpkg`), so it
 * is read from the feed, never guessed. A year without a feed (404/410) has no PDOK download.
 * Feeds are small and cached like every download (hidden files under `pdok/.atom/`).
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../../core/app-error.js';
import { downloadFile, isNotPublished, type DownloadOptions } from './download-file.js';
import { followLink, mapUrl, OFFICIAL_ORIGINS, type OriginMap } from './origins.js';

export interface AtomLink {
  href: string;
  rel: string;
  type: string;
  length: number | null;
  title: string;
}

export interface GeoPackageDownload {
  year: number;
  /** The URL to request (mapped). */
  url: string;
  /** File name as published, e.g. `wijkenbuurten_2022_v1.gpkg`. */
  name: string;
  /** Size from the feed's `length`, when given. */
  length: number | null;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e.toLowerCase()] ?? _),
  );
}

/** Every `<link …/>` of an atom document (any prefix, attributes in any order). */
export function atomLinks(xml: string): AtomLink[] {
  const out: AtomLink[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?link\b([^>]*?)\/?>/gi)) {
    const attrs = new Map<string, string>();
    for (const a of m[1]!.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
      attrs.set(a[1]!.toLowerCase(), unescapeXml(a[3] ?? a[4] ?? ''));
    const href = attrs.get('href');
    if (!href) continue;
    const length = Number(attrs.get('length'));
    out.push({
      href,
      rel: attrs.get('rel') ?? 'alternate',
      type: attrs.get('type') ?? '',
      length: Number.isFinite(length) && length > 0 ? length : null,
      title: attrs.get('title') ?? '',
    });
  }
  return out;
}

const isGeoPackage = (l: AtomLink): boolean => /\.gpkg(\?|$)/i.test(l.href) || /geopackage/i.test(l.type);
const isFeed = (l: AtomLink): boolean =>
  l.rel === 'alternate' && /atom\+xml/i.test(l.type) && !isGeoPackage(l);

/** The official service feed of a year. */
export function wijkenBuurtenFeedUrl(year: number): string {
  return `${OFFICIAL_ORIGINS.pdok}/cbs/wijkenbuurten/${year}/atom/index.xml`;
}

async function readFeed(url: string, relPath: string, options: DownloadOptions): Promise<string | undefined> {
  try {
    const { path } = await downloadFile(url, relPath, options, {
      quiet: true,
      headers: { Accept: 'application/atom+xml, application/xml' },
    });
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (isNotPublished(e)) return undefined;
    throw e;
  }
}

/**
 * The wijken-en-buurten GeoPackage of `year` as the atom feeds name it, or undefined when PDOK
 * publishes no feed for that year.
 */
export async function findWijkenBuurtenGeoPackage(
  year: number,
  origins: OriginMap,
  options: DownloadOptions,
): Promise<GeoPackageDownload | undefined> {
  const indexUrl = mapUrl(wijkenBuurtenFeedUrl(year), origins);
  const index = await readFeed(indexUrl, `pdok/.atom/${year}/.index.xml`, options);
  if (index === undefined) return undefined;
  let candidates = atomLinks(index)
    .filter(isGeoPackage)
    .map((l) => ({ ...l, href: followLink(l.href, indexUrl, origins) }));
  if (candidates.length === 0) {
    const feeds = atomLinks(index)
      .filter(isFeed)
      .map((l) => followLink(l.href, indexUrl, origins))
      .filter((u, i, all) => u !== indexUrl && all.indexOf(u) === i);
    for (const [i, feedUrl] of feeds.entries()) {
      const feed = await readFeed(feedUrl, `pdok/.atom/${year}/.dataset-${i}.xml`, options);
      if (feed === undefined) continue;
      candidates.push(
        ...atomLinks(feed)
          .filter(isGeoPackage)
          .map((l) => ({ ...l, href: followLink(l.href, feedUrl, origins) })),
      );
    }
  }
  candidates = candidates.filter((c, i, all) => all.findIndex((x) => x.href === c.href) === i);
  if (candidates.length === 0)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `the PDOK atom feed ${indexUrl} lists no GeoPackage for ${year} (the feed layout changed?)`,
      { details: { url: indexUrl } },
    );
  const best = candidates.find((c) => /wijkenbuurten/i.test(fileName(c.href))) ?? candidates[0]!;
  return { year, url: best.href, name: fileName(best.href), length: best.length };
}

function fileName(href: string): string {
  return decodeURIComponent(new URL(href).pathname.split('/').pop() ?? 'wijkenbuurten.gpkg');
}
