/**
 * Data editions on PostgreSQL (migration 7): the SQL of ../sqlite/data-editions.ts, the frozen
 * bulk read as BYTEA in the same layout (../sqlite/bulk-snapshot.ts encodes and decodes it).
 */
import type {
  DataEditionContent,
  DataEditionRow,
  DataEditionStore,
  NewDataEdition,
} from '../data-editions.js';
import { decodeBulkValues, encodeBulkValues } from '../sqlite/bulk-snapshot.js';
import type { EditionRow } from '../store.js';
import type { PgConnection } from './pg-connection.js';

interface Row {
  id: number;
  label: string;
  created_at: string;
  division_year: number;
  import_ids: string;
  data_version: string;
  content_hash: string;
  available: boolean;
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
    available: r.available,
  };
}

type Atomic = <T>(fn: (c: PgConnection) => Promise<T>) => Promise<T>;

export function pgDataEditionMethods(c: PgConnection, atomic: Atomic): DataEditionStore {
  return {
    async addDataEdition(e: NewDataEdition, options: { retain: number; now?: Date }) {
      const now = options.now ?? new Date();
      const year = now.getUTCFullYear();
      const content = e.content;
      return atomic(async (t) => {
        const [{ n }] = (await t.rows<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM data_editions WHERE label LIKE $1',
          [`editie ${year}-%`],
        )) as [{ n: number }];
        const [r] = await t.rows<Row>(
          `INSERT INTO data_editions (label, created_at, division_year, import_ids, data_version, content_hash,
             source_editions, engine_config, buurten, gemeente_names, bulk_values)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${LISTED}`,
          [
            `editie ${year}-${n + 1}`,
            now.toISOString(),
            e.divisionYear,
            JSON.stringify(e.importIds),
            e.dataVersion,
            e.contentHash,
            JSON.stringify(content.sourceEditions),
            content.engineConfig === null ? null : JSON.stringify(content.engineConfig),
            JSON.stringify(content.buurten.map((b) => [b.code, b.name])),
            JSON.stringify(content.gemeenteNames),
            encodeBulkValues(content.values),
          ],
        );
        await t.changes(
          `UPDATE data_editions SET buurten = NULL, gemeente_names = NULL, bulk_values = NULL
           WHERE bulk_values IS NOT NULL AND id NOT IN (SELECT id FROM data_editions ORDER BY id DESC LIMIT $1)`,
          [Math.max(1, Math.floor(options.retain))],
        );
        const [after] = await t.rows<Row>(`SELECT ${LISTED} FROM data_editions WHERE id = $1`, [r!.id]);
        return toRow(after!);
      });
    },

    async listDataEditions(): Promise<DataEditionRow[]> {
      return (await c.rows<Row>(`SELECT ${LISTED} FROM data_editions ORDER BY id`)).map(toRow);
    },

    async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
      const [r] = await c.rows<{
        source_editions: string;
        engine_config: string | null;
        buurten: string;
        gemeente_names: string;
        bulk_values: Buffer;
      }>(
        `SELECT source_editions, engine_config, buurten, gemeente_names, bulk_values FROM data_editions
         WHERE id = $1 AND bulk_values IS NOT NULL`,
        [id],
      );
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
