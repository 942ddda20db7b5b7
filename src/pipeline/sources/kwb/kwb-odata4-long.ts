/**
 * CBS OData v4 "long" format of a KWB table: one observation per row —
 *   JSON  {"@odata.context": ".../85984NED/$metadata#Observations", "value": [{"Id", "Measure",
 *          "ValueAttribute", "Value", "WijkenEnBuurten"}, ...]}
 *   CSV   the same columns as pandas or R save them (`Id,Measure,ValueAttribute,Value,WijkenEnBuurten`),
 *         often merged with MeasureCodes so that a `Title` column names the measure.
 * A measure is resolved by its CBS title — from the `Title` column, from a MeasureCodes list
 * beside the file (`<table>_MeasureCodes.json` or `MeasureCodes.json`, `Identifier` → `Title`),
 * or because the `Measure` column already holds titles — through the one normalisation of
 * titles; measure codes are never guessed. The observations are pivoted into a table with one
 * column per measure and read like any other KWB table (kwb-table.ts): codes before names, the
 * same year rules, ranges and unpublished columns. Values are checked on their own line first,
 * so errors name the line of the observation. A null Value (any ValueAttribute) is missing.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError, type FileLocation } from '../../../core/app-error.js';
import type { ImportBatch } from '../../../core/records.js';
import { parseCell } from '../../cell-value.js';
import { findHeader, hasHeader } from '../../column-title.js';
import { csvHeaderOf } from '../../csv-header.js';
import { readCsvTable } from '../../csv-table.js';
import { readInputFile, type InputFile } from '../../input-file.js';
import { tooLarge } from '../../input-limits.js';
import { parseJsonFile } from '../../json-text.js';
import { checkPlausibleValue } from '../../plausible-values.js';
import type { ParseContext, SourceParser } from '../../source-parser.js';
import { resolveKwbHeader } from './column-aliases.js';
import { findKwbYearOfTable, findTableId } from './kwb-edition.js';
import { parseKwbTable, type Cell, type KwbTable } from './kwb-table.js';

/** One observation, wherever it came from. */
interface Observation {
  region: string;
  measure: string;
  /** The measure's title when the row carries it (a merged `Title` column). */
  title?: string;
  value: unknown;
  where: FileLocation;
}

interface LongTable {
  table: string | undefined;
  observations: Observation[];
  /** MeasureCodes: Identifier → Title. */
  titles: Map<string, string>;
}

const REGION_COLUMNS = ['WijkenEnBuurten', 'RegioS', 'Codering', 'gwb_code', 'Regio', 'code'];

function listOf(x: unknown): Record<string, unknown>[] | undefined {
  const list = Array.isArray(x) ? x : (x as { value?: unknown } | null)?.value;
  return Array.isArray(list)
    ? (list.filter((r) => typeof r === 'object' && r !== null) as Record<string, unknown>[])
    : undefined;
}

/** MeasureCodes beside the file: `<table>_MeasureCodes.json` or `MeasureCodes.json` (optionally .gz). */
function siblingTitles(file: InputFile, table: string | undefined): Map<string, string> {
  const names = [...(table ? [`${table}_MeasureCodes.json`] : []), 'MeasureCodes.json'];
  for (const name of names.flatMap((n) => [n, `${n}.gz`])) {
    const path = join(dirname(file.path), name);
    if (!existsSync(path)) continue;
    const list =
      listOf(parseJsonFile(readInputFile(path, file.limits), 'a CBS OData v4 MeasureCodes list')) ?? [];
    return new Map(
      list
        .filter((m) => typeof m['Identifier'] === 'string' && typeof m['Title'] === 'string')
        .map((m) => [(m['Identifier'] as string).trim(), m['Title'] as string]),
    );
  }
  return new Map();
}

function readJsonLong(file: InputFile): LongTable {
  const doc = parseJsonFile(file, 'CBS OData v4 Observations JSON') as Record<string, unknown> | null;
  const rows = doc && typeof doc === 'object' ? listOf(doc['Observations'] ?? doc) : undefined;
  if (!rows) {
    throw new AppError('JSON_MALFORMED', 'expected {"value": [observations]} (CBS OData v4 Observations)', {
      location: {
        file: file.name,
        expected: 'an array of observations with Measure, Value and WijkenEnBuurten',
      },
    });
  }
  if (rows.length > file.limits.maxRows)
    throw tooLarge(
      { file: file.name },
      'the number of observations',
      `${file.limits.maxRows}`,
      `${rows.length}`,
    );
  const context = String(doc?.['@odata.context'] ?? doc?.['table'] ?? '');
  const table = findTableId(context) ?? findTableId(file.name);
  const regionKey = REGION_COLUMNS.find((k) => rows[0] && k in rows[0]) ?? 'WijkenEnBuurten';
  const embedded = listOf(doc?.['MeasureCodes']) ?? [];
  const titles = embedded.length
    ? new Map(embedded.map((m) => [String(m['Identifier']).trim(), String(m['Title'])]))
    : siblingTitles(file, table);
  const observations = rows.map((r, i) => ({
    region: String(r[regionKey] ?? '').trim(),
    measure: String(r['Measure'] ?? '').trim(),
    value: r['Value'],
    where: { file: file.name, row: i + 1, column: String(r['Measure'] ?? 'Measure') },
  }));
  return { table, observations, titles };
}

function readCsvLong(file: InputFile): LongTable {
  const t = readCsvTable(file);
  const col = (name: string): number | undefined => findHeader(t.header, name);
  const measureAt = col('Measure');
  const valueAt = col('Value');
  const regionAt = REGION_COLUMNS.map(col).find((c) => c !== undefined);
  const titleAt = col('Title');
  if (measureAt === undefined || valueAt === undefined || regionAt === undefined) {
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      'an OData v4 long file needs the columns Measure, Value and WijkenEnBuurten',
      {
        location: {
          file: file.name,
          line: 1,
          expected: 'Measure, Value and a region column (WijkenEnBuurten)',
        },
      },
    );
  }
  const table = findTableId(file.name);
  return {
    table,
    titles: siblingTitles(file, table),
    observations: t.rows.map((r, i) => ({
      region: (r[regionAt] ?? '').trim(),
      measure: (r[measureAt] ?? '').trim(),
      ...(titleAt !== undefined ? { title: r[titleAt] ?? '' } : {}),
      value: r[valueAt],
      where: { file: file.name, line: t.lineOf(i), row: i + 1, column: t.header[valueAt]! },
    })),
  };
}

/** Pivots the observations into one row per region and one column per measure title. */
function pivot(file: InputFile, long: LongTable): KwbTable {
  const titleOf = (o: Observation): string => o.title?.trim() || long.titles.get(o.measure) || o.measure;
  const columns = new Map<string, number>(); // title → column index (from 1)
  const rows = new Map<string, { cells: Cell[]; line: number }>();
  const seen = new Set<string>();
  for (const o of long.observations) {
    if (o.region === '' && o.measure === '') continue;
    const title = titleOf(o);
    const resolved = resolveKwbHeader(title);
    if (resolved?.kind !== 'indicator') continue; // measures Veerkracht does not import
    const where = { ...o.where, column: title };
    const key = `${o.region}\u0000${title}`;
    if (seen.has(key)) {
      throw new AppError('CSV_DUPLICATE_ROW', `${o.region}, '${title}' occurs twice`, {
        location: { ...where, expected: 'each region and measure once', found: o.region },
      });
    }
    seen.add(key);
    const raw = o.value === null || o.value === undefined ? '' : o.value;
    const cell = typeof raw === 'number' ? ({ kind: 'number', value: raw } as const) : parseCell(String(raw));
    if (cell.kind === 'invalid') {
      throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
        location: { ...where, expected: 'a number, or empty/null for missing', found: String(raw) },
      });
    }
    if (cell.kind === 'number') checkPlausibleValue(resolved.indicator, cell.value, () => where);
    if (!columns.has(title)) columns.set(title, columns.size + 1);
    let row = rows.get(o.region);
    if (!row) rows.set(o.region, (row = { cells: [o.region], line: o.where.line ?? o.where.row ?? 0 }));
    row.cells[columns.get(title)!] = cell.kind === 'number' ? cell.value : null;
  }
  if (columns.size === 0) {
    const codes = long.observations
      .slice(0, 3)
      .map((o) => o.measure)
      .join(', ');
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      long.titles.size === 0 && /^[A-Z]?\d/.test(codes)
        ? `the measures are codes (${codes}) and no MeasureCodes list names them: put <table>_MeasureCodes.json beside the file, or save the titles with the observations`
        : 'no measure of this file is a known KWB variable',
      {
        location: { file: file.name, column: 'Measure', expected: 'KWB measures by CBS title', found: codes },
      },
    );
  }
  const list = [...rows.values()];
  return {
    header: ['WijkenEnBuurten', ...columns.keys()],
    rows: list.map((r) => r.cells),
    lineOf: (i) => list[i]?.line ?? i + 2,
  };
}

/** KWB in OData v4 long format (JSON Observations, or a long CSV). */
export const kwbODataV4LongParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-odata4-long',
  order: 2,
  detect(file) {
    if (/\.json$/i.test(file.name)) {
      const head = file.head;
      return /"Measure"\s*:/.test(head) &&
        /"Value"\s*:/.test(head) &&
        /"(WijkenEnBuurten|RegioS)"\s*:/.test(head)
        ? 0.9
        : 0;
    }
    const h = csvHeaderOf(file);
    return hasHeader(h, 'Measure') && hasHeader(h, 'Value') && REGION_COLUMNS.some((c) => hasHeader(h, c))
      ? 0.9
      : 0;
  },
  async parse(file: InputFile, ctx: ParseContext): Promise<ImportBatch> {
    const long = /\.json$/i.test(file.name) ? readJsonLong(file) : readCsvLong(file);
    const table =
      long.table !== undefined && findKwbYearOfTable(long.table) !== undefined ? long.table : undefined;
    return parseKwbTable(file, pivot(file, long), ctx, table);
  },
};
