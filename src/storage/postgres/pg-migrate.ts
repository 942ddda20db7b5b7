/**
 * Brings a PostgreSQL database to the schema this program knows (migrations.ts), one instance at
 * a time: a session advisory lock around the whole run, each migration in its own transaction.
 */
import type pg from 'pg';
import { AppError } from '../../core/app-error.js';
import { PG_MIGRATIONS } from './migrations.js';

/** The advisory lock key of write transactions ("veer" in ASCII). */
export const WRITE_LOCK = 0x76656572;
/** Another key for migrations, so that an instance starting during an import does not wait for it. */
const MIGRATION_LOCK = WRITE_LOCK + 1;
const LATEST_SCHEMA = Math.max(...PG_MIGRATIONS.map((m) => m.version));

export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const newest = Math.max(0, ...applied);
    if (newest > LATEST_SCHEMA)
      throw new AppError(
        'STORE_SCHEMA_TOO_NEW',
        `the store has schema version ${newest}; this program knows up to ${LATEST_SCHEMA}`,
      );
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
