/**
 * Data editions on SQLite (table `data_editions`, migration 7): the frozen bulk read as one BLOB
 * (the layout of bulk-snapshot.ts), the buurten and names as JSON. Retention sets the content
 * columns of older editions to NULL; their row stays, so an old link can say the edition is gone.
 */
import type Database from 'better-sqlite3';
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

/** The DataEditionStore methods on one connection (transactions are the caller's). */
export function dataEditionMethods(db: Database.Database): DataEditionStore {
  return {
    async addDataEdition(
      e: NewDataEdition,
      options: { retain: number; now?: Date },
    ): Promise<DataEditionRow> {
      const now = options.now ?? new Date();
      const sameYear = db
        .prepare('SELECT COUNT(*) FROM data_editions WHERE label LIKE ?')
        .pluck()
        .get(editionLabelsOf(now.getUTCFullYear())) as number;
      const values = dataEditionInsertValues(e, now, sameYear);
      const id = db
        .prepare(
          `INSERT INTO data_editions (${DATA_EDITION_INSERTED}) VALUES (${values.map(() => '?').join(', ')})`,
        )
        .run(...values).lastInsertRowid;
      db.prepare(dropContentBeyondRetain('?')).run(editionsKept(options.retain));
      return dataEditionRow(
        db
          .prepare(`SELECT ${DATA_EDITION_LISTED} FROM data_editions WHERE id = ?`)
          .get(id) as DataEditionListedRow,
      );
    },

    async listDataEditions(): Promise<DataEditionRow[]> {
      return (
        db
          .prepare(`SELECT ${DATA_EDITION_LISTED} FROM data_editions ORDER BY id`)
          .all() as DataEditionListedRow[]
      ).map(dataEditionRow);
    },

    async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
      const r = db.prepare(selectDataEditionContent('?')).get(id) as StoredDataEditionContent | undefined;
      return r ? dataEditionContent(r) : undefined;
    },
  };
}
