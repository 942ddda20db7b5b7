/**
 * CBS OData v3 tables, downloaded the way CBS says whole tables must be: from the **Feed**
 * (`/ODataFeed/odata/<id>/…`), which pages 10,000 rows at a time with an absolute
 * `odata.nextLink`. The standard API (`/ODataApi/odata/<id>/…`) is meant for small queries: it
 * refuses a TypedDataSet query of more than 10,000 cells with HTTP 500 and never pages, so it is
 * not used for data (CBS, "StatLine als open data"; the public clients cbsodata and cbsodataR
 * download from the Feed too). Every request carries `$format=json` (the Feed answers Atom XML
 * otherwise). Tables live on a host per catalogue: opendata.cbs.nl (CBS: KWB) or
 * dataderden.cbs.nl (third parties: RIVM, police).
 *
 *   1. fetchV3Meta       — the table's service document (which collections exist; 404/410: the
 *                          table is not on v3), DataProperties and the dimension lists, cached
 *                          for good under `<dir>/.meta/<id>/`
 *   2. downloadV3Table   — TypedDataSet with `$select`/`$filter` (filtered on the server), page by
 *                          page into one combined file (odata-pages.ts); pages are cached while the
 *                          table downloads, so a stopped run continues at the page it stopped at
 */
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isNotPublished, type DownloadOptions } from './download-file.js';
import {
  CombinedTableWriter,
  downloadJson,
  forEachPage,
  odataQuery,
  readList,
  valueOf,
  type CbsProperty,
  type DimensionItem,
} from './odata-pages.js';
import { hostOf, mapUrl, type OriginMap } from './origins.js';

export interface TableMeta {
  api: 'v3' | 'v4';
  table: string;
  /** Official origin (opendata.cbs.nl, dataderden.cbs.nl or datasets.cbs.nl). */
  origin: string;
  collections: string[];
  properties: CbsProperty[];
  /** Dimension lists by key (`WijkenEnBuurten`, `Perioden`, …), keys as CBS sends them (padded). */
  dimensions: Map<string, DimensionItem[]>;
}

const DIMENSION_TYPES = new Set(['Dimension', 'GeoDimension', 'TimeDimension', 'GeoDetail']);

/** Cache folder of a table's metadata, next to its data (`cbs/.meta/85984NED`). */
export function metaDir(dataDir: string, table: string): string {
  return `${dataDir}/.meta/${table}`;
}

/**
 * The table's metadata from the Feed, or undefined when the host does not publish the table
 * (404/410 for its service document).
 */
export async function fetchV3Meta(
  origin: string,
  table: string,
  dataDir: string,
  options: DownloadOptions,
  origins: OriginMap,
): Promise<TableMeta | undefined> {
  const base = `${origin}/ODataFeed/odata/${table}`;
  const dir = metaDir(dataDir, table);
  let service: unknown;
  try {
    service = await downloadJson(mapUrl(`${base}?$format=json`, origins), `${dir}/.index.json`, options);
  } catch (e) {
    if (isNotPublished(e)) return undefined;
    throw e;
  }
  const collections = valueOf(service, base).map((c) => String(c['name'] ?? c['url'] ?? ''));
  const properties = (await readList(
    mapUrl(`${base}/DataProperties?$format=json`, origins),
    `${dir}/.DataProperties`,
    options,
    origins,
  )) as unknown as CbsProperty[];
  const dimensions = new Map<string, DimensionItem[]>();
  for (const p of properties) {
    if (!DIMENSION_TYPES.has(p.Type ?? '') || !collections.includes(p.Key)) continue;
    const list = await readList(
      mapUrl(`${base}/${p.Key}?$format=json`, origins),
      `${dir}/.${p.Key}`,
      options,
      origins,
    );
    dimensions.set(
      p.Key,
      list.map((d) => ({ Key: String(d['Key'] ?? ''), Title: String(d['Title'] ?? '') })),
    );
  }
  return { api: 'v3', table, origin, collections, properties, dimensions };
}

export interface TableDownload {
  meta: TableMeta;
  /** Cache-relative path of the combined file. */
  relPath: string;
  label: string;
  /** `$select` / `$filter`. */
  query: { $select?: string; $filter?: string };
  /** Rows expected (progress); null when unknown. */
  expectedRows: number | null;
  /** Put the WijkenEnBuurten list (area names) into the combined file. */
  withAreaNames: boolean;
}

/** The first TypedDataSet URL of a download (also the manifest key of the combined file). */
export function v3DataUrl(d: TableDownload, origins: OriginMap): string {
  const q = odataQuery({ $format: 'json', ...d.query });
  return mapUrl(`${d.meta.origin}/ODataFeed/odata/${d.meta.table}/TypedDataSet?${q}`, origins);
}

/** Downloads (or finds in the cache) one table file; returns its path. */
export async function downloadV3Table(
  d: TableDownload,
  options: DownloadOptions,
  origins: OriginMap,
): Promise<string> {
  const { manifest, progress } = options;
  const first = v3DataUrl(d, origins);
  const path = manifest.pathOf(d.relPath);
  const cached = manifest.findComplete(d.relPath, first);
  if (cached) {
    progress.finish(d.label, cached.size, true);
    return path;
  }
  const pages = join(dirname(d.relPath), `.${basename(d.relPath, '.json')}.pages`);
  const names = d.withAreaNames ? d.meta.dimensions.get('WijkenEnBuurten') : undefined;
  const writer = new CombinedTableWriter(path, d.meta.table, d.meta.properties, names);
  progress.start(`${d.label} (${hostOf(d.meta.origin)})`, d.expectedRows, 0, 'rows');
  await forEachPage(first, `${pages}/.TypedDataSet`, options, origins, (rows) => {
    writer.append(rows);
    progress.update(writer.rowCount);
  });
  const size = await writer.finish(d.relPath, first, options);
  rmSync(manifest.pathOf(pages), { recursive: true, force: true });
  progress.finish(`${d.label} (${hostOf(d.meta.origin)})`, size);
  return path;
}
