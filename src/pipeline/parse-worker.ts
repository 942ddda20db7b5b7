/**
 * The parse worker (a worker_threads thread started by parse-ahead.ts): reads, parses and checks
 * the file it is asked for (parse-file.ts) and sends the batch back as columns (batch-transport.ts)
 * or the error the file gave. Files whose parser asks the store (name-only files look up area
 * names) are not parsed here: the answer says so and the import parses them itself, in order,
 * against the store as the files before them left it.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { encodeBatch } from './batch-transport.js';
import { readInputFile } from './input-file.js';
import { parseInputFile } from './parse-file.js';
import type { ParseAnswer, ParseRequest } from './parse-ahead.js';
import type { ParseContext } from './source-parser.js';
import { SOURCE_PARSERS } from './source-registry.js';
import { serialiseError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread (parse-ahead.ts)');

/** Thrown by the store lookups of a worker's ParseContext: the worker has no store. */
class NoStoreHere extends Error {}

async function answer(request: ParseRequest): Promise<{ answer: ParseAnswer; transfer: ArrayBuffer[] }> {
  let askedStore = false;
  const noStore = (): never => {
    askedStore = true;
    throw new NoStoreHere('the parse worker has no store');
  };
  const ctx: ParseContext = {
    ...(request.year !== undefined ? { year: request.year } : {}),
    ...(request.divisionYear !== undefined ? { divisionYear: request.divisionYear } : {}),
    listAreaNames: async () => noStore(),
    findGemeenteByName: async () => noStore(),
    listAreaCodes: async () => noStore(),
  };
  try {
    const { parser, batch } = await parseInputFile(
      readInputFile(request.path, request.limits),
      ctx,
      request.source,
    );
    if (askedStore) return { answer: { id: request.id, kind: 'parse-here' }, transfer: [] };
    const { message, transfer } = encodeBatch(batch);
    return {
      answer: { id: request.id, kind: 'parsed', parser: SOURCE_PARSERS.indexOf(parser), batch: message },
      transfer,
    };
  } catch (e) {
    if (askedStore) return { answer: { id: request.id, kind: 'parse-here' }, transfer: [] };
    return { answer: { id: request.id, kind: 'failed', error: serialiseError(e) }, transfer: [] };
  }
}

/**
 * A worker whose heap grew past this after a parse asks to be replaced: V8 keeps a grown heap
 * while the thread waits, and the import's memory is the two threads' together (a national
 * import stays under its 500 MB target, docs/benchmarks.md).
 */
const RECYCLE_HEAP_BYTES = 96 * 2 ** 20;

// One file at a time, in the order asked; none after asking to be replaced (the import asks the next worker).
let queue = Promise.resolve();
let retiring = false;
port.on('message', (request: ParseRequest) => {
  queue = queue.then(async () => {
    if (retiring) return;
    const { answer: a, transfer } = await answer(request);
    retiring = getHeapStatistics().total_heap_size > RECYCLE_HEAP_BYTES;
    port.postMessage({ ...a, retiring }, transfer);
  });
});
