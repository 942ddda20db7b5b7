/**
 * The import's second core: while the import writes file k, a worker thread (parse-worker.ts)
 * reads, parses and checks the files after it, up to AHEAD of them. The batch comes back as
 * columns (batch-transport.ts); an error comes back as the same AppError (thread-error.ts) and is
 * raised when the import reaches that file, so a run fails — and rolls back — exactly as it would
 * without the worker. Files whose parser asks the store are answered "parse it here" and parsed
 * by the import itself, in order. The worker is only a way to use the second core: when it fails
 * or outgrows its heap, the import parses the rest of the files itself.
 *
 * Memory (the national import's 500 MB target, docs/benchmarks.md "The second core"): the
 * worker's heap is capped (WORKER_HEAP_MB); a worker whose heap grew during a parse is replaced
 * by a fresh one (parse-worker.ts), and the worker is stopped once the last file is taken, before
 * the harmonisation.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SourceKind } from '../core/records.js';
import { decodeBatch, type EncodedBatch } from './batch-transport.js';
import type { InputLimits } from './input-limits.js';
import type { ParsedFile } from './parse-file.js';
import { SOURCE_PARSERS } from './source-registry.js';
import { deserialiseError, type SerialisedError } from './thread-error.js';

export interface ParseRequest {
  id: number;
  path: string;
  limits: InputLimits;
  source?: SourceKind;
  year?: number;
  divisionYear?: number;
}

export type ParseAnswer = (
  | { id: number; kind: 'parsed'; parser: number; batch: EncodedBatch }
  | { id: number; kind: 'parse-here' }
  | { id: number; kind: 'failed'; error: SerialisedError }
) & {
  /** The worker parses nothing more (its heap grew): the files asked after this go to a new one. */
  retiring?: boolean;
};

/**
 * Below this many bytes (on disk) in the files after the first, a worker's start-up costs more
 * than parsing them alongside the writes saves.
 */
export const PARSE_AHEAD_MIN_BYTES = 1 << 20;

/** Whether files after the first are big enough to parse ahead in a worker. */
export function worthParsingAhead(paths: readonly string[]): boolean {
  let bytes = 0;
  for (const p of paths.slice(1)) {
    try {
      bytes += statSync(p).size;
    } catch {
      // the import itself says that the file is missing
    }
  }
  return bytes >= PARSE_AHEAD_MIN_BYTES;
}

/**
 * The worker's old-generation heap, in MB: room for the national RIVM file (45 MB of text, a
 * 140 MB heap while parsing) with the import thread's own memory under 500 MB. A file that needs
 * more is parsed by the import itself.
 */
export const WORKER_HEAP_MB = 160;

/** Files parsed ahead of the one being written: enough to keep the worker busy, few enough for memory. */
const AHEAD = 3;

/**
 * The worker, from the compiled JavaScript; from the TypeScript sources (tests, `npm run
 * veerkracht`) through tsx's loader, registered inside the worker first.
 */
function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./parse-worker.js', import.meta.url), { resourceLimits });
  const entry = JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href);
  // resolved here, so that a process started in another folder finds this project's tsx
  const tsx = JSON.stringify(resolveFromHere('tsx/esm/api'));
  const code = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(code, { eval: true, resourceLimits });
}

function resolveFromHere(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return specifier; // where import.meta.resolve is missing (a test runner's module loader)
  }
}

/**
 * A parse worker for one import run, given the run's files after the first, in order: `take`
 * gives them back one by one. `close` it when the run ends, whatever happened.
 */
export class ParseAhead {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, (a: ParseAnswer) => void>();
  private readonly asked: Promise<ParseAnswer>[] = [];
  private taken = 0;

  constructor(
    private readonly paths: readonly string[],
    private readonly options: Omit<ParseRequest, 'id' | 'path'>,
    private readonly heapMb = WORKER_HEAP_MB,
  ) {
    this.worker = this.startWorker();
  }

  /** Starts the worker on the first files (before the caller needs the first of them). */
  start(): void {
    while (this.asked.length < Math.min(this.paths.length, AHEAD)) this.ask(this.asked.length);
  }

  /**
   * The next file, parsed in the worker: its parser and batch; undefined when the import is to
   * parse it itself; or its error, raised. Keeps the worker AHEAD files in front, and stops it
   * after the last file.
   */
  async take(): Promise<ParsedFile | undefined> {
    const id = this.taken++;
    while (this.asked.length < Math.min(this.paths.length, id + 1 + AHEAD)) this.ask(this.asked.length);
    const a = await this.asked[id]!;
    delete this.asked[id]; // the batch is the caller's now
    if (this.taken === this.paths.length) await this.close(); // its memory is the harmonisation's
    if (a.kind === 'failed') throw deserialiseError(a.error);
    if (a.kind === 'parse-here') return undefined;
    return { parser: SOURCE_PARSERS[a.parser]!, batch: decodeBatch(a.batch) };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.parseTheRestHere();
    if (worker) await stop(worker);
  }

  /** Whether the worker is gone (failed, outgrown or closed): the import parses what is left. */
  get stopped(): boolean {
    return this.worker === undefined;
  }

  private startWorker(): Worker {
    const worker = startWorker(this.heapMb);
    const current = (): boolean => worker === this.worker;
    worker.on('message', (a: ParseAnswer) => current() && this.settle(a));
    // Out of memory, a crash, an exit: not the file's fault; the import parses the rest itself.
    worker.on('error', () => current() && void this.close());
    worker.on('exit', () => current() && void this.close());
    return worker;
  }

  private ask(id: number): void {
    this.asked[id] = new Promise<ParseAnswer>((resolve) => {
      if (!this.worker) resolve({ id, kind: 'parse-here' });
      else {
        this.waiting.set(id, resolve);
        this.post(this.worker, id);
      }
    });
  }

  private post(worker: Worker, id: number): void {
    worker.postMessage({ ...this.options, id, path: this.paths[id]! } satisfies ParseRequest);
  }

  private settle(a: ParseAnswer): void {
    this.waiting.get(a.id)?.(a);
    this.waiting.delete(a.id);
    if (a.retiring && this.worker) {
      // a fresh worker for the files asked and not answered, in order
      void stop(this.worker);
      const worker = (this.worker = this.startWorker());
      for (const id of [...this.waiting.keys()].sort((x, y) => x - y)) this.post(worker, id);
    }
  }

  private parseTheRestHere(): void {
    for (const [id, resolve] of this.waiting) resolve({ id, kind: 'parse-here' });
    this.waiting.clear();
  }
}

async function stop(worker: Worker): Promise<void> {
  worker.removeAllListeners();
  worker.on('error', () => {}); // an error while it stops is no one's business
  await worker.terminate();
}
