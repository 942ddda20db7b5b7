/**
 * Reading CBS OData v3 JSON in the two forms Veerkracht meets:
 *   - the combined file `veerkracht fetch` caches per table:
 *       { "table": "50090NED", "DataProperties": [...], "TypedDataSet": [...] }
 *   - one raw OData page: { "odata.metadata": ".../50090NED/$metadata#Cbs.OData.TypedDataSet", "value": [...] }
 * Keys in the rows keep their edition-specific suffix (`Eenzaam_28`); callers resolve them by
 * stem (`keyStem`) or DataProperties title, never by suffix. String cells are trimmed by callers
 * (CBS pads dimension keys: `"GM1680    "`).
 */
import { AppError } from '../core/app-error.js';
import type { InputFile } from './input-file.js';
import { tooLarge } from './input-limits.js';
import { parseJsonFile } from './json-text.js';

/** One entry of an OData table's DataProperties (only the members Veerkracht uses). */
export interface ODataProperty {
  Key: string;
  Title?: string;
  Type?: string;
  Unit?: string;
  /** Division year of a GeoDimension (e.g. WijkenEnBuurten). */
  MapYear?: string | number | null;
}

export type ODataRow = Record<string, unknown>;

export interface ODataTable {
  /** Table id (`50090NED`) from the `table` member or the metadata URL, when present. */
  table: string | undefined;
  properties: ODataProperty[];
  rows: ODataRow[];
  /** Area names from the optional `WijkenEnBuurten` dimension list (Key → Title) of the combined file. */
  areaNames: Map<string, string>;
}

/** A CBS table id (`50090NED`) in a string, upper-cased. */
export function findODataTableId(s: string): string | undefined {
  return /(?<![0-9A-Z])(\d{5}(?:NED|ENG))(?![0-9A-Z])/i.exec(s)?.[1]?.toUpperCase();
}

/** The key without its numeric suffix: `MoeiteMetRondkomen_38` → `MoeiteMetRondkomen`. */
export function keyStem(key: string): string {
  return key.replace(/_\d+$/, '');
}

/**
 * True when the file looks like OData JSON of `tableId` (by the `table` member or metadata URL
 * in the first bytes), or — when no id is visible — has all of `keys` in its first bytes.
 */
export function looksLikeODataJson(file: InputFile, tableId: string, keys: readonly string[]): boolean {
  if (!/\.json$/i.test(file.name) || !file.head.trimStart().startsWith('{')) return false;
  const head = file.head;
  if (!/"(TypedDataSet|value|DataProperties)"/.test(head)) return false;
  const id = findODataTableId(/"(?:table|odata\.metadata)"\s*:\s*"([^"]*)"/.exec(head)?.[1] ?? '');
  if (id !== undefined) return id === tableId;
  return keys.every((k) => head.includes(`"${k}"`));
}

/** Parses either form; throws JSON_MALFORMED naming the file when it is not one of them. */
export function readODataJson(file: InputFile): ODataTable {
  const doc = parseJsonFile(file, 'a CBS OData JSON document');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new AppError('JSON_MALFORMED', 'expected a JSON object', { location: { file: file.name } });
  }
  const o = doc as Record<string, unknown>;
  const rows = o['TypedDataSet'] ?? o['value'];
  if (Array.isArray(rows) && rows.length > file.limits.maxRows)
    throw tooLarge(
      { file: file.name },
      'the number of records',
      `${file.limits.maxRows} records`,
      `${rows.length}`,
    );
  if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new AppError('JSON_MALFORMED', "expected an array of row objects in 'TypedDataSet' or 'value'", {
      location: { file: file.name, column: 'TypedDataSet', expected: 'an array of objects' },
    });
  }
  const props = o['DataProperties'];
  const properties = Array.isArray(props)
    ? (props.filter((p) => typeof p === 'object' && p !== null && 'Key' in p) as ODataProperty[])
    : [];
  const idSource =
    typeof o['table'] === 'string'
      ? o['table']
      : typeof o['odata.metadata'] === 'string'
        ? o['odata.metadata']
        : '';
  const areaNames = new Map<string, string>();
  const dim = o['WijkenEnBuurten'];
  for (const d of Array.isArray(dim) ? (dim as Record<string, unknown>[]) : []) {
    if (typeof d?.['Key'] === 'string' && typeof d['Title'] === 'string')
      areaNames.set(d['Key'].trim().toUpperCase(), d['Title'].trim());
  }
  return { table: findODataTableId(idSource), properties, rows: rows as ODataRow[], areaNames };
}

/** The MapYear of the table's GeoDimension (the division year of its area codes), if given. */
export function findMapYear(properties: readonly ODataProperty[]): number | undefined {
  const geo = properties.find((p) => p.Type === 'GeoDimension' || p.Key === 'WijkenEnBuurten');
  const y = Number(geo?.MapYear);
  return Number.isInteger(y) && y > 1990 ? y : undefined;
}
