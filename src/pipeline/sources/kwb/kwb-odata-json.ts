/**
 * CBS OData v3 JSON of a KWB table, in two forms:
 *   - a TypedDataSet response (`{"odata.metadata": ".../84286NED/$metadata#...", "value": [...]}`)
 *     with its DataProperties in the same folder (`84286NED_DataProperties.json` or
 *     `DataProperties.json`, plain array or OData `{"value": [...]}`);
 *   - the combined cache file the downloader writes:
 *     `{ "table": "84286NED", "DataProperties": [...], "TypedDataSet": [...], "WijkenEnBuurten"?: [{"Key","Title"}] }`.
 * Columns are resolved by their DataProperties title (the path of group titles, e.g.
 * "Wonen/Woningen naar eigendom/Huurwoningen/In bezit woningcorporatie"), falling back to the key
 * stem; never by the numeric suffix. A column whose DataProperties unit contradicts the
 * indicator's unit (% vs count) is skipped with a COLUMN_UNIT_MISMATCH warning.
 * Year: the KWB table id (a different --year is ignored with YEAR_FROM_TABLE), else --year, else the
 * file name; otherwise YEAR_UNKNOWN.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../core/app-error.js';
import { findAreaLevel } from '../../../core/area-code.js';
import {
  emptyBatch,
  VALUE_FLAGS,
  type ImportBatch,
  type ImportWarning,
  type ParsedArea,
} from '../../../core/records.js';
import { ValueColumns } from '../../../core/value-columns.js';
import { findCatalogueEntry } from '../../../domain/indicator-catalogue.js';
import { parseCell } from '../../cell-value.js';
import { readInputFile, type InputFile } from '../../input-file.js';
import { tooLarge } from '../../input-limits.js';
import { parseJsonFile } from '../../json-text.js';
import { checkPlausibleValue, isPlausible } from '../../plausible-values.js';
import { dropUnpublished } from '../../unpublished-values.js';
import type { SourceParser } from '../../source-parser.js';
import { keyStem, resolveODataColumn, type KwbMetaRole } from './column-aliases.js';
import { findKwbYearOfTable, findTableId, kwbEdition, resolveKwbYear } from './kwb-edition.js';
import { areaOf } from './kwb-table.js';

/** One entry of a CBS DataProperties list. */
export interface DataProperty {
  ID?: number;
  ParentID?: number | null;
  Type?: string;
  Key: string;
  Title?: string;
  Unit?: string | null;
}

type Row = Record<string, unknown>;

interface ODataInput {
  table: string | undefined;
  properties: DataProperty[] | undefined;
  rows: Row[];
  names: Map<string, string>;
}

interface PlannedColumn {
  key: string;
  indicator: string;
}

function malformed(file: InputFile, message: string, cause?: unknown): AppError {
  return new AppError('JSON_MALFORMED', message, {
    location: { file: file.name, expected: 'CBS OData TypedDataSet JSON (see docs/data-sources.md)' },
    cause,
  });
}

function listOf(x: unknown): Row[] | undefined {
  if (Array.isArray(x)) return x as Row[];
  if (x && typeof x === 'object' && Array.isArray((x as Row)['value'])) return (x as Row)['value'] as Row[];
  return undefined;
}

/** DataProperties next to a TypedDataSet file: `<table>_DataProperties.json` or `DataProperties.json` (optionally .gz). */
function readSiblingProperties(file: InputFile, table: string | undefined): DataProperty[] | undefined {
  const dir = dirname(file.path);
  const names = [...(table ? [`${table}_DataProperties.json`] : []), 'DataProperties.json'];
  for (const name of names.flatMap((n) => [n, `${n}.gz`])) {
    const path = join(dir, name);
    if (existsSync(path)) {
      const sibling = readInputFile(path, file.limits);
      return listOf(parseJsonFile(sibling, 'a CBS DataProperties list')) as DataProperty[] | undefined;
    }
  }
  return undefined;
}

function readODataInput(file: InputFile): ODataInput {
  const json = parseJsonFile(file, 'CBS OData TypedDataSet JSON (see docs/data-sources.md)') as Row;
  if (!json || typeof json !== 'object') throw malformed(file, 'the JSON is not an object');
  const combined = Array.isArray(json['TypedDataSet']);
  const rows = combined ? (json['TypedDataSet'] as Row[]) : listOf(json);
  if (rows && rows.length > file.limits.maxRows)
    throw tooLarge(
      { file: file.name },
      'the number of records',
      `${file.limits.maxRows} records`,
      `${rows.length}`,
    );
  if (rows?.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    throw malformed(file, 'a TypedDataSet record is not an object');
  if (!rows)
    throw malformed(
      file,
      'no TypedDataSet rows: expected {"value": [...]} or {"table", "DataProperties", "TypedDataSet"}',
    );
  const table =
    (typeof json['table'] === 'string' ? findTableId(json['table']) : undefined) ??
    findTableId(String(json['odata.metadata'] ?? '')) ??
    findTableId(file.name);
  const properties = combined
    ? (listOf(json['DataProperties']) as DataProperty[] | undefined)
    : readSiblingProperties(file, table);
  const names = new Map<string, string>();
  for (const d of listOf(json['WijkenEnBuurten']) ?? []) {
    if (typeof d['Key'] === 'string' && typeof d['Title'] === 'string')
      names.set(d['Key'].trim().toUpperCase(), d['Title'].trim());
  }
  return { table, properties, rows, names };
}

/** The title path of a property: its own title preceded by the titles of its parent groups. */
function titlePath(p: DataProperty, byId: Map<number, DataProperty>): string | undefined {
  if (p.Title === undefined) return undefined;
  const parts = [p.Title];
  let parent = p.ParentID ?? undefined;
  for (let guard = 0; parent !== undefined && parent !== null && guard < 10; guard++) {
    const group = byId.get(parent);
    if (!group?.Title) break;
    parts.unshift(group.Title);
    parent = group.ParentID ?? undefined;
  }
  return parts.join('/');
}

function unitContradicts(indicator: string, unit: string | null | undefined): boolean {
  const u = (unit ?? '').trim().toLowerCase();
  const expected = findCatalogueEntry(indicator)?.unit;
  if (u === '' || expected === undefined) return false;
  if (u === '%') return expected !== 'percent';
  return expected === 'percent' && u === 'aantal';
}

function planColumns(
  file: InputFile,
  input: ODataInput,
  warnings: ImportWarning[],
): { values: PlannedColumn[]; meta: Partial<Record<KwbMetaRole, string>> } {
  const keys = Object.keys(input.rows[0] ?? {});
  const meta: Partial<Record<KwbMetaRole, string>> = {};
  const values: PlannedColumn[] = [];
  const seen = new Set<string>();
  const props = input.properties ?? keys.map((Key) => ({ Key }) as DataProperty);
  if (!input.properties) {
    warnings.push({
      code: 'ODATA_NO_DATAPROPERTIES',
      message: 'no DataProperties found: columns resolved by key stem only',
      file: file.name,
    });
  }
  const byId = new Map(props.filter((p) => p.ID !== undefined).map((p) => [p.ID!, p]));
  for (const p of props) {
    if (typeof p.Key !== 'string' || !keys.includes(p.Key)) continue;
    const col = resolveODataColumn(p.Key, titlePath(p, byId));
    if (!col) continue;
    if (col.kind === 'meta') {
      meta[col.role] ??= p.Key;
    } else if (unitContradicts(col.indicator, p.Unit)) {
      warnings.push({
        code: 'COLUMN_UNIT_MISMATCH',
        message: `${p.Key} ('${p.Title ?? ''}', unit ${p.Unit}) looks like ${col.indicator} but has another unit; skipped`,
        file: file.name,
        column: p.Key,
      });
    } else if (!seen.has(col.indicator)) {
      seen.add(col.indicator);
      values.push({ key: p.Key, indicator: col.indicator });
    }
  }
  const codeKey =
    meta.code ?? keys.find((k) => k === 'WijkenEnBuurten') ?? keys.find((k) => keyStem(k) === 'Codering');
  if (codeKey !== undefined) meta.code = codeKey;
  return { values, meta };
}

function cellValue(
  file: InputFile,
  raw: unknown,
  row: number,
  column: string,
  indicator: string,
): { value: number | null; flags: number } {
  if (raw === null || raw === undefined) return { value: null, flags: VALUE_FLAGS.suppressed };
  const cell =
    typeof raw === 'number'
      ? ({ kind: 'number', value: raw } as const)
      : typeof raw === 'string'
        ? parseCell(raw)
        : ({ kind: 'invalid', raw: JSON.stringify(raw) } as const);
  if (cell.kind === 'number') {
    if (!isPlausible(indicator, cell.value))
      checkPlausibleValue(indicator, cell.value, () => ({ file: file.name, row, column }));
    return { value: cell.value, flags: 0 };
  }
  if (cell.kind === 'missing') return { value: null, flags: VALUE_FLAGS.suppressed };
  throw new AppError('VALUE_NOT_A_NUMBER', 'not a number', {
    location: { file: file.name, row, column, expected: 'a number or null', found: cell.raw },
  });
}

function rowArea(
  file: InputFile,
  row: Row,
  i: number,
  codeKey: string,
  gmNameKey: string | undefined,
  names: Map<string, string>,
  year: number,
): ParsedArea | undefined {
  const raw = String(row[codeKey] ?? '')
    .trim()
    .toUpperCase();
  if (raw === '' || /^NL\d*$/.test(raw)) return undefined;
  const level = findAreaLevel(raw);
  if (!level) {
    throw new AppError('AREA_CODE_INVALID', 'not a CBS area code', {
      location: {
        file: file.name,
        row: i + 1,
        column: codeKey,
        expected: 'GMgggg, WKggggww or BUggggwwbb',
        found: raw,
      },
    });
  }
  const gmName =
    gmNameKey !== undefined && typeof row[gmNameKey] === 'string' ? (row[gmNameKey] as string) : null;
  return areaOf(raw, level, names.get(raw) ?? (level === 'gemeente' ? gmName : null), year);
}

/** Parses a KWB OData JSON file into a batch. */
export async function parseKwbODataJson(file: InputFile, ctxYear: number | undefined): Promise<ImportBatch> {
  const input = readODataInput(file);
  const year = resolveKwbYear(file.name, ctxYear, input.table);
  const table =
    input.table !== undefined && findKwbYearOfTable(input.table) === year ? input.table : undefined;
  const batch = emptyBatch(file.name, file.checksum, kwbEdition(year, table));
  if (ctxYear !== undefined && ctxYear !== year) {
    batch.warnings.push({
      code: 'YEAR_FROM_TABLE',
      message: `--year ${ctxYear} ignored: table ${input.table} is KWB ${year}`,
      file: file.name,
    });
  }
  const { values: columns, meta } = planColumns(file, input, batch.warnings);
  if (!meta.code) throw malformed(file, 'the rows have no WijkenEnBuurten or Codering column');
  if (columns.length === 0) {
    throw new AppError('CSV_NO_KNOWN_COLUMNS', 'no column of this TypedDataSet is a known KWB variable', {
      location: { file: file.name, expected: 'KWB topics such as InBezitWoningcorporatie' },
    });
  }
  const areas: ParsedArea[] = [];
  const values = new ValueColumns();
  const seen = new Map<string, number>();
  input.rows.forEach((row, i) => {
    const area = rowArea(file, row, i, meta.code!, meta.gemeenteName, input.names, year);
    if (!area) return;
    const earlier = seen.get(area.code);
    if (earlier !== undefined) {
      throw new AppError('CSV_DUPLICATE_ROW', `${area.code} occurs twice (records ${earlier} and ${i + 1})`, {
        location: { file: file.name, row: i + 1, column: meta.code!, found: area.code },
      });
    }
    seen.set(area.code, i + 1);
    areas.push(area);
    for (const c of columns) {
      const { value, flags } = cellValue(file, row[c.key], i + 1, c.key, c.indicator);
      values.push({
        areaCode: area.code,
        year,
        indicator: c.indicator,
        value,
        flags,
        column: c.key,
        divisionYear: year,
      });
    }
  });
  batch.areas = areas;
  batch.values = dropUnpublished(values, file.name, batch.warnings);
  batch.rowsRead = input.rows.length;
  return batch;
}

/** KWB OData v3 JSON (TypedDataSet + DataProperties, or the combined cache form). */
export const kwbODataJsonParser: SourceParser = {
  kind: 'kwb',
  layout: 'kwb-odata-json',
  order: 2,
  detect(file) {
    if (!/\.json$/i.test(file.name) || /dataproperties/i.test(file.name)) return 0;
    const head = file.head;
    const table = findTableId(head.slice(0, 4000)) ?? findTableId(file.name);
    const isOData =
      head.includes('"TypedDataSet"') ||
      head.includes('"DataProperties"') ||
      head.includes('"odata.metadata"');
    if (!isOData) return 0;
    if (table !== undefined) return findKwbYearOfTable(table) !== undefined ? 0.95 : 0;
    return /"WijkenEnBuurten"/.test(head) && /"(SoortRegio|AantalInwoners|Gemeentenaam)_\d+"/.test(head)
      ? 0.9
      : 0;
  },
  async parse(file, ctx) {
    return parseKwbODataJson(file, ctx.year);
  },
};
