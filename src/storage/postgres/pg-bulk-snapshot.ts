/**
 * The engine's bulk read kept as one BYTEA per division and level (migration 5), as on SQLite
 * (../sqlite/bulk-snapshot.ts, whose layout it shares): loading the engine after an import reads
 * one row instead of streaming 900,000 value rows (nationally ≈ 3.8 s → ≈ 0.7 s on a loaded
 * machine). Written at the end of a harmonisation; every write of values deletes the snapshots in
 * its transaction, and a snapshot is used only while the data version it was taken at is current.
 */
import { decodeBulkValues, encodeBulkValues, isSnapshotQuery } from '../sqlite/bulk-snapshot.js';
import type { BulkValueQuery, BulkValues } from '../store.js';
import type { PgConnection } from './pg-connection.js';

export { isSnapshotQuery };

export async function readPgBulkSnapshot(
  c: PgConnection,
  q: BulkValueQuery,
  version: string,
): Promise<BulkValues | undefined> {
  if (!isSnapshotQuery(q)) return undefined;
  const [row] = await c.rows<{ data: Buffer }>(
    'SELECT data FROM bulk_snapshots WHERE division_year = $1 AND level = $2 AND data_version = $3',
    [q.divisionYear, q.level ?? '', version],
  );
  return row ? decodeBulkValues(row.data) : undefined;
}

export async function writePgBulkSnapshot(
  c: PgConnection,
  q: BulkValueQuery,
  values: BulkValues,
  version: string,
): Promise<void> {
  await c.changes(
    `INSERT INTO bulk_snapshots (division_year, level, data_version, data) VALUES ($1, $2, $3, $4)
     ON CONFLICT (division_year, level) DO UPDATE SET data_version = EXCLUDED.data_version, data = EXCLUDED.data`,
    [q.divisionYear, q.level ?? '', version, encodeBulkValues(values)],
  );
}

export const DROP_BULK_SNAPSHOTS = 'DELETE FROM bulk_snapshots';
