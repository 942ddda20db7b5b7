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
  const known = batch.values
    .filter((i) => findCatalogueEntry(batch.values.indicator(i)) !== undefined)
    .toArray();
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
  const values = batch.values;
  const keys = new ValueKeys();
  const validCodes = new Uint8Array(values.areaCodes.length); // each distinct code checked once
  const checkedYears = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const code = values.areaCodeNumber(i);
    if (!validCodes[code]) {
      const areaCode = values.areaCodes[code]!;
      if (!findAreaLevel(areaCode))
        throw new AppError('AREA_CODE_INVALID', `value for '${areaCode}' has no valid area code`, {
          location: { file: batch.file, column: values.column(i) },
        });
      validCodes[code] = 1;
    }
    const year = values.year(i);
    const divisionYear = values.divisionYear(i);
    if (!checkedYears.has(year) || !checkedYears.has(divisionYear)) {
      const where = () => lineOf(batch, i);
      checkPlausibleYear(year, where);
      checkPlausibleYear(divisionYear, where);
      checkedYears.add(year).add(divisionYear);
    }
    if (!keys.add(code, divisionYear, values.indicatorNumber(i), year)) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `two values for ${values.areaCode(i)}, indicator ${values.indicator(i)}, year ${year} (one area appears twice)`,
        { location: lineOf(batch, i) },
      );
    }
  }
}

/** Where value i of the batch was read: file, column and, where kept, line. */
function lineOf(batch: ImportBatch, i: number): { file: string; column: string; line?: number } {
  const line = batch.values.line(i);
  return { file: batch.file, column: batch.values.column(i), ...(line !== undefined ? { line } : {}) };
}

/**
 * The value keys seen (area, division, indicator, year) without building a string per value: per
 * indicator and (division, year) a byte per area, by the batch's numbers of its codes and indicators. A national
 * KWB edition has ~560,000 values; a Set of joined strings (or of large numbers) costs far more.
 */
class ValueKeys {
  /** Per indicator number: its (division, year) sets, and the last one used. */
  private readonly series: { byKey: Map<number, Uint8Array>; lastKey: number; last: Uint8Array }[] = [];

  /** False when the key was seen before; area and indicator are the batch's numbers for them. */
  add(area: number, division: number, indicator: number, year: number): boolean {
    const k = division * 4096 + year; // year is 1990–next year here
    let series = this.series[indicator];
    if (!series) this.series[indicator] = series = { byKey: new Map(), lastKey: -1, last: new Uint8Array(0) };
    let seen = series.lastKey === k ? series.last : series.byKey.get(k);
    if (!seen || seen.length <= area) {
      const grown = new Uint8Array(Math.max(1024, 2 * (area + 1)));
      if (seen) grown.set(seen);
      series.byKey.set(k, (seen = grown));
    }
    series.lastKey = k;
    series.last = seen;
    if (seen[area]) return false;
    seen[area] = 1;
    return true;
  }
}
