/** The postcode–buurt table on PostgreSQL (migration 9): the SQL of ../sqlite/postcodes.ts. */
import { addressKey, type PostcodeStore } from '../postcode-store.js';
import { postcodeTableFromSql, type PostcodeTableSql } from '../store-rows.js';
import type { PgConnection } from './pg-connection.js';

/** Addresses looked up per statement. */
const LOOKUP_CHUNK = 5000;

export function pgPostcodeMethods(c: PgConnection): PostcodeStore {
  return {
    async clearPostcodeTable() {
      await c.changes('DELETE FROM postcode_buurten');
      await c.changes('DELETE FROM postcode_table');
    },
    async addPostcodeRows(rows) {
      if (rows.length === 0) return undefined;
      // Rows already in the table, or twice in the batch: the first such row's index is the answer.
      const seen = new Set<string>();
      let firstDuplicate: number | undefined;
      for (const [i, r] of rows.entries()) {
        const key = addressKey(r.postcode, r.huisnummer);
        if (seen.has(key)) {
          firstDuplicate = i;
          break;
        }
        seen.add(key);
      }
      const [hit] = await c.rows<{ n: number }>(
        `SELECT MIN(d.n)::int AS n FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS d(p, h, n)
         JOIN postcode_buurten b ON b.postcode = d.p AND b.huisnummer = d.h`,
        [rows.map((r) => r.postcode), rows.map((r) => r.huisnummer)],
      );
      const existing = hit?.n === null || hit?.n === undefined ? undefined : hit.n - 1;
      const first = [firstDuplicate, existing].filter((x): x is number => x !== undefined);
      if (first.length > 0) return Math.min(...first);
      await c.changes(
        `INSERT INTO postcode_buurten (postcode, huisnummer, buurt_code)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[])`,
        [rows.map((r) => r.postcode), rows.map((r) => r.huisnummer), rows.map((r) => r.buurtCode)],
      );
      return undefined;
    },
    async setPostcodeTableInfo(info) {
      await c.changes(
        `INSERT INTO postcode_table (id, division_year, file, checksum, rows, imported_at) VALUES (1, $1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET division_year = EXCLUDED.division_year, file = EXCLUDED.file,
           checksum = EXCLUDED.checksum, rows = EXCLUDED.rows, imported_at = EXCLUDED.imported_at`,
        [info.divisionYear, info.file, info.checksum, info.rows, info.importedAt],
      );
    },
    async postcodeTableInfo() {
      const [r] = await c.rows<PostcodeTableSql>('SELECT * FROM postcode_table WHERE id = 1');
      return r ? postcodeTableFromSql(r) : undefined;
    },
    async findPostcodeBuurten(addresses) {
      const found = new Map<string, string>();
      for (let i = 0; i < addresses.length; i += LOOKUP_CHUNK) {
        const chunk = addresses.slice(i, i + LOOKUP_CHUNK);
        const rows = await c.rows<{ postcode: string; huisnummer: number; buurt_code: string }>(
          `SELECT b.postcode, b.huisnummer, b.buurt_code FROM postcode_buurten b
           JOIN unnest($1::text[], $2::int[]) AS d(p, h) ON b.postcode = d.p AND b.huisnummer = d.h`,
          [chunk.map((a) => a.postcode), chunk.map((a) => a.huisnummer)],
        );
        for (const r of rows) found.set(addressKey(r.postcode, r.huisnummer), r.buurt_code);
      }
      return found;
    },
  };
}
