/**
 * The life of an import, stage by stage:
 *   1. expandInputs   — files and folders → an ordered list of files
 *   2. readInputFile  — bytes, gunzip, checksum, text
 *   3. detectParser   — which source and layout (or --source)
 *   4. parser.parse   — whole file → ImportBatch; any malformed row throws, nothing written
 *   5. checkBatch     — codes valid, no duplicate keys, year present
 *   6. store.writeBatch + parser.afterWrite — one transaction; on error the store is as before
 *   7. buildImportReport — what was read, matched, written and warned
 *   8. harmoniseStore — after all files: values of other divisions carried onto the reference
 *                       division (one transaction; skipped when no division has buurt geometry)
 * An aborted `signal` (Ctrl-C) stops the run between stages with INTERRUPTED; the file in
 * progress is rolled back, files reported before it stay imported.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error.js';
import { findAreaLevel } from '../core/area-code.js';
import type { ImportBatch, SourceKind } from '../core/records.js';
import { INDICATOR_CATALOGUE } from '../domain/indicator-catalogue.js';
import type { Store } from '../storage/store.js';
import { harmoniseStore, type HarmoniseSummary } from './harmonise/harmonise-store.js';
import { buildImportReport, type ImportReport } from './import-report.js';
import { readInputFile, type InputFile } from './input-file.js';
import type { ParseContext } from './source-parser.js';
import { detectParser } from './source-registry.js';

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
   * When aborted, the import stops with INTERRUPTED at the next check: between files, after
   * parsing, and inside the file's transaction just before COMMIT (which then rolls back).
   */
  signal?: AbortSignal;
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
}

// DataProperties files are read together with their TypedDataSet (KWB OData), never on their own.
const SKIP_IN_FOLDERS = /\.(pdf|md|txt|docx?|png|jpe?g|zip)$|dataproperties\.json(\.gz)?$/i;

/** Files as given, folders expanded recursively (sorted), skipping documentation files. */
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
          else if (!SKIP_IN_FOLDERS.test(name) && !name.startsWith('.') && name !== 'MANIFEST.csv')
            out.push({ path: full, inFolder: true });
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
  };
}

/**
 * Imports the files in dependency order (boundaries and coded files before name-only files).
 * Each file is one transaction. The first failing file stops the run with its error; files
 * imported before it stay imported, the failing file leaves no trace.
 */
export async function importPaths(
  store: Store,
  paths: readonly string[],
  options: ImportOptions = {},
  onReport: (r: ImportReport) => void = () => {},
): Promise<ImportReport[]> {
  const planned: { file: InputFile; inFolder: boolean; order: number }[] = [];
  for (const input of expandInputs(paths)) {
    await throwIfInterrupted(
      options.signal,
      () => `interrupted while reading ${input.path}; nothing was imported`,
    );
    const file = readInputFile(input.path);
    const parser = skipOrThrow(input, () => detectParser(file, options.source), options);
    if (parser) planned.push({ file, inFolder: input.inFolder, order: parser.order ?? 5 });
  }
  planned.sort((a, b) => a.order - b.order);
  await store.upsertIndicators(INDICATOR_CATALOGUE);
  const reports: ImportReport[] = [];
  for (const { file, inFolder } of planned) {
    await throwIfInterrupted(options.signal, () => interruptedAt(file.path));
    const report = await skipOrThrowAsync(
      { path: file.path, inFolder },
      () => importFile(store, file, options),
      options,
    );
    if (!report) continue;
    onReport(report);
    reports.push(report);
  }
  if (options.harmonise !== false && reports.length > 0) {
    // New boundaries can change every crosswalk; otherwise only the divisions just imported need carrying.
    const divisions = reports.map((r) => r.divisionYear);
    const all = reports.some((r) => r.source === 'geo') || divisions.some((d) => d === null);
    await throwIfInterrupted(
      options.signal,
      () =>
        `interrupted after importing ${reports.length} file(s), before harmonisation: run \`veerkracht harmonise\``,
    );
    const summary = await harmoniseStore(store, all ? {} : { from: [...new Set(divisions as number[])] });
    options.onHarmonised?.(summary);
  }
  return reports;
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
  return `interrupted at ${file}: nothing of it was written; files reported before it stay imported, later files were not imported and harmonisation did not run — run the import again`;
}

function skipOrThrow<T>(input: InputPath, fn: () => T, options: ImportOptions): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (input.inFolder && e instanceof AppError && SKIPPABLE_IN_FOLDERS.has(e.code)) {
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
    );
  }
}

export async function importFile(
  store: Store,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const parser = detectParser(file, options.source);
  const batch = await parser.parse(file, parseContextFor(store, options));
  checkBatch(batch);
  const already = (await store.findImport(batch.checksum)) !== undefined;
  const report = buildImportReport(batch, parser.layout, already);
  const interrupted = (): string => interruptedAt(file.path);
  await throwIfInterrupted(options.signal, interrupted);
  await store.transaction(async () => {
    await store.writeBatch(batch, report);
    if (parser.afterWrite) await parser.afterWrite(store, batch);
    await throwIfInterrupted(options.signal, interrupted); // throwing here rolls the file back
  });
  return report;
}

/** Invariants every batch must satisfy before it is written. */
export function checkBatch(batch: ImportBatch): void {
  const keys = new ValueKeys();
  const validCodes = new Set<string>(); // a national batch has ~30 values per area: check each code once
  for (const v of batch.values) {
    if (!validCodes.has(v.areaCode)) {
      if (findAreaLevel(v.areaCode)) validCodes.add(v.areaCode);
      else {
        throw new AppError('AREA_CODE_INVALID', `value for '${v.areaCode}' has no valid area code`, {
          location: { file: batch.file, column: v.column },
        });
      }
    }
    if (!Number.isInteger(v.year) || v.year < 1990 || v.year > 2100) {
      throw new AppError('YEAR_UNKNOWN', `value for ${v.areaCode} has year ${v.year}`, {
        location: { file: batch.file },
      });
    }
    if (!keys.add(v.areaCode, v.divisionYear, v.indicator, v.year)) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `two values for ${v.areaCode}, indicator ${v.indicator}, year ${v.year} (one area appears twice)`,
        { location: { file: batch.file, column: v.column } },
      );
    }
  }
}

/**
 * The value keys seen (area, division, indicator, year) without building a string per value: per
 * indicator and (division, year) a byte per area, areas numbered in order of appearance. A national
 * KWB edition has ~560,000 values; a Set of joined strings (or of large numbers) costs far more.
 */
class ValueKeys {
  private readonly areas = new Map<string, number>();
  private readonly series = new Map<string, Map<number, Uint8Array>>();
  private lastIndicator: string | undefined;
  private lastSeries: Map<number, Uint8Array> | undefined;

  /** False when the key was seen before. */
  add(area: string, division: number, indicator: string, year: number): boolean {
    let a = this.areas.get(area);
    if (a === undefined) this.areas.set(area, (a = this.areas.size));
    let byYear = indicator === this.lastIndicator ? this.lastSeries : this.series.get(indicator);
    if (!byYear) this.series.set(indicator, (byYear = new Map()));
    this.lastIndicator = indicator;
    this.lastSeries = byYear;
    const k = division * 4096 + year; // year is 1990–2100 here
    let seen = byYear.get(k);
    if (!seen || seen.length <= a) {
      const grown = new Uint8Array(Math.max(1024, 2 * (a + 1)));
      if (seen) grown.set(seen);
      byYear.set(k, (seen = grown));
    }
    if (seen[a]) return false;
    seen[a] = 1;
    return true;
  }
}
