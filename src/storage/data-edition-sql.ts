/**
 * The SQL parts of data editions that both stores share (table `data_editions`, migration 7 in
 * sqlite and postgres alike): the listed columns and their row, the label, the values of an
 * insert in column order, the retention update, and the stored content decoded. The stores differ
 * only in placeholders (`?` against `$n`) and in how they run a statement.
 */
import type { DataEditionContent, DataEditionRow, NewDataEdition } from './data-editions.js';
import type { EditionRow } from './store.js';
import { decodeBulkValues, encodeBulkValues } from './sqlite/bulk-snapshot.js';

/** The columns of a listed edition (no content). */
export const DATA_EDITION_LISTED = `id, label, created_at, division_year, import_ids, data_version, content_hash,
  bulk_values IS NOT NULL AS available`;

/** A listed row as the drivers return it (SQLite gives `available` as 0/1, PostgreSQL as a boolean). */
export interface DataEditionListedRow {
  id: number;
  label: string;
  created_at: string;
  division_year: number;
  import_ids: string;
  data_version: string;
  content_hash: string;
  available: number | boolean;
}

export function dataEditionRow(r: DataEditionListedRow): DataEditionRow {
  return {
    id: r.id,
    label: r.label,
    createdAt: r.created_at,
    divisionYear: r.division_year,
    importIds: JSON.parse(r.import_ids) as number[],
    dataVersion: r.data_version,
    contentHash: r.content_hash,
    available: r.available === true || r.available === 1,
  };
}

/** The pattern of the labels of `year`'s editions, to count them (SQL LIKE). */
export function editionLabelsOf(year: number): string {
  return `editie ${year}-%`;
}

/** The columns an insert fills, in the order of `dataEditionInsertValues`. */
export const DATA_EDITION_INSERTED = `label, created_at, division_year, import_ids, data_version, content_hash,
  source_editions, engine_config, buurten, gemeente_names, bulk_values`;

/** The values of a new edition, in the order of DATA_EDITION_INSERTED; `sameYear` editions of its year exist. */
export function dataEditionInsertValues(e: NewDataEdition, now: Date, sameYear: number): unknown[] {
  const c = e.content;
  return [
    `editie ${now.getUTCFullYear()}-${sameYear + 1}`,
    now.toISOString(),
    e.divisionYear,
    JSON.stringify(e.importIds),
    e.dataVersion,
    e.contentHash,
    JSON.stringify(c.sourceEditions),
    c.engineConfig === null ? null : JSON.stringify(c.engineConfig),
    JSON.stringify(c.buurten.map((b) => [b.code, b.name])),
    JSON.stringify(c.gemeenteNames),
    encodeBulkValues(c.values),
  ];
}

/** Drops the content of all editions but the newest N, N given by `placeholder`; rows stay. */
export function dropContentBeyondRetain(placeholder: string): string {
  return `UPDATE data_editions SET buurten = NULL, gemeente_names = NULL, bulk_values = NULL
   WHERE bulk_values IS NOT NULL AND id NOT IN (SELECT id FROM data_editions ORDER BY id DESC LIMIT ${placeholder})`;
}

/** How many editions keep their content: at least the newest. */
export function editionsKept(retain: number): number {
  return Math.max(1, Math.floor(retain));
}

/** The content columns of an edition that still has them, with the edition's id as `placeholder`. */
export function selectDataEditionContent(placeholder: string): string {
  return `SELECT source_editions, engine_config, buurten, gemeente_names, bulk_values FROM data_editions
   WHERE id = ${placeholder} AND bulk_values IS NOT NULL`;
}

export interface StoredDataEditionContent {
  source_editions: string;
  engine_config: string | null;
  buurten: string;
  gemeente_names: string;
  bulk_values: Uint8Array;
}

export function dataEditionContent(r: StoredDataEditionContent): DataEditionContent {
  return {
    buurten: (JSON.parse(r.buurten) as [string, string][]).map(([code, name]) => ({
      code,
      name,
      gemeente: `GM${code.slice(2, 6)}`,
    })),
    gemeenteNames: JSON.parse(r.gemeente_names) as [string, string][],
    sourceEditions: JSON.parse(r.source_editions) as EditionRow[],
    engineConfig: r.engine_config === null ? null : (JSON.parse(r.engine_config) as unknown),
    values: decodeBulkValues(r.bulk_values),
  };
}
