/**
 * `veerkracht fetch`, stage by stage:
 *   1. planFetch            — sources × years → downloads at the official URLs (or --base-url)
 *   2. downloadODataTable / downloadFile — into the cache, resumable, never twice (manifest)
 *   3. extractFromZip       — the Leefbaarometer buurt CSV out of the open-data zip
 *   4. importPaths          — the downloaded files, each in one transaction, like `import`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { Store } from '../../storage/store.js';
import type { ImportReport } from '../import-report.js';
import { importPaths } from '../run-import.js';
import { openCacheManifest, type CacheManifest } from './cache-manifest.js';
import { downloadFile, sha256Of, type DownloadOptions } from './download-file.js';
import { planFetch, type FetchJob, type FetchSource } from './fetch-plan.js';
import { downloadODataTable } from './odata-table-download.js';
import type { ProgressSink } from './progress-bar.js';
import { extractZipEntry, listZipEntries } from './zip-reader.js';

export interface FetchOptions {
  sources: readonly FetchSource[];
  years: readonly number[];
  cacheDir: string;
  baseUrl?: string;
  progress: ProgressSink;
  /** Import after downloading (default true). */
  importAfter?: boolean;
  attempts?: number;
  idleTimeoutMs?: number;
  /** Stops downloading (and importing) with INTERRUPTED; finished downloads stay in the cache. */
  signal?: AbortSignal;
}

export interface FetchResult {
  /** Files ready to import, in plan order. */
  files: string[];
  notes: string[];
  reports: ImportReport[];
}

/** Downloads what the options ask for into the cache and (by default) imports it into `store`. */
export async function runFetch(
  store: Store,
  options: FetchOptions,
  onReport: (r: ImportReport) => void = () => {},
): Promise<FetchResult> {
  const plan = planFetch(options.sources, options.years, options.baseUrl);
  const manifest = openCacheManifest(options.cacheDir);
  const dl: DownloadOptions = {
    manifest,
    progress: options.progress,
    ...(options.attempts !== undefined ? { attempts: options.attempts } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for (const note of plan.notes) options.progress.note(note);
  const files: string[] = [];
  for (const job of plan.jobs) files.push(await runJob(job, manifest, dl));
  const reports =
    options.importAfter === false
      ? []
      : await importPaths(store, files, options.signal ? { signal: options.signal } : {}, onReport);
  return { files, notes: plan.notes, reports };
}

async function runJob(job: FetchJob, manifest: CacheManifest, dl: DownloadOptions): Promise<string> {
  if (job.kind === 'odata') {
    return downloadODataTable(
      {
        origin: job.origin,
        table: job.table,
        relPath: job.relPath,
        withAreaNames: true,
        ...(job.query ? { query: job.query } : {}),
      },
      dl,
    );
  }
  const { path } = await downloadFile(job.url, job.relPath, dl);
  return job.extract ? extractFromZip(path, job.relPath, job.url, job.extract, manifest) : path;
}

/** Extracts the one entry matching `pattern` next to the zip (once; recorded in the manifest). */
async function extractFromZip(
  zipPath: string,
  zipRelPath: string,
  zipUrl: string,
  pattern: RegExp,
  manifest: CacheManifest,
): Promise<string> {
  const zip = readFileSync(zipPath);
  const entry = listZipEntries(zip, basename(zipPath)).find((e) => pattern.test(e.name));
  if (!entry) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${zipUrl} holds no file matching ${pattern} (the archive layout changed?)`,
      { location: { file: basename(zipPath) } },
    );
  }
  const relPath = join(dirname(zipRelPath), basename(entry.name));
  const url = `${zipUrl}#${entry.name}`;
  const out = manifest.pathOf(relPath);
  if (manifest.findComplete(relPath, url) && existsSync(out)) return out;
  writeFileSync(out, extractZipEntry(zip, entry, basename(zipPath)));
  manifest.record(relPath, {
    url,
    size: entry.size,
    sha256: await sha256Of(out),
    date: new Date().toISOString(),
  });
  return out;
}
