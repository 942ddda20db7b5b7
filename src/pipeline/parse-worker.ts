/**
 * The parse worker (a worker_threads thread started by parse-ahead.ts): reads, parses and checks
 * the file it is asked for (parse-file.ts) and sends the batch back as columns (batch-transport.ts)
 * or the error the file gave. Files whose parser asks the store (name-only files look up area
 * names) are not parsed here: the answer says so and the import parses them itself, in order,
 * against the store as the files before them left it. A file the import has claimed (it parses it
 * itself while it waits for this worker) is skipped.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeBatch } from './batch-transport.js';
import { claimFile } from './file-claims.js';
import type { ParseAnswer, ParseRequest, WorkerData } from './parse-ahead.js';
import { parseAheadOfTurn } from './parse-file.js';
import { SOURCE_PARSERS } from './source-registry.js';
import { serialiseError } from './thread-error.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread (parse-ahead.ts)');
const { claims } = workerData as WorkerData;

async function answer(request: ParseRequest): Promise<{ answer: ParseAnswer; transfer: ArrayBuffer[] }> {
  const { id } = request;
  if (!claimFile(claims, id, 'worker')) return { answer: { id, kind: 'claimed' }, transfer: [] };
  const outcome = await parseAheadOfTurn(request);
  if (outcome.kind === 'parse-here') return { answer: { id, kind: 'parse-here' }, transfer: [] };
  if (outcome.kind === 'failed')
    return { answer: { id, kind: 'failed', error: serialiseError(outcome.error) }, transfer: [] };
  const { parser, batch } = outcome.parsed;
  const { message, transfer } = encodeBatch(batch);
  return { answer: { id, kind: 'parsed', parser: SOURCE_PARSERS.indexOf(parser), batch: message }, transfer };
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
    retiring = a.kind !== 'claimed' && getHeapStatistics().total_heap_size > RECYCLE_HEAP_BYTES;
    port.postMessage({ ...a, retiring }, transfer);
  });
});
