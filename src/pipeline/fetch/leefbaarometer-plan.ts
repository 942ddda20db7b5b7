/**
 * The plan of the Leefbaarometer (fetch-plan.ts): the 3.0 open-data zip (meting 2024), sized by a
 * HEAD request; fetching it extracts the buurt scores CSV next to it.
 */
import { basename } from 'node:path';
import { AppError } from '../../core/app-error.js';
import { downloadFile, sha256Of, type DownloadOptions } from './download-file.js';
import { hostOf, mapUrl, OFFICIAL_ORIGINS } from './origins.js';
import type { PlanContext, PlannedFile, SourcePlan } from './source-plan.js';
import { extractZipEntry, listZipEntries } from './zip-reader.js';

export const LBM_ZIP_PATH = '/resources/open-data-leefbaarometer-meting-2024.zip';
/** The buurt scores inside the Leefbaarometer zip. */
export const LBM_BUURT_CSV = /scores[ _-]*buurten[^/]*\.csv$/i;

/** Content-Length of a HEAD request, or null (no retries: it only sizes the plan). */
async function headLength(url: string, signal: AbortSignal | undefined): Promise<number | null> {
  try {
    const timeout = AbortSignal.timeout(15_000);
    const res = await fetch(url, {
      method: 'HEAD',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const n = Number(res.headers.get('content-length'));
    return res.ok && Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export async function planLeefbaarometer(ctx: PlanContext): Promise<SourcePlan> {
  const url = mapUrl(`${OFFICIAL_ORIGINS.leefbaarometer}${LBM_ZIP_PATH}`, ctx.origins);
  const zipRel = `leefbaarometer/${basename(LBM_ZIP_PATH)}`;
  const cached = ctx.dl.manifest.findComplete(zipRel, url);
  const bytes = cached?.size ?? (await headLength(url, ctx.dl.signal));
  const file: PlannedFile = {
    source: 'lbm',
    label: zipRel,
    bytes,
    estimated: false,
    cached: cached !== undefined,
    async fetch() {
      const zip = await downloadFile(url, zipRel, ctx.dl);
      const csv = await extractBuurtScores(zip.path, zipRel, url, ctx.dl);
      return { paths: [csv], bytes: zip.size, fromCache: !zip.downloaded };
    },
  };
  return {
    source: 'lbm',
    what: `Leefbaarometer 3.0 open data (meting 2024) from ${hostOf(OFFICIAL_ORIGINS.leefbaarometer)}`,
    files: [file],
    notes: [],
    issues: [],
  };
}

/** Streams the buurt scores CSV out of the zip next to it (once; recorded in the manifest). */
async function extractBuurtScores(
  zipPath: string,
  zipRel: string,
  zipUrl: string,
  dl: DownloadOptions,
): Promise<string> {
  const entries = await listZipEntries(zipPath, basename(zipPath));
  const entry = entries.find((e) => LBM_BUURT_CSV.test(e.name));
  if (!entry)
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${zipUrl} holds no file matching ${LBM_BUURT_CSV} (the archive layout changed?); it has ${entries
        .slice(0, 8)
        .map((e) => e.name)
        .join(', ')}`,
    );
  const relPath = `${zipRel.slice(0, zipRel.lastIndexOf('/'))}/${basename(entry.name)}`;
  const url = `${zipUrl}#${entry.name}`;
  const out = dl.manifest.pathOf(relPath);
  if (dl.manifest.findComplete(relPath, url)) return out;
  dl.progress.start(`${relPath} (from the zip)`, entry.size, 0);
  const { bytes: size } = await extractZipEntry(
    zipPath,
    entry,
    out,
    { onBytes: (n) => dl.progress.update(n), ...(dl.signal ? { signal: dl.signal } : {}) },
    basename(zipPath),
  );
  dl.manifest.record(relPath, { url, size, sha256: await sha256Of(out), date: new Date().toISOString() });
  dl.progress.finish(`${relPath} (from the zip)`, size);
  return out;
}
