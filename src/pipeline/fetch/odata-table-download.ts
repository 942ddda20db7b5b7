/**
 * Downloading one CBS OData v3 table into ONE cached JSON file `<id>.json`:
 *   { "table": "<id>", "DataProperties": [...], "WijkenEnBuurten": [...]?, "TypedDataSet": [...] }
 * (the combined form the KWB, RIVM and police parsers read). DataProperties, the optional
 * WijkenEnBuurten dimension (area names) and every TypedDataSet page are first downloaded as
 * hidden cache files (each resumable, each in the manifest); pages follow `odata.nextLink`
 * (re-pointed at the chosen base URL) or, without one, `$skip` in steps of the 10,000-row cap.
 * After the combined file is written the page files are removed; the manifest keeps it, so a
 * finished table is never downloaded again.
 */
import { appendFileSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { ODataProperty } from '../odata-json.js';
import { downloadFile, sha256Of, type DownloadOptions } from './download-file.js';

/** CBS caps one OData v3 response at this many rows. */
export const CBS_PAGE_LIMIT = 10_000;

export interface ODataTableRequest {
  /** Scheme + host (+ optional path prefix) serving `/ODataApi/odata/...`. */
  origin: string;
  table: string;
  /** Cache-relative path of the combined file, e.g. `cbs/85984NED.json`. */
  relPath: string;
  /** Include the WijkenEnBuurten dimension list (area names). */
  withAreaNames?: boolean;
  /** Query options from the DataProperties: `$filter`, `$select`. */
  query?: (properties: ODataProperty[]) => Record<string, string>;
}

/** Downloads (or finds in the cache) a table; returns the combined file's path. */
export async function downloadODataTable(req: ODataTableRequest, options: DownloadOptions): Promise<string> {
  const { manifest } = options;
  const base = `${req.origin.replace(/\/$/, '')}/ODataApi/odata/${req.table}`;
  const path = manifest.pathOf(req.relPath);
  if (manifest.findComplete(req.relPath, `${base}/TypedDataSet`)) {
    options.progress.finish(req.relPath, statSync(path).size, true);
    return path;
  }
  const pageDir = join(dirname(req.relPath), `.${req.table}`);
  const props = await downloadJson(`${base}/DataProperties`, join(pageDir, '.DataProperties.json'), options);
  const properties = listOf(props, `${base}/DataProperties`) as unknown as ODataProperty[];
  const names = req.withAreaNames
    ? listOf(
        await downloadJson(`${base}/WijkenEnBuurten`, join(pageDir, '.WijkenEnBuurten.json'), options),
        `${base}/WijkenEnBuurten`,
      )
    : undefined;
  const query = new URLSearchParams({ $format: 'json', ...(req.query?.(properties) ?? {}) });
  const first = `${base}/TypedDataSet?${query.toString().replace(/\+/g, '%20')}`;
  const part = join(dirname(path), `.${basename(path)}.part`);
  writeFileSync(
    part,
    `{"table":${JSON.stringify(req.table)},\n"DataProperties":${JSON.stringify(properties)},\n${names ? `"WijkenEnBuurten":${JSON.stringify(names)},\n` : ''}"TypedDataSet":[`,
  );
  let url: string | undefined = first;
  let rows = 0;
  for (let page = 0; url !== undefined; page++) {
    const doc = await downloadJson(
      url,
      join(pageDir, `.TypedDataSet-${String(page).padStart(4, '0')}.json`),
      options,
    );
    const value = listOf(doc, url);
    if (value.length)
      appendFileSync(part, `${rows ? ',' : ''}\n${value.map((r) => JSON.stringify(r)).join(',\n')}`);
    rows += value.length;
    url = nextPageUrl(doc, url, req.origin, value.length, rows);
  }
  appendFileSync(part, '\n]}\n');
  renameSync(part, path);
  manifest.record(req.relPath, {
    url: `${base}/TypedDataSet`,
    size: statSync(path).size,
    sha256: await sha256Of(path),
    date: new Date().toISOString(),
  });
  rmSync(manifest.pathOf(pageDir), { recursive: true, force: true });
  return path;
}

async function downloadJson(url: string, relPath: string, options: DownloadOptions): Promise<unknown> {
  const { path } = await downloadFile(url, relPath, options);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    rmSync(path, { force: true });
    throw new AppError('DOWNLOAD_FAILED', `${url} did not return JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
}

function listOf(doc: unknown, url: string): Record<string, unknown>[] {
  const value = Array.isArray(doc) ? doc : (doc as { value?: unknown } | null)?.value;
  if (!Array.isArray(value))
    throw new AppError('DOWNLOAD_FAILED', `${url} did not return an OData list ('value')`);
  return value as Record<string, unknown>[];
}

/** The next page: `odata.nextLink` re-pointed at our origin, else `$skip` when the page was full. */
function nextPageUrl(
  doc: unknown,
  current: string,
  origin: string,
  pageRows: number,
  rowsSoFar: number,
): string | undefined {
  const next = (doc as Record<string, unknown>)['odata.nextLink'];
  if (typeof next === 'string' && next) {
    const link = new URL(next, current);
    const at = link.pathname.search(/\/ODataApi\//i);
    return `${origin.replace(/\/$/, '')}${at >= 0 ? link.pathname.slice(at) : link.pathname}${link.search}`;
  }
  if (pageRows < CBS_PAGE_LIMIT) return undefined;
  const u = new URL(current);
  u.searchParams.set('$skip', String(rowsSoFar));
  return u.toString();
}
