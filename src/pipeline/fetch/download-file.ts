/**
 * One resumable download into the cache. The body goes to a hidden `.<name>.part` file; after an
 * interruption (connection dropped, idle timeout) the next attempt asks for the rest with
 * `Range: bytes=<done>-` and appends when the server answers 206, or starts over when it answers
 * 200 (no range support). Server errors (5xx, 429, 408) and dropped connections are retried with
 * exponential back-off (`Retry-After` honoured up to the maximum delay); an attempt that got
 * bytes resets the back-off. 404/410 and other 4xx are final (HTTP status in `details.status`).
 * A finished file is renamed into place and recorded in the manifest with URL, size, SHA-256
 * and date, so it is never downloaded twice. Failures are DOWNLOAD_FAILED naming the URL; an
 * unreachable host reads "cannot reach <host>: offline?". An aborted `signal` stops at once
 * with INTERRUPTED (no retry); the partial file stays for the next run to resume.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { CacheManifest } from './cache-manifest.js';
import type { ProgressSink } from './progress-bar.js';

export interface RetryPolicy {
  /** Attempts per file without progress (the first try included). */
  attempts: number;
  /** Delay before the first retry; doubles per failed attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface DownloadOptions {
  manifest: CacheManifest;
  progress: ProgressSink;
  retry?: Partial<RetryPolicy>;
  /** Abort an attempt when no byte arrives for this long. */
  idleTimeoutMs?: number;
  /** Stops the download (INTERRUPTED); the partial file is kept for the next run to resume. */
  signal?: AbortSignal;
}

export interface FileRequest {
  /** Label in progress output (default: the cache-relative path). */
  label?: string;
  /** No progress bar (metadata and OData pages; their table has one). Retries are still noted. */
  quiet?: boolean;
  /** Extra request headers (e.g. Accept). */
  headers?: Record<string, string>;
}

export interface DownloadResult {
  path: string;
  size: number;
  /** False when the file came from the cache. */
  downloaded: boolean;
}

/** The HTTP status of a DOWNLOAD_FAILED error, when the server answered with one. */
export function httpStatusOf(e: unknown): number | undefined {
  if (!(e instanceof AppError)) return undefined;
  const s = e.details?.['status'];
  return typeof s === 'number' ? s : undefined;
}

/** True for 404 Not Found and 410 Gone: the resource is not (any more) published there. */
export function isNotPublished(e: unknown): boolean {
  const s = httpStatusOf(e);
  return s === 404 || s === 410;
}

/** Downloads `url` to the cache-relative `relPath`, or returns the cached file. */
export async function downloadFile(
  url: string,
  relPath: string,
  options: DownloadOptions,
  request: FileRequest = {},
): Promise<DownloadResult> {
  const { manifest, progress } = options;
  const label = request.label ?? relPath;
  const path = manifest.pathOf(relPath);
  const cached = manifest.findComplete(relPath, url);
  if (cached) {
    if (!request.quiet) progress.finish(label, cached.size, true);
    return { path, size: cached.size, downloaded: false };
  }
  const part = join(dirname(path), `.${basename(path)}.part`);
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  let failures = 0;
  for (;;) {
    throwIfStopped(options.signal, url);
    const before = existsSync(part) ? statSync(part).size : 0;
    try {
      await attemptDownload(url, part, label, options, request);
      break;
    } catch (e) {
      throwIfStopped(options.signal, url);
      const retry = retryable(e);
      if (!retry) throw toDownloadError(url, e);
      const progressed = (existsSync(part) ? statSync(part).size : 0) > before;
      failures = progressed ? 1 : failures + 1;
      if (failures >= policy.attempts) throw toDownloadError(url, e, failures);
      const delay = backoffDelay(failures, policy, retry.retryAfterMs);
      progress.note(
        `${label}: ${retry.reason}; retrying in ${formatDelay(delay)} (attempt ${failures + 1} of ${policy.attempts})`,
      );
      await sleep(delay, options.signal, url);
    }
  }
  renameSync(part, path);
  const size = statSync(path).size;
  manifest.record(relPath, { url, size, sha256: await sha256Of(path), date: new Date().toISOString() });
  if (!request.quiet) progress.finish(label, size);
  return { path, size, downloaded: true };
}

/** Back-off before retry `n` (1-based): base × 2^(n-1), at most the maximum; Retry-After wins when longer. */
export function backoffDelay(n: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, n - 1));
  return Math.min(policy.maxDelayMs, Math.max(exp, retryAfterMs ?? 0));
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${ms} ms`;
}

/** Waits `ms`, or stops with INTERRUPTED when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      reject(interrupted(url, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}

/** A transient failure after which a retry (and resume) makes sense. */
class Transient extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

function retryable(e: unknown): { reason: string; retryAfterMs?: number } | undefined {
  if (!(e instanceof Transient)) return undefined;
  return e.retryAfterMs !== undefined
    ? { reason: e.message, retryAfterMs: e.retryAfterMs }
    : { reason: e.message };
}

function interrupted(url: string, signal: AbortSignal | undefined): AppError {
  return new AppError('INTERRUPTED', `download of ${url} stopped; run fetch again to resume it`, {
    cause: signal?.reason,
  });
}

/** INTERRUPTED when the operator stopped the run (not retried, unlike a dropped connection). */
function throwIfStopped(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw interrupted(url, signal);
}

/** Statuses worth retrying: the server's trouble, not ours. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

function retryAfterOf(res: Response): number | undefined {
  const raw = res.headers.get('retry-after');
  if (!raw) return undefined;
  const s = Number(raw);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

async function attemptDownload(
  url: string,
  part: string,
  label: string,
  options: DownloadOptions,
  request: FileRequest,
): Promise<void> {
  const from = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const idleMs = options.idleTimeoutMs ?? 120_000;
  let timer = setTimeout(() => controller.abort(), idleMs);
  const resetTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    const headers = { ...request.headers, ...(from > 0 ? { Range: `bytes=${from}-` } : {}) };
    const res = await fetchOrThrow(url, headers, controller.signal);
    if (from > 0 && res.status === 416) {
      await res.body?.cancel();
      unlinkSync(part); // our partial file is longer than the resource: start over
      throw new Transient('range not satisfiable, starting over');
    }
    if (!res.ok) {
      const detail = await errorText(res);
      if (isRetryableStatus(res.status))
        throw new Transient(`HTTP ${res.status}${detail}`, retryAfterOf(res), res.status);
      throw new AppError('DOWNLOAD_FAILED', `HTTP ${res.status} ${res.statusText}${detail} for ${url}`, {
        details: { status: res.status, url },
      });
    }
    const resumed = from > 0 && res.status === 206 && rangeStart(res) === from;
    const offset = resumed ? from : 0;
    const length = Number(res.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? offset + length : null;
    if (!request.quiet) options.progress.start(label, total, offset);
    const done = await writeBody(res, part, resumed, offset, (n) => {
      resetTimer();
      if (!request.quiet) options.progress.update(n);
    });
    if (total !== null && done < total)
      throw new Transient(`connection dropped at ${done} of ${total} bytes`);
  } catch (e) {
    if (e instanceof AppError || e instanceof Transient) throw e;
    throw new Transient(
      controller.signal.aborted && !options.signal?.aborted
        ? `no data for ${idleMs / 1000} s`
        : `connection dropped (${describe(e)})`,
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** The start of an error body (CBS sends `{"odata.error": …}`), for the message. */
async function errorText(res: Response): Promise<string> {
  try {
    const text = (await res.text()).replace(/\s+/g, ' ').trim();
    if (!text) return '';
    const m = /"value"\s*:\s*"([^"]{1,200})"/.exec(text) ?? /"message"\s*:\s*"([^"]{1,200})"/.exec(text);
    return `: ${m ? m[1] : text.slice(0, 120)}`;
  } catch {
    return '';
  }
}

/** Network errors that mean "no route to this host at all" (DNS): retrying will not help. */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

async function fetchOrThrow(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (e) {
    if (signal.aborted) throw e;
    const code = describe(e);
    const message = `cannot reach ${new URL(url).host}: offline? (GET ${url}: ${code})`;
    if (OFFLINE_CODES.has(code)) throw new AppError('DOWNLOAD_FAILED', message, { cause: e });
    throw new Transient(message);
  }
}

async function writeBody(
  res: Response,
  part: string,
  append: boolean,
  offset: number,
  onBytes: (done: number) => void,
): Promise<number> {
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  let done = offset;
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        done += chunk.length;
        onBytes(done);
      }
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }
  return done;
}

function rangeStart(res: Response): number | undefined {
  const m = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
  return m ? Number(m[1]) : undefined;
}

function describe(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

function toDownloadError(url: string, e: unknown, attempts?: number): AppError {
  if (e instanceof AppError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  const status = e instanceof Transient ? e.status : undefined;
  const what = reason.startsWith('cannot reach') ? reason : `download of ${url} failed: ${reason}`;
  return new AppError('DOWNLOAD_FAILED', attempts ? `${what} (gave up after ${attempts} attempts)` : what, {
    cause: e,
    details: { url, ...(status !== undefined ? { status } : {}) },
  });
}

/** SHA-256 of a file, hex. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
