/**
 * What every parsed batch must satisfy before it is written (stage 5 of run-import.ts): valid
 * area codes, one value per key, plausible years (checkBatch); something to import
 * (checkSomethingToImport); and no official value replaced by a user file without
 * `--replace-official` (checkOfficialValues).
 */
import { AppError } from '../core/app-error.js';
import { findAreaLevel } from '../core/area-code.js';
import type { ImportBatch, SourceKind } from '../core/records.js';
import { findCatalogueEntry } from '../domain/indicator-catalogue.js';
import type { Store } from '../storage/store.js';
import { checkPlausibleYear } from './plausible-values.js';
import type { SourceParser } from './source-parser.js';

/** Sources whose values a user file may not replace without `replaceOfficial`. */
const OFFICIAL_SOURCES = new Set<SourceKind>(['kwb', 'lbm', 'rivm', 'politie', 'geo']);

/**
 * A file must bring something: values, or (boundaries) geometry. A header-only file, a file whose
 * every value column is empty, boundaries whose every geometry is null are NOTHING_TO_IMPORT —
 * unless the parser recognised the file only to skip it by design (FILE_SKIPPED).
 */
export function checkSomethingToImport(batch: ImportBatch, parser: SourceParser): void {
  if (batch.warnings.some((w) => w.code === 'FILE_SKIPPED')) return;
  const empty = batch.edition.source === 'geo' ? batch.geometries.length === 0 : batch.values.length === 0;
  if (!empty) return;
  const what =
    batch.edition.source === 'geo'
      ? `none of its ${batch.rowsRead} feature(s) has a geometry`
      : batch.rowsRead === 0
        ? 'it has no data rows'
        : `none of its ${batch.rowsRead} row(s) has a value (every value column is empty)`;
  throw new AppError('NOTHING_TO_IMPORT', `nothing to import from this ${parser.layout} file: ${what}`, {
    location: {
      file: batch.file,
      expected: batch.edition.source === 'geo' ? 'features with polygons' : 'rows with values',
    },
  });
}

/**
 * A tidy CSV must not silently replace what an official source stored (KWB, Leefbaarometer,
 * RIVM, police — also carried onto another division): OFFICIAL_VALUE_PROTECTED names the first
 * such value, unless `replaceOfficial` (`--replace-official`) is given.
 */
export async function checkOfficialValues(store: Store, batch: ImportBatch): Promise<void> {
  const known = batch.values.filter((v) => findCatalogueEntry(v.indicator) !== undefined);
  if (known.length === 0) return;
  const official = new Set(
    (await store.listEditions()).filter((e) => OFFICIAL_SOURCES.has(e.source)).map((e) => e.edition),
  );
  const key = (code: string, division: number, indicator: string, year: number): string =>
    `${code}|${division}|${indicator}|${year}`;
  const wanted = new Map(known.map((v) => [key(v.areaCode, v.divisionYear, v.indicator, v.year), v]));
  const divisions = [...new Set(known.map((v) => v.divisionYear))];
  const indicators = [...new Set(known.map((v) => v.indicator))];
  const codes = [...new Set(known.map((v) => v.areaCode))];
  for (const divisionYear of divisions) {
    for (let i = 0; i < codes.length; i += 500) {
      const rows = await store.getValues({ divisionYear, indicators, codes: codes.slice(i, i + 500) });
      for (const r of rows) {
        const clash = wanted.get(key(r.areaCode, r.divisionYear, r.indicator, r.year));
        if (!clash || !official.has(r.edition)) continue; // a carried copy keeps its own edition
        throw new AppError(
          'OFFICIAL_VALUE_PROTECTED',
          `${r.indicator} ${r.year} of ${r.areaCode} (indeling ${r.divisionYear}) is stored from ${r.edition}; a user file does not replace an official value unless --replace-official is given`,
          {
            location: {
              file: batch.file,
              ...(clash.line !== undefined ? { line: clash.line, row: clash.line - 1 } : {}),
              column: clash.column,
              expected: 'an indicator/year/area no official source has, or --replace-official',
              found: `${r.areaCode} ${r.indicator} ${r.year}`,
            },
          },
        );
      }
    }
  }
}

/** Invariants every batch must satisfy before it is written. */
export function checkBatch(batch: ImportBatch): void {
  const keys = new ValueKeys();
  const validCodes = new Set<string>(); // a national batch has ~30 values per area: check each code once
  const checkedYears = new Set<number>();
  let lastCode: string | undefined; // the values of one row follow each other: one code
  for (const v of batch.values) {
    if (v.areaCode !== lastCode && !validCodes.has(v.areaCode)) {
      if (findAreaLevel(v.areaCode)) validCodes.add(v.areaCode);
      else {
        throw new AppError('AREA_CODE_INVALID', `value for '${v.areaCode}' has no valid area code`, {
          location: { file: batch.file, column: v.column },
        });
      }
    }
    lastCode = v.areaCode;
    if (!checkedYears.has(v.year) || !checkedYears.has(v.divisionYear)) {
      const where = () => ({
        file: batch.file,
        column: v.column,
        ...(v.line !== undefined ? { line: v.line } : {}),
      });
      checkPlausibleYear(v.year, where);
      checkPlausibleYear(v.divisionYear, where);
      checkedYears.add(v.year).add(v.divisionYear);
    }
    if (!keys.add(v.areaCode, v.divisionYear, v.indicator, v.year)) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `two values for ${v.areaCode}, indicator ${v.indicator}, year ${v.year} (one area appears twice)`,
        {
          location: { file: batch.file, column: v.column, ...(v.line !== undefined ? { line: v.line } : {}) },
        },
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
  private lastArea: string | undefined;
  private lastAreaNumber = -1;
  private lastIndicator: string | undefined;
  private lastSeries: Map<number, Uint8Array> | undefined;

  /** False when the key was seen before. */
  add(area: string, division: number, indicator: string, year: number): boolean {
    let a = area === this.lastArea ? this.lastAreaNumber : this.areas.get(area);
    if (a === undefined) this.areas.set(area, (a = this.areas.size));
    this.lastArea = area;
    this.lastAreaNumber = a;
    let byYear = indicator === this.lastIndicator ? this.lastSeries : this.series.get(indicator);
    if (!byYear) this.series.set(indicator, (byYear = new Map()));
    this.lastIndicator = indicator;
    this.lastSeries = byYear;
    const k = division * 4096 + year; // year is 1990–next year here
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
