/**
 * What every source parser implements. `detect` looks at the file's name and first bytes and
 * returns a confidence (0 = not mine, 1 = certainly mine); `parse` reads the whole file into
 * an ImportBatch or throws an AppError naming file, line/row, column and what was expected.
 * Parsers do no writing: the import runner writes the batch in one transaction.
 */
import type { ImportBatch, SourceKind } from '../core/records.js';
import type { Store } from '../storage/store.js';
import type { InputFile } from './input-file.js';

export interface ParseContext {
  /** Year given with --year (overrides what the file or its name says). */
  year?: number;
  /** Division year given with --division. */
  divisionYear?: number;
  /** Names the store knows for the areas of a gemeente (for files that carry names but no codes). */
  listAreaNames(gemeente: string): Promise<{ code: string; name: string; level: string }[]>;
  /** Gemeente codes whose known name equals `name` (case-insensitive). */
  findGemeenteByName(name: string): Promise<string[]>;
  /** The wijk and buurt codes the store knows for a gemeente, on every division it has. */
  listAreaCodes?(gemeente: string): Promise<{ code: string; level: string; divisionYear: number }[]>;
}

export interface SourceParser {
  kind: SourceKind;
  /** Short id of the layout, e.g. 'kwb-odata-json', 'kwb-statline-csv', 'lbm3-csv'. */
  layout: string;
  detect(file: InputFile): number;
  parse(file: InputFile, ctx: ParseContext): Promise<ImportBatch>;
  /** Import order within one command: lower first (boundaries and coded files before name-only files). */
  order?: number;
  /**
   * Work on the parsed, checked batch that needs no store (display geometry per gemeente): done
   * where the file is parsed — the parse worker or the import's own thread (parse-file.ts).
   */
  derive?(batch: ImportBatch): void;
  /** Runs inside the import transaction after the batch is written (e.g. storing its display geometry). */
  afterWrite?(store: Store, batch: ImportBatch): Promise<void>;
}
