/**
 * The life of an import, stage by stage:
 *   1. expandInputs   — files and folders → an ordered list of files
 *   2. readInputFile  — bytes (gunzip within bounds), checksum; text in the file's own encoding
 *   3. detectParser   — which source and layout (or --source); a workbook (.xlsx) is read once,
 *                       when the run is planned, as the CSV of its first worksheet a parser
 *                       recognises (openForImport, workbook-table.ts)
 *   4. parser.parse   — whole file → ImportBatch; any malformed row throws, nothing written
 *   5. batch-checks   — codes valid, no duplicate keys, plausible years, something to import,
 *                       no official value replaced by a user file
 *   6. store.writeBatch + parser.afterWrite — inside the run's transaction
 *   7. buildImportReport — what was read, matched, written and warned
 *   8. harmoniseStore — after all files: values of other divisions carried onto the reference
 *                       division (skipped when no division has buurt geometry)
 * The whole run — every file and the harmonisation — is one transaction: a refused file, an
 * error in harmonisation, an interrupt (the `signal`, Ctrl-C) or a killed process leaves the
 * store exactly as it was before the run; a run that completes commits everything at once.
 * Inside a folder, documentation files, a Shapefile's side files (read with its .shp) and ZIPs
 * that hold no boundaries are left out; files no parser recognises (or without a year) are
 * skipped and reported; a run that imports nothing usable is NOTHING_TO_IMPORT.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../core/app-error.js';
import type { SourceKind } from '../core/records.js';
import { INDICATOR_CATALOGUE } from '../domain/indicator-catalogue.js';
import type { Store } from '../storage/store.js';
import { harmoniseStore, type HarmoniseOptions, type HarmoniseSummary } from './harmonise/harmonise-store.js';
import { buildImportReport, type ImportReport } from './import-report.js';
import { readInputFile, readInputHead } from './input-file.js';
import { DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits.js';
import { checkBatch, checkOfficialValues } from './batch-checks.js';
import { ParseAhead, worthParsingAhead } from './parse-ahead.js';
import { zipContents } from './sources/boundaries/zip-boundaries.js';
import { parseInputFile, parseOpenedFile, type ParsedFile } from './parse-file.js';
import type { ParseContext, SourceParser } from './source-parser.js';
import { detectParser, openForImport, type OpenedFile } from './source-registry.js';
import { isWorkbook } from './workbook-table.js';

export { checkBatch };

export interface ImportOptions {
  source?: SourceKind;
  year?: number;
  divisionYear?: number;
  /** Harmonise onto the reference division after the import (default true). */
  harmonise?: boolean;
  /** Told what the harmonisation after the import did. */
  onHarmonised?: (summary: HarmoniseSummary) => void;
  /** Told about files inside a named folder that were skipped (not recognised, or no year). */
  onSkipped?: (file: string, reason: AppError) => void;
  /**
   * When aborted, the import stops with INTERRUPTED at the next check (between files, after
   * parsing, before harmonisation and just before COMMIT) and the whole run is rolled back.
   */
  signal?: AbortSignal;
  /** Let a user file (tidy CSV) replace values an official source stored (`--replace-official`). */
  replaceOfficial?: boolean;
  /** Bounds on each input file (input-limits.ts). */
  limits?: InputLimits;
  /** The data edition the run records (retention, configuration): HarmoniseOptions.edition. */
  edition?: HarmoniseOptions['edition'];
  /**
   * Parse each next file in a worker thread while the current one is written (parse-ahead.ts).
   * Default: when the files after the first are large enough to pay for the worker.
   */
  parseAhead?: boolean;
}

/**
 * Inside a folder, files no parser recognises and files that carry no year (and none was given)
 * are skipped and reported; named files with those problems are errors.
 */
const SKIPPABLE_IN_FOLDERS = new Set(['UNKNOWN_FILE_KIND', 'YEAR_UNKNOWN']);

export interface InputPath {
  path: string;
  /** True when the file was found by expanding a folder (rather than named). */
  inFolder: boolean;
  /** A ZIP in a folder whose directory cannot be read: why it is skipped (zipInFolder). */
  unreadable?: AppError;
}

// DataProperties files are read together with their TypedDataSet (KWB OData), never on their own;
// MeasureCodes files with their v4 Observations; a Shapefile's .dbf, .prj and .cpg with its .shp (the
// other files of a Shapefile set are indexes and metadata Veerkracht does not need).
const SKIP_IN_FOLDERS =
  /\.(pdf|md|txt|docx?|png|jpe?g|dbf|shx|prj|cpg|sbn|sbx|qix|qmd|fix|aih|ain|atx|shp\.xml)$|(dataproperties|measurecodes)\.json(\.gz)?$/i;

/**
 * A ZIP in a folder is read only when its directory lists boundaries (.gpkg, .shp); other ZIPs
 * are left out. One whose directory cannot be read (cut off, not a ZIP) might have held them: it
 * is kept as an input that the run reports as skipped, with the reason (UNKNOWN_FILE_KIND).
 */
function zipInFolder(path: string): 'read' | 'leave out' | AppError {
  if (!/\.zip$/i.test(path)) return 'read';
  const contents = zipContents(path);
  if (contents === 'boundaries') return 'read';
  if (contents === 'other') return 'leave out';
  return new AppError(
    'UNKNOWN_FILE_KIND',
    'cannot be read as a ZIP archive (cut off, damaged or no ZIP at all), so whether it holds boundaries is unknown; name it on its own to see why',
    { location: { file: basename(path), expected: 'a complete ZIP archive' }, cause: contents.unreadable },
  );
}

/** Files as given, folders expanded recursively (sorted), skipping documentation files and ZIPs without boundaries. */
export function expandInputs(paths: readonly string[]): InputPath[] {
  const out: InputPath[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new AppError('FILE_NOT_FOUND', `${p} does not exist`, { cause: e });
    }
    if (st.isDirectory()) {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir).sort()) {
          const full = join(dir, name);
          if (statSync(full).isDirectory()) walk(full);
          else if (!SKIP_IN_FOLDERS.test(name) && !name.startsWith('.') && name !== 'MANIFEST.csv') {
            const zip = zipInFolder(full);
            if (zip === 'read') out.push({ path: full, inFolder: true });
            else if (zip !== 'leave out') out.push({ path: full, inFolder: true, unreadable: zip });
          }
        }
      };
      walk(p);
    } else out.push({ path: p, inFolder: false });
  }
  return out;
}

export function parseContextFor(store: Store, options: ImportOptions): ParseContext {
  return {
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.divisionYear !== undefined ? { divisionYear: options.divisionYear } : {}),
    listAreaNames: (gm) => store.listAreaNames(gm),
    findGemeenteByName: (name) => store.findGemeenteByName(name),
    listAreaCodes: async (gm) =>
      (await store.listAreas({ gemeente: gm }))
        .filter((a) => a.level !== 'gemeente')
        .map((a) => ({ code: a.code, level: a.level, divisionYear: a.divisionYear })),
  };
}

interface PlannedFile {
  input: InputPath;
  order: number;
  /** A workbook: the worksheet read when the run was planned, parsed at its turn. */
  opened?: OpenedFile;
}

/**
 * The parser of a file, from its first bytes. A workbook is read whole — its worksheets are
 * what tells its layout — and the worksheet found is kept, so that it is not read twice.
 */
async function planFile(
  path: string,
  limits: InputLimits,
  source: SourceKind | undefined,
): Promise<{ parser: SourceParser; opened?: OpenedFile }> {
  const head = readInputHead(path, limits);
  if (!isWorkbook(head)) return { parser: detectParser(head, source) };
  const opened = await openForImport(readInputFile(path, limits), source);
  return { parser: opened.parser, opened };
}

/**
 * Imports the files in dependency order (boundaries and coded files before name-only files), then
 * harmonises — all in one transaction (see the module comment). The first failing file stops the
 * run with its error and nothing of the run is written.
 */
export async function importPaths(
  store: Store,
  paths: readonly string[],
  options: ImportOptions = {},
  onReport: (r: ImportReport) => void = () => {},
): Promise<ImportReport[]> {
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const inputs = expandInputs(paths);
  const planned: PlannedFile[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    await throwIfInterrupted(
      options.signal,
      () => `interrupted while reading ${input.path}; nothing was imported`,
    );
    const { unreadable } = input;
    const plan = await skipOrThrowAsync(
      input,
      () => (unreadable ? Promise.reject(unreadable) : planFile(input.path, limits, options.source)),
      options,
      skipped,
    );
    if (plan)
      planned.push({ input, order: plan.parser.order ?? 5, ...(plan.opened ? { opened: plan.opened } : {}) });
  }
  planned.sort((a, b) => a.order - b.order);
  const reports: ImportReport[] = [];
  // workbooks were read when planned: the worker parses the other files
  const aheadPaths = planned.filter((p) => !p.opened).map((p) => p.input.path);
  const ahead =
    aheadPaths.length > 1 && (options.parseAhead ?? worthParsingAhead(aheadPaths))
      ? new ParseAhead(aheadPaths, {
          limits,
          ...(options.source !== undefined ? { source: options.source } : {}),
          ...(options.year !== undefined ? { year: options.year } : {}),
          ...(options.divisionYear !== undefined ? { divisionYear: options.divisionYear } : {}),
        })
      : undefined;
  ahead?.start();
  try {
    await store.transaction(async (tx) => {
      await tx.upsertIndicators(INDICATOR_CATALOGUE);
      for (const { input, opened } of planned) {
        await throwIfInterrupted(options.signal, () => interruptedAt(input.path));
        // the worker parses the next files while this one is written (parse-ahead.ts)
        const parsed = opened ? undefined : ahead?.take();
        const report = await skipOrThrowAsync(
          input,
          () => importFile(tx, input.path, options, parsed, opened),
          options,
          skipped,
        );
        if (!report) continue;
        onReport(report);
        reports.push(report);
      }
      if (!reports.some(isUsable)) throw nothingImported(inputs, skipped, reports);
      if (options.harmonise !== false) {
        await throwIfInterrupted(
          options.signal,
          () =>
            `interrupted before harmonisation: nothing of this import was written, the store is as before`,
        );
        // New boundaries can change every crosswalk; otherwise only the divisions just imported need carrying.
        const divisions = reports.map((r) => r.divisionYear);
        const all = reports.some((r) => r.source === 'geo') || divisions.some((d) => d === null);
        const summary = await harmoniseStore(tx, {
          ...(all ? {} : { from: [...new Set(divisions as number[])] }),
          ...(options.edition ? { edition: options.edition } : {}),
        });
        await throwIfInterrupted(
          options.signal,
          () => `interrupted after harmonisation, before it was saved: nothing of this import was written`,
        );
        options.onHarmonised?.(summary);
      }
    });
  } catch (e) {
    const saysSo = e instanceof AppError && (e.code === 'NOTHING_TO_IMPORT' || e.code === 'INTERRUPTED');
    throw reports.length > 0 && e instanceof AppError && !saysSo ? withRunRolledBack(e, reports.length) : e;
  } finally {
    await ahead?.close();
  }
  return reports;
}

/** A report of a file that wrote values or geometry (not a recognised-and-skipped file). */
function isUsable(r: ImportReport): boolean {
  return r.geometries > 0 || Object.values(r.valuesPerIndicator).some((v) => v.values + v.missing > 0);
}

function nothingImported(
  inputs: readonly InputPath[],
  skipped: readonly string[],
  reports: readonly ImportReport[],
): AppError {
  const first = inputs[0]?.path ?? '';
  const why =
    inputs.length === 0
      ? 'no file was found'
      : reports.length > 0
        ? `${reports.length} file(s) were recognised but deliberately not imported (${reports.map((r) => r.file).join(', ')})`
        : `none of the ${inputs.length} file(s) was recognised (${skipped.length} skipped)`;
  return new AppError('NOTHING_TO_IMPORT', `nothing usable was imported: ${why}; the store is as before`, {
    location: { file: first, expected: 'at least one file with values or boundaries' },
  });
}

/** The error of a file, saying that the files reported before it were rolled back too. */
function withRunRolledBack(e: AppError, reported: number): AppError {
  return new AppError(
    e.code,
    `${e.reason} — nothing of this import was written (the ${reported} file(s) reported before it are rolled back too); the store is as before`,
    {
      ...(e.location ? { location: e.location } : {}),
      ...(e.details ? { details: e.details } : {}),
      cause: e,
    },
  );
}

/**
 * Signals reach the process as event-loop tasks, and parsing and writing a file are synchronous:
 * yield once so that a pending SIGINT/SIGTERM is delivered, then throw INTERRUPTED if aborted.
 */
async function throwIfInterrupted(signal: AbortSignal | undefined, message: () => string): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new AppError('INTERRUPTED', message(), { cause: signal.reason });
}

function interruptedAt(file: string): string {
  return `interrupted at ${file}: nothing of this import was written, the store is as before — run the import again`;
}

function skipOrThrow<T>(
  input: InputPath,
  fn: () => T,
  options: ImportOptions,
  skipped: string[],
): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (input.inFolder && e instanceof AppError && SKIPPABLE_IN_FOLDERS.has(e.code)) {
      skipped.push(input.path);
      options.onSkipped?.(input.path, e);
      return undefined;
    }
    throw e;
  }
}

async function skipOrThrowAsync<T>(
  input: InputPath,
  fn: () => Promise<T>,
  options: ImportOptions,
  skipped: string[],
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    return skipOrThrow(
      input,
      () => {
        throw e;
      },
      options,
      skipped,
    );
  }
}

/**
 * Imports one file in its own (nested) transaction: it is written entirely or not at all.
 * `parsedAhead` is the file as the parse worker read it, `opened` the worksheet of a workbook
 * read when the run was planned (neither: read and parse the file here).
 */
async function importFile(
  store: Store,
  path: string,
  options: ImportOptions,
  parsedAhead?: Promise<ParsedFile | undefined>,
  opened?: OpenedFile,
): Promise<ImportReport> {
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const ctx = parseContextFor(store, options);
  const { parser, batch } =
    (await parsedAhead) ??
    (opened
      ? await parseOpenedFile(opened, ctx)
      : await parseInputFile(readInputFile(path, limits), ctx, options.source));
  if (batch.edition.source === 'tidy' && !options.replaceOfficial) await checkOfficialValues(store, batch);
  const already = (await store.findImport(batch.checksum)) !== undefined;
  const report = buildImportReport(batch, parser.layout, already);
  const interrupted = (): string => interruptedAt(path);
  await throwIfInterrupted(options.signal, interrupted);
  await store.transaction(async (tx) => {
    await tx.writeBatch(batch, report);
    if (parser.afterWrite) await parser.afterWrite(tx, batch);
    await throwIfInterrupted(options.signal, interrupted); // throwing here rolls the run back
  });
  return report;
}
