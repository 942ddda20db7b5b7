/**
 * What planning a source of `veerkracht fetch` gives (fetch-plan.ts): the files to download with
 * their sizes, notes, and the items whose metadata failed; and the context planning reads.
 */
import { AppError } from '../../core/app-error.js';
import type { DownloadOptions } from './download-file.js';
import type { OriginMap } from './origins.js';

export const FETCH_SOURCES = ['kwb', 'geo', 'lbm', 'rivm', 'politie'] as const;
export type FetchSource = (typeof FETCH_SOURCES)[number];

export type BoundaryYears = 'auto' | 'all' | readonly number[];

export interface FetchedFile {
  /** Files to import. */
  paths: string[];
  /** Size of what was fetched or found. */
  bytes: number;
  fromCache: boolean;
}

export interface PlannedFile {
  source: FetchSource;
  label: string;
  /** Size in bytes: from the server, or estimated (`estimated`), or unknown (null). */
  bytes: number | null;
  estimated: boolean;
  /** Already complete in the cache (nothing to download). */
  cached: boolean;
  fetch(): Promise<FetchedFile>;
}

export interface PlanIssue {
  source: FetchSource;
  item: string;
  error: AppError;
}

export interface SourcePlan {
  source: FetchSource;
  /** What is fetched, in words: "11 KWB tables (2014–2024) from opendata.cbs.nl". */
  what: string;
  files: PlannedFile[];
  notes: string[];
  /** Items that could not be planned (their metadata failed); the rest goes ahead. */
  issues: PlanIssue[];
}

export interface PlanContext {
  years: readonly number[];
  origins: OriginMap;
  dl: DownloadOptions;
  boundaryYears: BoundaryYears;
  /** Buurt codes per division year, from the tables planned so far (for the boundary years). */
  buurtCodes: Map<number, Set<string>>;
}

/** A planning failure as the item's issue (a download error unless it is one of ours). */
export function asAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('DOWNLOAD_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
}

/** An interrupt stops the whole plan rather than being one item's issue. */
export function rethrowIfStopped(e: unknown): void {
  if (e instanceof AppError && e.code === 'INTERRUPTED') throw e;
}

/** "2014–2024" for a run of years, else "2014, 2016, 2020". */
export function yearSpan(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  if (ys.length === 0) return '';
  const contiguous = ys.every((y, i) => i === 0 || y === ys[i - 1]! + 1);
  return contiguous && ys.length > 2 ? `${ys[0]}–${ys.at(-1)}` : ys.join(', ');
}

/** The `--years` value for a retry command. */
export function yearsArgument(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const contiguous = ys.every((y, i) => i === 0 || y === ys[i - 1]! + 1);
  return contiguous && ys.length > 1 ? `${ys[0]}-${ys.at(-1)}` : ys.join(',');
}
