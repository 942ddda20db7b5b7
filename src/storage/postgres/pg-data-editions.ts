/**
 * Data editions on PostgreSQL (migration 7): the SQL shared with SQLite (../data-edition-sql.ts),
 * the frozen bulk read as BYTEA in the same layout (../sqlite/bulk-snapshot.ts encodes and decodes it).
 */
import {
  DATA_EDITION_INSERTED,
  DATA_EDITION_LISTED,
  dataEditionContent,
  dataEditionInsertValues,
  dataEditionRow,
  dropContentBeyondRetain,
  editionLabelsOf,
  editionsKept,
  selectDataEditionContent,
  type DataEditionListedRow,
  type StoredDataEditionContent,
} from '../data-edition-sql.js';
import type {
  DataEditionContent,
  DataEditionRow,
  DataEditionStore,
  NewDataEdition,
} from '../data-editions.js';
import type { Atomic, PgConnection } from './pg-connection.js';

export function pgDataEditionMethods(c: PgConnection, atomic: Atomic): DataEditionStore {
  return {
    async addDataEdition(e: NewDataEdition, options: { retain: number; now?: Date }) {
      const now = options.now ?? new Date();
      return atomic(async (t) => {
        const [{ n }] = (await t.rows<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM data_editions WHERE label LIKE $1',
          [editionLabelsOf(now.getUTCFullYear())],
        )) as [{ n: number }];
        const values = dataEditionInsertValues(e, now, n);
        const [r] = await t.rows<DataEditionListedRow>(
          `INSERT INTO data_editions (${DATA_EDITION_INSERTED})
           VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${DATA_EDITION_LISTED}`,
          values,
        );
        await t.changes(dropContentBeyondRetain('$1'), [editionsKept(options.retain)]);
        const [after] = await t.rows<DataEditionListedRow>(
          `SELECT ${DATA_EDITION_LISTED} FROM data_editions WHERE id = $1`,
          [r!.id],
        );
        return dataEditionRow(after!);
      });
    },

    async listDataEditions(): Promise<DataEditionRow[]> {
      return (
        await c.rows<DataEditionListedRow>(`SELECT ${DATA_EDITION_LISTED} FROM data_editions ORDER BY id`)
      ).map(dataEditionRow);
    },

    async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
      const [r] = await c.rows<StoredDataEditionContent>(selectDataEditionContent('$1'), [id]);
      return r ? dataEditionContent(r) : undefined;
    },
  };
}
