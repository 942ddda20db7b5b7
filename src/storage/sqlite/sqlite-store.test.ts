import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { MIGRATIONS } from '../migrations.js';
import { runStoreContract } from '../store.contract.js';
import { openSqliteStore } from './sqlite-store.js';

describe('SqliteStore', () => {
  runStoreContract(() => openSqliteStore({ path: ':memory:' }));

  it('applies every migration once and records it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'a.db');
    const store = openSqliteStore({ path });
    expect(store.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    store.migrate();
    const n = store.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(n.n).toBe(MIGRATIONS.length);
    store.db.close();
  });

  it('refuses a store written by a newer version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'b.db');
    openSqliteStore({ path }).db.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', 'now');
    db.close();
    let error: unknown;
    try {
      openSqliteStore({ path });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_SCHEMA_TOO_NEW');
  });
});
