/**
 * The import's second core: while the import writes file k, a worker thread (parse-worker.ts)
 * reads, parses and checks the files after it, up to AHEAD of them; the import parses the first
 * file itself while the worker starts on the second. When the import reaches a file
 * the worker is still parsing, it parses the next files the worker has not started itself
 * meanwhile (file-claims.ts decides who parses which). The batch comes back as columns (batch-transport.ts);
 * an error comes back as the same AppError (thread-error.ts) and is raised when the import
 * reaches that file, so a run fails — and rolls back — exactly as it would without the worker.
 * Files whose parser asks the store are answered "parse it here" and parsed by the import itself,
 * in order. The worker is only a way to use the second core: when it fails or outgrows its heap,
 * the import parses the rest of the files itself.
 *
 * Memory (the national import's 500 MB target, docs/benchmarks.md "The second core"): the
 * worker's heap is capped (WORKER_HEAP_MB); a worker whose heap grew during a parse is replaced
 * by a fresh one (parse-worker.ts), and the worker is stopped once the last file is taken, before
 * the harmonisation.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { decodeBatch, type EncodedBatch } from './batch-transport.js';
import { claimFile, newFileClaims, type FileClaims } from './file-claims.js';
import { parseAheadOfTurn, type FileToParse, type ParsedAhead, type ParsedFile } from './parse-file.js';
import { SOURCE_PARSERS } from './source-registry.js';
import { deserialiseError, type SerialisedError } from './thread-error.js';

export interface ParseRequest extends FileToParse {
  id: number;
}

/** What a worker is started with: the run's file claims, shared with the import's thread. */
export interface WorkerData {
  claims: FileClaims;
}

export type ParseAnswer = (
  | { id: number; kind: 'parsed'; parser: number; batch: EncodedBatch }
  | { id: number; kind: 'parse-here' }
  | { id: number; kind: 'failed'; error: SerialisedError }
  /** The import's thread claimed the file first and parses it itself. */
  | { id: number; kind: 'claimed' }
) & {
  /** The worker parses nothing more (its heap grew): the files asked after this go to a new one. */
  retiring?: boolean;
};

/**
 * Below this many bytes (on disk) in a run's files, a worker's start-up costs more than parsing
 * them on two threads saves.
 */
export const PARSE_AHEAD_MIN_BYTES = 1 << 20;

/** Whether a run has files enough, and big enough, to parse on two threads. */
export function worthParsingAhead(paths: readonly string[]): boolean {
  if (paths.length < 2) return false;
  let bytes = 0;
  for (const p of paths) {
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

/**
 * The import's thread parses a file ahead of its turn only while the process (both threads) is
 * resident below this, in MB: a parse can add 150 MB (the national RIVM file), and the national
 * import's target is 500 MB (docs/benchmarks.md, "Both threads parse").
 */
export const PARSE_HERE_BELOW_RSS_MB = 300;

/** Files parsed ahead of the one being written: enough to keep the worker busy, few enough for memory. */
const AHEAD = 3;

/**
 * The worker, from the compiled JavaScript; from the TypeScript sources (tests, `npm run
 * veerkracht`) through tsx's loader, registered inside the worker first.
 */
function startWorker(heapMb: number, workerData: WorkerData): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./parse-worker.js', import.meta.url), { resourceLimits, workerData });
  const entry = JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href);
  // resolved here, so that a process started in another folder finds this project's tsx
  const tsx = JSON.stringify(resolveFromHere('tsx/esm/api'));
  const code = `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(code, { eval: true, resourceLimits, workerData });
}

function resolveFromHere(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return specifier; // where import.meta.resolve is missing (a test runner's module loader)
  }
}

/**
 * A parse worker for one import run, given the run's files in order: `take` gives them back one
 * by one. `close` it when the run ends, whatever happened.
 */
export class ParseAhead {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, (a: ParseAnswer) => void>();
  private readonly asked: Promise<ParseAnswer>[] = [];
  private readonly claims: FileClaims;
  /** Files the import's thread parsed while it waited for the worker. */
  private readonly parsedHere = new Map<number, ParsedAhead>();
  private parsedHereCount = 0;
  private taken = 0;

  constructor(
    private readonly paths: readonly string[],
    private readonly options: Omit<FileToParse, 'path'>,
    private readonly heapMb = WORKER_HEAP_MB,
    private readonly parseHereBelowRss = PARSE_HERE_BELOW_RSS_MB * 2 ** 20,
  ) {
    this.claims = newFileClaims(paths.length);
    this.worker = this.startWorker();
  }

  /**
   * Starts the worker on the files after the first, which the import parses itself in its turn:
   * it can write nothing before the first file is parsed, so the first parse on its own thread
   * costs no waiting, needs no crossing, and lets the worker start on the next file at once.
   */
  start(): void {
    if (claimFile(this.claims, 0, 'import')) this.asked[0] = Promise.resolve({ id: 0, kind: 'parse-here' });
    this.askUpTo(1 + AHEAD);
  }

  /**
   * The next file, parsed ahead of its turn: its parser and batch; undefined when the import is
   * to parse it itself; or its error, raised. While the worker is still on it, parses the next
   * unclaimed files on this thread. Keeps the worker AHEAD files in front, and stops it after the
   * last file.
   */
  async take(): Promise<ParsedFile | undefined> {
    const id = this.taken++;
    this.askUpTo(id + 1 + AHEAD);
    let outcome = this.parsedHere.get(id);
    this.parsedHere.delete(id);
    if (!outcome) {
      await this.parseHereWhileWaiting(id);
      outcome = fromAnswer(await this.asked[id]!);
    }
    delete this.asked[id]; // the batch is the caller's now
    if (this.taken === this.paths.length) await this.close(); // its memory is the harmonisation's
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome.kind === 'parsed' ? outcome.parsed : undefined;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.parseTheRestHere();
    if (worker) await stop(worker);
  }

  /** How many files this thread parsed ahead of their turn while it waited for the worker. */
  get parsedOnImportThread(): number {
    return this.parsedHereCount;
  }

  /** Whether the worker is gone (failed, outgrown or closed): the import parses what is left. */
  get stopped(): boolean {
    return this.worker === undefined;
  }

  private startWorker(): Worker {
    const worker = startWorker(this.heapMb, { claims: this.claims });
    const current = (): boolean => worker === this.worker;
    worker.on('message', (a: ParseAnswer) => current() && this.settle(a));
    // Out of memory, a crash, an exit: not the file's fault; the import parses the rest itself.
    worker.on('error', () => current() && void this.close());
    worker.on('exit', () => current() && void this.close());
    return worker;
  }

  /**
   * While the worker is still on file `id`, the files after it that the worker has not started,
   * parsed here (without the store), within the same AHEAD files as the worker's (so that the
   * files parsed and not yet written stay as few as with the worker alone), and only while the
   * process's resident memory leaves room for one more parse (PARSE_HERE_BELOW_RSS_MB).
   */
  private async parseHereWhileWaiting(id: number): Promise<void> {
    for (let next = id + 1; next < Math.min(this.paths.length, id + 1 + AHEAD); next++) {
      await new Promise<void>((resolve) => setImmediate(resolve)); // the worker's answer, if it came
      const answered = !this.waiting.has(id);
      if (!this.worker || answered || process.memoryUsage.rss() > this.parseHereBelowRss) return;
      if (this.parsedHere.has(next) || !claimFile(this.claims, next, 'import')) continue;
      this.parsedHereCount++;
      this.parsedHere.set(next, await parseAheadOfTurn({ ...this.options, path: this.paths[next]! }));
    }
  }

  private askUpTo(count: number): void {
    while (this.asked.length < Math.min(this.paths.length, count)) this.ask(this.asked.length);
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

/** A worker's answer as the same outcome as a parse on this thread. */
function fromAnswer(a: ParseAnswer): ParsedAhead {
  switch (a.kind) {
    case 'parsed':
      return { kind: 'parsed', parsed: { parser: SOURCE_PARSERS[a.parser]!, batch: decodeBatch(a.batch) } };
    case 'failed':
      return { kind: 'failed', error: deserialiseError(a.error) };
    default:
      // 'claimed' only answers a file this thread parsed itself, which `take` finds first
      return { kind: 'parse-here' };
  }
}

async function stop(worker: Worker): Promise<void> {
  worker.removeAllListeners();
  worker.on('error', () => {}); // an error while it stops is no one's business
  await worker.terminate();
}
