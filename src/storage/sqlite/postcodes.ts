/** The SQL of the postcode–buurt table (store migration 9, src/storage/postcode-store.ts). */
import type Database from 'better-sqlite3';
import { addressKey, type PostcodeStore } from '../postcode-store.js';
import { postcodeTableFromSql, type PostcodeTableSql } from '../store-rows.js';

/** Addresses looked up per statement (well under SQLite's 32766 bound parameters). */
const LOOKUP_CHUNK = 400;

export function postcodeMethods(db: Database.Database): PostcodeStore {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO postcode_buurten (postcode, huisnummer, buurt_code) VALUES (?, ?, ?)',
  );
  return {
    async clearPostcodeTable() {
      db.prepare('DELETE FROM postcode_buurten').run();
      db.prepare('DELETE FROM postcode_table').run();
    },
    async addPostcodeRows(rows) {
      for (const [i, r] of rows.entries())
        if (insert.run(r.postcode, r.huisnummer, r.buurtCode).changes === 0) return i;
      return undefined;
    },
    async setPostcodeTableInfo(info) {
      db.prepare(
        `INSERT OR REPLACE INTO postcode_table (id, division_year, file, checksum, rows, imported_at)
         VALUES (1, ?, ?, ?, ?, ?)`,
      ).run(info.divisionYear, info.file, info.checksum, info.rows, info.importedAt);
    },
    async postcodeTableInfo() {
      const r = db.prepare('SELECT * FROM postcode_table WHERE id = 1').get() as PostcodeTableSql | undefined;
      return r ? postcodeTableFromSql(r) : undefined;
    },
    async findPostcodeBuurten(addresses) {
      const found = new Map<string, string>();
      for (let i = 0; i < addresses.length; i += LOOKUP_CHUNK) {
        const chunk = addresses.slice(i, i + LOOKUP_CHUNK);
        const rows = db
          .prepare(
            `SELECT postcode, huisnummer, buurt_code FROM postcode_buurten
             WHERE (postcode, huisnummer) IN (VALUES ${chunk.map(() => '(?, ?)').join(', ')})`,
          )
          .all(...chunk.flatMap((a) => [a.postcode, a.huisnummer])) as {
          postcode: string;
          huisnummer: number;
          buurt_code: string;
        }[];
        for (const r of rows) found.set(addressKey(r.postcode, r.huisnummer), r.buurt_code);
      }
      return found;
    },
  };
}
