/**
 * Data editions on SQLite (table `data_editions`, migration 7): the frozen bulk read as one BLOB
 * (the layout of bulk-snapshot.ts), the buurten and names as JSON. Retention sets the content
 * columns of older editions to NULL; their row stays, so an old link can say the edition is gone.
 */
import type Database from 'better-sqlite3';
import type {
  DataEditionContent,
  DataEditionRow,
  DataEditionStore,
  NewDataEdition,
} from '../data-editions.js';
import type { EditionRow } from '../store.js';
import { decodeBulkValues, encodeBulkValues } from './bulk-snapshot.js';

interface Row {
  id: number;
  label: string;
  created_at: string;
  division_year: number;
  import_ids: string;
  data_version: string;
  content_hash: string;
  available: number;
}

const LISTED = `id, label, created_at, division_year, import_ids, data_version, content_hash,
  bulk_values IS NOT NULL AS available`;

function toRow(r: Row): DataEditionRow {
  return {
    id: r.id,
    label: r.label,
    createdAt: r.created_at,
    divisionYear: r.division_year,
    importIds: JSON.parse(r.import_ids) as number[],
    dataVersion: r.data_version,
    contentHash: r.content_hash,
    available: r.available === 1,
  };
}

/** The DataEditionStore methods on one connection (transactions are the caller's). */
export function dataEditionMethods(db: Database.Database): DataEditionStore {
  return {
    async addDataEdition(
      e: NewDataEdition,
      options: { retain: number; now?: Date },
    ): Promise<DataEditionRow> {
      const now = options.now ?? new Date();
      const year = now.getUTCFullYear();
      const sameYear = db
        .prepare('SELECT COUNT(*) FROM data_editions WHERE label LIKE ?')
        .pluck()
        .get(`editie ${year}-%`) as number;
      const c = e.content;
      const id = db
        .prepare(
          `INSERT INTO data_editions (label, created_at, division_year, import_ids, data_version, content_hash,
             source_editions, engine_config, buurten, gemeente_names, bulk_values)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          `editie ${year}-${sameYear + 1}`,
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
        ).lastInsertRowid;
      db.prepare(
        `UPDATE data_editions SET buurten = NULL, gemeente_names = NULL, bulk_values = NULL
         WHERE bulk_values IS NOT NULL AND id NOT IN (SELECT id FROM data_editions ORDER BY id DESC LIMIT ?)`,
      ).run(Math.max(1, Math.floor(options.retain)));
      return toRow(db.prepare(`SELECT ${LISTED} FROM data_editions WHERE id = ?`).get(id) as Row);
    },

    async listDataEditions(): Promise<DataEditionRow[]> {
      return (db.prepare(`SELECT ${LISTED} FROM data_editions ORDER BY id`).all() as Row[]).map(toRow);
    },

    async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
      const r = db
        .prepare(
          `SELECT source_editions, engine_config, buurten, gemeente_names, bulk_values FROM data_editions
           WHERE id = ? AND bulk_values IS NOT NULL`,
        )
        .get(id) as
        | {
            source_editions: string;
            engine_config: string | null;
            buurten: string;
            gemeente_names: string;
            bulk_values: Uint8Array;
          }
        | undefined;
      if (!r) return undefined;
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
    },
  };
}
