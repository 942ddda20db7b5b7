/**
 * Stages 3–5 of an import (run-import.ts) for one file: which parser, the parse, and the checks
 * of the batch. Runs on the import's own thread, or ahead of it in the parse worker
 * (parse-ahead.ts) — the same code either way, so a file gives the same batch and the same error.
 */
import type { ImportBatch, SourceKind } from '../core/records.js';
import { checkBatch, checkSomethingToImport } from './batch-checks.js';
import type { InputFile } from './input-file.js';
import type { ParseContext, SourceParser } from './source-parser.js';
import { detectParser } from './source-registry.js';

export interface ParsedFile {
  parser: SourceParser;
  batch: ImportBatch;
}

export async function parseInputFile(
  file: InputFile,
  ctx: ParseContext,
  source: SourceKind | undefined,
): Promise<ParsedFile> {
  const parser = detectParser(file, source);
  const batch = await parser.parse(file, ctx);
  batch.warnings.unshift(...file.notes);
  checkBatch(batch);
  checkSomethingToImport(batch, parser);
  return { parser, batch };
}
