/**
 * What the CBS OData downloads share: JSON documents fetched into the cache (hidden files, each
 * resumable and in the manifest), lists read page by page along the service's next links
 * (`odata.nextLink` in v3, `@odata.nextLink` in v4 — absolute URLs at the official host, re-pointed
 * through the origin map), query strings as CBS expects them, and the combined table file the KWB,
 * RIVM and police importers read:
 *   { "table": "<id>", "DataProperties": [...], "WijkenEnBuurten": [{Key, Title}]?, "TypedDataSet": [...] }
 */
import { appendFileSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { downloadFile, sha256Of, type DownloadOptions } from './download-file.js';
import { followLink, type OriginMap } from './origins.js';

/** One DataProperties entry of a CBS table (v3), or its v4 equivalent built from MeasureCodes. */
export interface CbsProperty {
  ID?: number;
  ParentID?: number | null;
  Type?: string;
  Key: string;
  Title?: string;
  Unit?: string | null;
  MapYear?: string | number | null;
}

/** An entry of a dimension list (v3 `WijkenEnBuurten`, `Perioden`, …; v4 `…Codes`). */
export interface DimensionItem {
  Key: string;
  Title?: string;
}

export type Row = Record<string, unknown>;

/** `$format=json&$select=…&$filter=…` with values percent-encoded (spaces as %20, never +). */
export function odataQuery(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%24/g, '$')}`)
    .join('&');
}

/** A JSON document downloaded into the cache (quietly) and parsed. */
export async function downloadJson(url: string, relPath: string, options: DownloadOptions): Promise<unknown> {
  const { path } = await downloadFile(url, relPath, options, {
    quiet: true,
    headers: { Accept: 'application/json' },
  });
  try {
    return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    rmSync(path, { force: true });
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${url} did not return JSON (${(e as Error).message}); did the request lack $format=json?`,
      { cause: e, details: { url } },
    );
  }
}

/** The `value` list of an OData response. */
export function valueOf(doc: unknown, url: string): Row[] {
  const value = Array.isArray(doc) ? doc : (doc as { value?: unknown } | null)?.value;
  if (!Array.isArray(value))
    throw new AppError('DOWNLOAD_FAILED', `${url} did not return an OData list ('value')`, {
      details: { url },
    });
  return value as Row[];
}

/** The next link of a page (v3 or v4 spelling), as the URL to request next; undefined on the last page. */
export function nextLinkOf(doc: unknown, current: string, origins: OriginMap): string | undefined {
  const o = doc as Record<string, unknown>;
  const link = o['odata.nextLink'] ?? o['@odata.nextLink'];
  if (typeof link !== 'string' || link === '') return undefined;
  const next = followLink(link, current, origins);
  if (next === current)
    throw new AppError('DOWNLOAD_FAILED', `${current} links to itself as its next page`, {
      details: { url: current },
    });
  return next;
}

/**
 * Every page of a list, `onPage` told each; pages cached as `<prefix>-0000.json`, … (a run that
 * was stopped walks the cached pages again and continues where it stopped).
 */
export async function forEachPage(
  firstUrl: string,
  prefix: string,
  options: DownloadOptions,
  origins: OriginMap,
  onPage: (rows: Row[], page: number) => void,
): Promise<number> {
  let url: string | undefined = firstUrl;
  let page = 0;
  for (; url !== undefined; page++) {
    const doc = await downloadJson(url, `${prefix}-${String(page).padStart(4, '0')}.json`, options);
    onPage(valueOf(doc, url), page);
    url = nextLinkOf(doc, url, origins);
  }
  return page;
}

/** A whole list (metadata, dimension lists), all pages. */
export async function readList(
  firstUrl: string,
  prefix: string,
  options: DownloadOptions,
  origins: OriginMap,
): Promise<Row[]> {
  const rows: Row[] = [];
  await forEachPage(firstUrl, prefix, options, origins, (page) => {
    for (const r of page) rows.push(r);
  });
  return rows;
}

/** Writes the combined table file: header, rows appended page by page, then renamed into place. */
export class CombinedTableWriter {
  private readonly part: string;
  private rows = 0;

  constructor(
    private readonly path: string,
    table: string,
    properties: readonly CbsProperty[],
    names: readonly DimensionItem[] | undefined,
    extra: Record<string, unknown> = {},
  ) {
    this.part = join(dirname(path), `.${basename(path)}.part`);
    const head = [
      `{"table":${JSON.stringify(table)}`,
      ...Object.entries(extra).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`),
      `"DataProperties":${JSON.stringify(properties)}`,
      ...(names
        ? [`"WijkenEnBuurten":${JSON.stringify(names.map((n) => ({ Key: n.Key, Title: n.Title ?? '' })))}`]
        : []),
      '"TypedDataSet":[',
    ];
    writeFileSync(this.part, head.join(',\n'));
  }

  append(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    appendFileSync(this.part, `${this.rows ? ',' : ''}\n${rows.map((r) => JSON.stringify(r)).join(',\n')}`);
    this.rows += rows.length;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Closes the file, renames it into place and records it; returns its size. */
  async finish(relPath: string, url: string, options: DownloadOptions): Promise<number> {
    appendFileSync(this.part, '\n]}\n');
    renameSync(this.part, this.path);
    const size = statSync(this.path).size;
    options.manifest.record(relPath, {
      url,
      size,
      sha256: await sha256Of(this.path),
      date: new Date().toISOString(),
    });
    return size;
  }
}

/** The title of a property preceded by its groups' titles: `Wonen/…/In bezit woningcorporatie`. */
export function titlePath(p: CbsProperty, byId: ReadonlyMap<number, CbsProperty>): string | undefined {
  if (p.Title === undefined) return undefined;
  const parts = [p.Title];
  let parent = p.ParentID ?? undefined;
  for (let guard = 0; parent !== undefined && parent !== null && guard < 10; guard++) {
    const group = byId.get(parent);
    if (!group?.Title) break;
    parts.unshift(group.Title);
    parent = group.ParentID ?? undefined;
  }
  return parts.join('/');
}

export function propertiesById(properties: readonly CbsProperty[]): Map<number, CbsProperty> {
  return new Map(properties.filter((p) => typeof p.ID === 'number').map((p) => [p.ID!, p]));
}

/** Strips CBS's padding of dimension keys (`"GM0003    "`). */
export function trimKey(k: unknown): string {
  return typeof k === 'string' ? k.trim() : String(k ?? '');
}
