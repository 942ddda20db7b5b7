/**
 * Turning 50090NED rows — from the untyped CSV or the OData JSON, behind one accessor — into an
 * ImportBatch: adults 18+ point estimates only (rivm-measures.ts), the land row skipped, codes
 * checked (AREA_CODE_INVALID with the row), one row per area and year (CSV_DUPLICATE_ROW),
 * empty cells null + suppressed, measures not asked in a year left out (unpublished-values.ts).
 */
import { AppError, type FileLocation } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import {
  VALUE_FLAGS,
  emptyBatch,
  type ImportBatch,
  type ParsedArea,
  type SourceEdition,
} from '../../../core/records.js';
import { parseCell } from '../../cell-value.js';
import { keyStem } from '../../odata-json.js';
import { areaFromCode } from '../../parsed-area.js';
import { checkPlausibleValue, checkPlausibleYear, isPlausible } from '../../plausible-values.js';
import { dropUnpublished } from '../../unpublished-values.js';
import {
  RIVM_ADULTS,
  RIVM_AGE_LABELS,
  RIVM_MEASURES,
  RIVM_POINT_ESTIMATE,
  RIVM_TABLE,
} from './rivm-measures.js';

/** Row access independent of the file format. */
export interface RivmRows {
  file: string;
  checksum: string;
  keys: readonly string[];
  count: number;
  get(i: number, key: string): unknown;
  /** Area name from a dimension list, when the format carries one (OData JSON). */
  areaName?(code: string): string | undefined;
  where(i: number, key: string): FileLocation;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** The edition record of 50090NED on a division year. */
export function rivmEdition(divisionYear: number): SourceEdition {
  return {
    source: 'rivm',
    edition: `RIVM/CBS Gezondheidsmonitor ${RIVM_TABLE} (indeling ${divisionYear})`,
    table: RIVM_TABLE,
    publisher: "RIVM, GGD'en en CBS",
    divisionYear,
  };
}

/** One row, read through the accessors of its format. */
export interface RivmRow {
  get(key: string): unknown;
  where(key: string): FileLocation;
}

/** Builds the batch of rows given one at a time (in order): `finish` gives the batch. */
export interface RivmBatchBuilder {
  addRow(i: number, row: RivmRow): void;
  finish(rowCount: number): ImportBatch;
}

export function buildRivmBatch(rows: RivmRows, divisionYear: number): ImportBatch {
  const builder = startRivmBatch(rows, divisionYear);
  let i = 0;
  const row: RivmRow = { get: (key) => rows.get(i, key), where: (key) => rows.where(i, key) };
  for (; i < rows.count; i++) builder.addRow(i, row);
  return builder.finish(rows.count);
}

/**
 * The batch builder of a file with columns `keys`: CSV_NO_KNOWN_COLUMNS when a dimension is
 * missing. Row i is read only during addRow, so a caller may hand the rows over as it reads them.
 */
export function startRivmBatch(
  rows: Pick<RivmRows, 'file' | 'checksum' | 'keys' | 'areaName'>,
  divisionYear: number,
): RivmBatchBuilder {
  const codeKey =
    rows.keys.find((k) => k === 'WijkenEnBuurten') ?? rows.keys.find((k) => keyStem(k) === 'Codering');
  const gmNameKey = rows.keys.find((k) => keyStem(k) === 'Gemeentenaam');
  const yearKey = ['Perioden', 'jaar'].find((k) => rows.keys.includes(k));
  for (const [key, what] of [
    [codeKey, 'WijkenEnBuurten'],
    [yearKey, 'Perioden'],
    ['Leeftijd'],
    ['Marges'],
  ] as const) {
    if (key === undefined || !rows.keys.includes(key)) {
      throw new AppError('CSV_NO_KNOWN_COLUMNS', `a ${RIVM_TABLE} file needs the column '${what ?? key}'`, {
        location: {
          file: rows.file,
          line: 1,
          column: what ?? key ?? '',
          expected: 'the 50090NED dimensions',
        },
      });
    }
  }
  const measures = rows.keys.filter((k) => RIVM_MEASURES[keyStem(k)] !== undefined);
  const indicators = measures.map((m) => RIVM_MEASURES[keyStem(m)]!); // per measure, not per cell
  const batch = emptyBatch(rows.file, rows.checksum, rivmEdition(divisionYear));
  const skipped = new Map<string, number>();
  const skip = (why: string): void => void skipped.set(why, (skipped.get(why) ?? 0) + 1);
  // the reason per age group, built once: most rows of a national file are of another age group
  const ageReasons = new Map<string, string>();
  const ageReason = (age: string): string => {
    let why = ageReasons.get(age);
    if (why === undefined) {
      why = `age group ${age}${RIVM_AGE_LABELS[age] ? ` (${RIVM_AGE_LABELS[age]})` : ''}: only 18+ is imported`;
      ageReasons.set(age, why);
    }
    return why;
  };
  const plausibleYears = new Set<number>();
  const areas = new Map<string, ParsedArea>();
  const seen = new Map<string, number>();
  const addRow = (i: number, row: RivmRow): void => {
    const age = text(row.get('Leeftijd'));
    if (text(row.get('Marges')) !== RIVM_POINT_ESTIMATE) {
      skip('margins other than the point estimate (Marges ≠ MW00000)');
      return;
    }
    if (age !== RIVM_ADULTS) {
      skip(ageReason(age));
      return;
    }
    const code = text(row.get(codeKey!)).toUpperCase();
    if (/^NL\d*$/.test(code)) {
      skip('the land row (NL01)');
      return;
    }
    const level = findAreaLevel(code);
    if (!level)
      throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
        location: { ...row.where(codeKey!), expected: 'GMgggg, WKggggww or BUggggwwbb' },
      });
    const year = yearOf(row, yearKey!);
    if (!plausibleYears.has(year)) {
      checkPlausibleYear(year, () => row.where(yearKey!));
      plausibleYears.add(year);
    }
    const key = `${code}|${year}`;
    if (seen.has(key)) {
      throw new AppError(
        'CSV_DUPLICATE_ROW',
        `${code}, ${year} (18+, point estimate) occurs twice (first in row ${seen.get(key)! + 1})`,
        {
          location: { ...row.where(codeKey!), expected: 'each area and year once' },
        },
      );
    }
    seen.set(key, i);
    noteAreas(
      areas,
      code,
      level,
      gmNameKey ? text(row.get(gmNameKey)) : '',
      rows.areaName?.(code) ?? null,
      divisionYear,
    );
    for (let k = 0; k < measures.length; k++) {
      const m = measures[k]!;
      const cell = parseCell(row.get(m) as string | number | null | undefined);
      if (cell.kind === 'invalid')
        throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
          location: { ...row.where(m), expected: 'a percentage, or empty' },
        });
      const value = cell.kind === 'number' ? cell.value : null;
      const indicator = indicators[k]!;
      if (value !== null && !isPlausible(indicator, value))
        checkPlausibleValue(indicator, value, () => row.where(m));
      batch.values.add(
        code,
        year,
        indicator,
        value,
        value === null ? VALUE_FLAGS.suppressed : 0,
        m,
        divisionYear,
      );
    }
  };
  const finish = (rowCount: number): ImportBatch => {
    for (const [why, n] of skipped)
      batch.warnings.push({ code: 'ROWS_SKIPPED', message: `${n} rows skipped: ${why}`, file: rows.file });
    batch.values = dropUnpublished(batch.values, rows.file, batch.warnings);
    batch.areas = [...areas.values()];
    batch.rowsRead = rowCount;
    return batch;
  };
  return { addRow, finish };
}

function yearOf(row: RivmRow, key: string): number {
  const raw = text(row.get(key));
  const m = /^((?:19|20)\d{2})(JJ00)?$/.exec(raw);
  if (!m)
    throw new AppError('YEAR_UNKNOWN', 'not a year period', {
      location: { ...row.where(key), expected: 'a period like 2020JJ00' },
    });
  return Number(m[1]);
}

/** The area itself; gemeente rows carry their name, and every row names its gemeente. */
function noteAreas(
  areas: Map<string, ParsedArea>,
  code: string,
  level: 'gemeente' | 'wijk' | 'buurt',
  gemeenteName: string,
  name: string | null,
  divisionYear: number,
): void {
  if (level === 'gemeente') {
    areas.set(code, areaFromCode(code, level, name ?? (gemeenteName || null), divisionYear));
    return;
  }
  if (!areas.has(code)) areas.set(code, areaFromCode(code, level, name, divisionYear));
  const gm = `GM${code.slice(2, 6)}`;
  if (!areas.has(gm) && gemeenteName) areas.set(gm, areaFromCode(gm, 'gemeente', gemeenteName, divisionYear));
}
