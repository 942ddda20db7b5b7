/**
 * One resumable download into the cache. The body goes to a hidden `.<name>.part` file; after an
 * interruption (connection dropped, idle timeout) the next attempt asks for the rest with
 * `Range: bytes=<done>-` and appends when the server answers 206, or starts over when it answers
 * 200 (no range support). A finished file is renamed into place and recorded in the manifest with
 * URL, size, SHA-256 and date, so it is never downloaded twice. Failures are DOWNLOAD_FAILED
 * naming the URL; an unreachable host reads "cannot reach <host>: offline?".
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, renameSync, statSync, unlinkSync, createWriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/app-error.js';
import type { CacheManifest } from './cache-manifest.js';
import type { ProgressSink } from './progress-bar.js';

export interface DownloadOptions {
  manifest: CacheManifest;
  progress: ProgressSink;
  /** Attempts per file (first try + resumes). */
  attempts?: number;
  /** Abort an attempt when no byte arrives for this long. */
  idleTimeoutMs?: number;
  /** Stops the download (INTERRUPTED); the partial file is kept for the next run to resume. */
  signal?: AbortSignal;
}

export interface DownloadResult {
  path: string;
  size: number;
  /** False when the file came from the cache. */
  downloaded: boolean;
}

/** Downloads `url` to the cache-relative `relPath`, or returns the cached file. */
export async function downloadFile(
  url: string,
  relPath: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const { manifest, progress } = options;
  const path = manifest.pathOf(relPath);
  const cached = manifest.findComplete(relPath, url);
  if (cached) {
    progress.finish(relPath, cached.size, true);
    return { path, size: cached.size, downloaded: false };
  }
  const part = join(dirname(path), `.${basename(path)}.part`);
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    throwIfStopped(options.signal, url);
    try {
      await attemptDownload(url, part, relPath, options);
      break;
    } catch (e) {
      throwIfStopped(options.signal, url);
      if (!(e instanceof Interrupted) || attempt >= attempts) throw toDownloadError(url, e);
      progress.note(
        `${relPath}: interrupted (${e.message}); resuming (attempt ${attempt + 1} of ${attempts})`,
      );
    }
  }
  renameSync(part, path);
  const size = statSync(path).size;
  manifest.record(relPath, { url, size, sha256: await sha256Of(path), date: new Date().toISOString() });
  progress.finish(relPath, size);
  return { path, size, downloaded: true };
}

/** A transient failure after which a resume makes sense. */
class Interrupted extends Error {}

/** INTERRUPTED when the operator stopped the run (not retried, unlike a dropped connection). */
function throwIfStopped(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted)
    throw new AppError('INTERRUPTED', `download of ${url} stopped; run fetch again to resume it`, {
      cause: signal.reason,
    });
}

async function attemptDownload(
  url: string,
  part: string,
  label: string,
  options: DownloadOptions,
): Promise<void> {
  const from = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const idleMs = options.idleTimeoutMs ?? 60_000;
  let timer = setTimeout(() => controller.abort(), idleMs);
  const resetTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    const res = await fetchOrThrow(url, from > 0 ? { Range: `bytes=${from}-` } : {}, controller.signal);
    const resumed = from > 0 && res.status === 206 && rangeStart(res) === from;
    if (from > 0 && res.status === 416) {
      unlinkSync(part); // our partial file is longer than the resource: start over
      throw new Interrupted('range not satisfiable');
    }
    if (!res.ok) throw new AppError('DOWNLOAD_FAILED', `HTTP ${res.status} ${res.statusText} for ${url}`);
    const offset = resumed ? from : 0;
    const length = Number(res.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? offset + length : null;
    options.progress.start(label, total, offset);
    const done = await writeBody(res, part, resumed, offset, (n) => {
      resetTimer();
      options.progress.update(n);
    });
    if (total !== null && done < total) throw new Interrupted(`got ${done} of ${total} bytes`);
  } catch (e) {
    if (e instanceof AppError || e instanceof Interrupted) throw e;
    throw new Interrupted(controller.signal.aborted ? `no data for ${idleMs / 1000} s` : describe(e));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

async function fetchOrThrow(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (e) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `cannot reach ${new URL(url).host}: offline? (GET ${url}: ${describe(e)})`,
      { cause: e },
    );
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

function toDownloadError(url: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError(
    'DOWNLOAD_FAILED',
    `download of ${url} was interrupted and could not be resumed: ${describe(e)}`,
    { cause: e },
  );
}

/** SHA-256 of a file, hex. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
