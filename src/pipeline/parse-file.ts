/**
 * Stages 3–5 of an import (run-import.ts) for one file: which parser, the parse, the checks of
 * the batch, and what the parser derives from it without the store (display geometry). Runs on
 * the import's own thread, or ahead of its turn — in the parse worker (parse-ahead.ts) or on the
 * import's thread while it waits for the worker — the same code either way, so a file gives the
 * same batch and the same error.
 */
import type { ImportBatch, SourceKind } from '../core/records.js';
import { checkBatch, checkSomethingToImport } from './batch-checks.js';
import { readInputFile, type InputFile } from './input-file.js';
import type { InputLimits } from './input-limits.js';
import type { ParseContext, SourceParser } from './source-parser.js';
import { openForImport, type OpenedFile } from './source-registry.js';
import { locatedInWorksheet } from './workbook-table.js';

export interface ParsedFile {
  parser: SourceParser;
  batch: ImportBatch;
}

export async function parseInputFile(
  file: InputFile,
  ctx: ParseContext,
  source: SourceKind | undefined,
): Promise<ParsedFile> {
  return parseOpenedFile(await openForImport(file, source), ctx);
}

/**
 * parseInputFile of a file whose parser is known (a workbook: the worksheet it reads, whose
 * errors are located in the worksheet).
 */
export async function parseOpenedFile({ file, parser }: OpenedFile, ctx: ParseContext): Promise<ParsedFile> {
  try {
    const batch = await parser.parse(file, ctx);
    batch.warnings.unshift(...file.notes);
    checkBatch(batch);
    checkSomethingToImport(batch, parser);
    parser.derive?.(batch);
    return { parser, batch };
  } catch (e) {
    throw file.sheet === undefined ? e : locatedInWorksheet(e, file.sheet);
  }
}

/** A file to parse ahead of its turn, with the run's options. */
export interface FileToParse {
  path: string;
  limits: InputLimits;
  source?: SourceKind;
  year?: number;
  divisionYear?: number;
}

/**
 * A file parsed ahead of its turn: its parser and batch; `parse-here` when its parser asked the
 * store (name-only files look up area names: they are parsed at their turn, against the store as
 * the files before them left it); or the error it gave.
 */
export type ParsedAhead =
  { kind: 'parsed'; parsed: ParsedFile } | { kind: 'parse-here' } | { kind: 'failed'; error: unknown };

/** Thrown by the store lookups of a store-less ParseContext. */
class NoStoreHere extends Error {}

/** Reads, parses and checks a file without a store (parse-ahead.ts, parse-worker.ts). */
export async function parseAheadOfTurn(file: FileToParse): Promise<ParsedAhead> {
  let askedStore = false;
  const noStore = (): never => {
    askedStore = true;
    throw new NoStoreHere('a file parsed ahead of its turn has no store');
  };
  const ctx: ParseContext = {
    ...(file.year !== undefined ? { year: file.year } : {}),
    ...(file.divisionYear !== undefined ? { divisionYear: file.divisionYear } : {}),
    listAreaNames: async () => noStore(),
    findGemeenteByName: async () => noStore(),
    listAreaCodes: async () => noStore(),
  };
  try {
    const parsed = await parseInputFile(readInputFile(file.path, file.limits), ctx, file.source);
    return askedStore ? { kind: 'parse-here' } : { kind: 'parsed', parsed };
  } catch (error) {
    return askedStore ? { kind: 'parse-here' } : { kind: 'failed', error };
  }
}
