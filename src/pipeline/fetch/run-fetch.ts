/**
 * `veerkracht fetch`, stage by stage:
 *   1. plan      — per source (fetch-plan.ts) the files to download, from cached or freshly
 *                  downloaded metadata; the plan (what, from where, how much) is said first
 *   2. download  — each file into the cache: resumable, retried, never twice (manifest)
 *   3. import    — every fetched file on its own, boundaries first (like `import`), then one
 *                  harmonisation onto the reference division
 *   4. summary   — what was downloaded (size, time), taken from the cache, imported, and what
 *                  failed with the command that retries it
 * A failure belongs to its file and source: the other sources go on. Only a stop (SIGINT or
 * SIGTERM: INTERRUPTED) ends the run early; finished downloads stay in the cache and the next
 * run resumes the rest.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { Store } from '../../storage/store.js';
import { harmoniseStore, type HarmoniseSummary } from '../harmonise/harmonise-store.js';
import type { ImportReport } from '../import-report.js';
import { importPaths } from '../run-import.js';
import { openCacheManifest } from './cache-manifest.js';
import type { DownloadOptions, RetryPolicy } from './download-file.js';
import { PLAN_ORDER, planSource } from './fetch-plan.js';
import { NO_ORIGIN_MAP, type OriginMap } from './origins.js';
import { formatBytes, type ProgressSink } from './progress-bar.js';
import {
  yearsArgument,
  type BoundaryYears,
  type FetchSource,
  type PlanContext,
  type SourcePlan,
} from './source-plan.js';

export interface FetchOptions {
  sources: readonly FetchSource[];
  years: readonly number[];
  cacheDir: string;
  /** Official origin → mirror or stand-in (origins.ts); none in production. */
  origins?: OriginMap;
  progress: ProgressSink;
  /** Import after downloading (default true). */
  importAfter?: boolean;
  /** Boundary years: 'auto' (default: the reference plus what harmonisation needs), 'all', or a list. */
  boundaryYears?: BoundaryYears;
  retry?: Partial<RetryPolicy>;
  idleTimeoutMs?: number;
  /** Stops downloading (and importing) with INTERRUPTED; finished downloads stay in the cache. */
  signal?: AbortSignal;
  /** Told the plan before any data is downloaded. */
  onPlan?: (plan: FetchPlanView) => void;
  /** Told what the harmonisation did. */
  onHarmonised?: (summary: HarmoniseSummary) => void;
}

export interface FetchFailure {
  source: FetchSource;
  /** The file or table that failed, or the whole source. */
  item: string;
  stage: 'plan' | 'download' | 'import' | 'harmonise';
  error: AppError;
}

export interface FetchPlanView {
  sources: {
    source: FetchSource;
    what: string;
    files: number;
    cached: number;
    bytes: number;
    estimated: boolean;
    unknown: number;
  }[];
  /** Bytes still to download (estimates included). */
  toDownload: number;
  notes: string[];
}

export interface FetchSummary {
  downloadedFiles: number;
  downloadedBytes: number;
  cachedFiles: number;
  cachedBytes: number;
  importedFiles: number;
  values: number;
  seconds: number;
  failedSources: FetchSource[];
  /** The command that fetches what failed (it resumes), when anything failed. */
  retryCommand: string | undefined;
}

export interface FetchResult {
  /** Files fetched (to import), in plan order. */
  files: string[];
  notes: string[];
  reports: ImportReport[];
  failures: FetchFailure[];
  plan: FetchPlanView;
  summary: FetchSummary;
}

/** Boundaries first, then the coded value files (as `import` orders them). */
const IMPORT_ORDER: readonly FetchSource[] = ['geo', 'kwb', 'rivm', 'politie', 'lbm'];

function asAppError(e: unknown): AppError {
  return e instanceof AppError
    ? e
    : new AppError('INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
}

function isStop(e: unknown): boolean {
  return e instanceof AppError && e.code === 'INTERRUPTED';
}

function throwIfStopped(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AppError('INTERRUPTED', what, { cause: signal.reason });
}

/** Downloads what the options ask for into the cache and (by default) imports it into `store`. */
export async function runFetch(
  store: Store,
  options: FetchOptions,
  onReport: (r: ImportReport) => void = () => {},
): Promise<FetchResult> {
  const started = performance.now();
  const dl: DownloadOptions = {
    manifest: openCacheManifest(options.cacheDir),
    progress: options.progress,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const failures: FetchFailure[] = [];
  const plans = await planSources(options, dl, failures);
  const view = planView(plans);
  options.onPlan?.(view);
  const summary: FetchSummary = {
    downloadedFiles: 0,
    downloadedBytes: 0,
    cachedFiles: 0,
    cachedBytes: 0,
    importedFiles: 0,
    values: 0,
    seconds: 0,
    failedSources: [],
    retryCommand: undefined,
  };
  const { fetched, files } = await downloadPlanned(plans, options, failures, summary);
  const reports: ImportReport[] = [];
  if (options.importAfter !== false) {
    reports.push(...(await importFetched(store, fetched, options, failures, onReport)));
    if (reports.length > 0) await harmoniseImported(store, reports, options, failures);
  }
  summary.importedFiles = reports.length;
  summary.values = reports.reduce(
    (n, r) => n + Object.values(r.valuesPerIndicator).reduce((m, v) => m + v.values + v.missing, 0),
    0,
  );
  summary.seconds = (performance.now() - started) / 1000;
  summary.failedSources = [...new Set(failures.map((f) => f.source))];
  if (summary.failedSources.length > 0) summary.retryCommand = retryCommand(summary.failedSources, options);
  return { files, notes: view.notes, reports, failures, plan: view, summary };
}

/** 1. plan: each asked source in planning order; a source that cannot be planned is a failure. */
async function planSources(
  options: FetchOptions,
  dl: DownloadOptions,
  failures: FetchFailure[],
): Promise<SourcePlan[]> {
  const ctx: PlanContext = {
    years: options.years,
    origins: options.origins ?? NO_ORIGIN_MAP,
    dl,
    boundaryYears: options.boundaryYears ?? 'auto',
    buurtCodes: new Map(),
  };
  const plans: SourcePlan[] = [];
  for (const source of PLAN_ORDER.filter((s) => options.sources.includes(s))) {
    throwIfStopped(options.signal, 'stopped while planning the downloads; run fetch again');
    try {
      const plan = await planSource(source, ctx);
      plans.push(plan);
      for (const issue of plan.issues) failures.push({ ...issue, stage: 'plan' });
    } catch (e) {
      if (isStop(e)) throw e;
      failures.push({ source, item: source, stage: 'plan', error: asAppError(e) });
    }
  }
  return plans;
}

/** 2. download: every planned file into the cache, counted in `summary`; a file that fails is a failure. */
async function downloadPlanned(
  plans: readonly SourcePlan[],
  options: FetchOptions,
  failures: FetchFailure[],
  summary: FetchSummary,
): Promise<{ fetched: Map<FetchSource, string[]>; files: string[] }> {
  const fetched = new Map<FetchSource, string[]>();
  const files: string[] = [];
  for (const plan of plans) {
    for (const file of plan.files) {
      throwIfStopped(options.signal, 'stopped; finished downloads stay in the cache: run fetch again');
      try {
        const got = await file.fetch();
        fetched.set(plan.source, [...(fetched.get(plan.source) ?? []), ...got.paths]);
        files.push(...got.paths);
        if (got.fromCache) {
          summary.cachedFiles++;
          summary.cachedBytes += got.bytes;
        } else {
          summary.downloadedFiles++;
          summary.downloadedBytes += got.bytes;
        }
      } catch (e) {
        if (isStop(e)) throw e;
        const error = asAppError(e);
        failures.push({ source: plan.source, item: file.label, stage: 'download', error });
        options.progress.note(`${file.label}: FAILED — ${error.code}: ${error.message}`);
      }
    }
  }
  return { fetched, files };
}

/** 3. import: every fetched file on its own, boundaries first, without harmonising. */
async function importFetched(
  store: Store,
  fetched: ReadonlyMap<FetchSource, readonly string[]>,
  options: FetchOptions,
  failures: FetchFailure[],
  onReport: (r: ImportReport) => void,
): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const source of IMPORT_ORDER) {
    for (const path of fetched.get(source) ?? []) {
      try {
        const r = await importPaths(
          store,
          [path],
          { harmonise: false, ...(options.signal ? { signal: options.signal } : {}) },
          onReport,
        );
        reports.push(...r);
      } catch (e) {
        if (isStop(e)) throw e;
        failures.push({
          source,
          item: path.slice(options.cacheDir.length + 1),
          stage: 'import',
          error: asAppError(e),
        });
      }
    }
  }
  return reports;
}

/** One harmonisation after the imports: of every division when boundaries came, else of the imported ones. */
async function harmoniseImported(
  store: Store,
  reports: readonly ImportReport[],
  options: FetchOptions,
  failures: FetchFailure[],
): Promise<void> {
  throwIfStopped(
    options.signal,
    `stopped after importing ${reports.length} file(s), before harmonisation: run \`veerkracht harmonise\` or fetch again`,
  );
  const divisions = reports.map((r) => r.divisionYear);
  const all = reports.some((r) => r.source === 'geo') || divisions.some((d) => d === null);
  try {
    const h = await harmoniseStore(store, all ? {} : { from: [...new Set(divisions as number[])] });
    options.onHarmonised?.(h);
  } catch (e) {
    if (isStop(e)) throw e;
    failures.push({
      source: reports[0]!.source as FetchSource,
      item: 'harmonisation',
      stage: 'harmonise',
      error: asAppError(e),
    });
  }
}

/** The command that fetches the failed sources again (it resumes). */
function retryCommand(failedSources: readonly FetchSource[], options: FetchOptions): string {
  const by = options.boundaryYears;
  return [
    `veerkracht fetch --sources ${failedSources.join(',')} --years ${yearsArgument(options.years)}`,
    ...(Array.isArray(by)
      ? [`--boundary-years ${by.join(',')}`]
      : by === 'all'
        ? ['--boundary-years all']
        : []),
  ].join(' ');
}

function planView(plans: readonly SourcePlan[]): FetchPlanView {
  let toDownload = 0;
  const sources = plans.map((p) => {
    let bytes = 0;
    let unknown = 0;
    let cached = 0;
    let estimated = false;
    for (const f of p.files) {
      if (f.cached) {
        cached++;
        continue;
      }
      if (f.bytes === null) unknown++;
      else bytes += f.bytes;
      if (f.estimated) estimated = true;
    }
    toDownload += bytes;
    return { source: p.source, what: p.what, files: p.files.length, cached, bytes, estimated, unknown };
  });
  return { sources, toDownload, notes: plans.flatMap((p) => p.notes) };
}

/** The plan as lines for the console (said before anything is downloaded). */
export function formatPlan(view: FetchPlanView): string {
  const lines = ['veerkracht fetch: plan'];
  for (const s of view.sources) {
    const size =
      s.files === s.cached
        ? 'all in cache'
        : `${s.estimated ? '≈ ' : ''}${formatBytes(s.bytes)}${s.unknown ? ` + ${s.unknown} file(s) of unknown size` : ''}${s.cached ? ` (${s.cached} of ${s.files} in cache)` : ''}`;
    lines.push(`  ${s.source.padEnd(8)} ${s.what}: ${size}`);
  }
  const estimated = view.sources.some((s) => s.estimated && s.files > s.cached);
  lines.push(
    `  to download: ${estimated ? '≈ ' : ''}${formatBytes(view.toDownload)}${estimated ? ' (≈: estimated from the tables’ dimensions; CBS sends no sizes)' : ''}`,
  );
  for (const n of view.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

/** The one summary at the end. */
export function formatFetchSummary(result: FetchResult): string {
  const s = result.summary;
  const lines = [
    `veerkracht fetch: downloaded ${s.downloadedFiles} file(s), ${formatBytes(s.downloadedBytes)}; ${s.cachedFiles} from the cache (${formatBytes(s.cachedBytes)}); imported ${s.importedFiles} file(s), ${s.values.toLocaleString('en-US')} values; ${s.seconds.toFixed(1)} s`,
  ];
  if (result.failures.length === 0) lines.push('  every source arrived.');
  else {
    lines.push(`  NOT loaded: ${s.failedSources.join(', ')}`);
    for (const f of result.failures)
      lines.push(`    ${f.source} — ${f.item} (${f.stage}): ${f.error.code}: ${f.error.message}`);
    lines.push(`  retry (downloads resume): ${s.retryCommand}`);
  }
  return lines.join('\n');
}

const STATUS_FILE = '.last-fetch.json';

export interface FetchStatus {
  date: string;
  failedSources: FetchSource[];
  retryCommand: string | null;
}

/** Remembers in the cache what the last run could not load (for `start` on a filled store). */
export function writeFetchStatus(cacheDir: string, result: FetchResult): void {
  const status: FetchStatus = {
    date: new Date().toISOString(),
    failedSources: result.summary.failedSources,
    retryCommand: result.summary.retryCommand ?? null,
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`);
}

/** What the last fetch into this cache could not load, if it said so. */
export function readFetchStatus(cacheDir: string): FetchStatus | undefined {
  try {
    const s = JSON.parse(readFileSync(join(cacheDir, STATUS_FILE), 'utf8')) as FetchStatus;
    return Array.isArray(s.failedSources) ? s : undefined;
  } catch {
    return undefined;
  }
}
