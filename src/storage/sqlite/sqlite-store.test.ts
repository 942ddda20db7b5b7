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

  it('migration 3 moves the values of a version-2 store into area_values with their dictionaries', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'v2.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    db.exec(`INSERT INTO editions (id, source, edition, table_id, publisher, division_year) VALUES (1, 'kwb', 'KWB 2018', 'T', 'CBS', 2018);
      INSERT INTO "values" VALUES ('BU09171000', 2018, 'inhabitants', 2018, 3455, 0, 1, 'a_inw', NULL);
      INSERT INTO "values" VALUES ('BU09171000', 2018, 'corporation_share', 2018, NULL, 1, 1, 'p_wcorpw', NULL);
      INSERT INTO "values" VALUES ('BU09171000', 2019, 'inhabitants', 2018, 3455, 2, 1, 'a_inw', 'code (indeling 2018)');
      INSERT INTO "values" VALUES ('GM0917', 2018, 'inhabitants', 2018, 87000, 0, 1, 'a_inw', NULL);`);
    db.close();
    const store = openSqliteStore({ path });
    expect(store.schemaVersion()).toBe(3);
    const rows = (await store.getValues({})).map((v) => [
      v.areaCode,
      v.divisionYear,
      v.indicator,
      v.year,
      v.value,
      v.flags,
      v.edition,
      v.sourceColumn,
      v.method,
    ]);
    expect(rows).toEqual([
      ['BU09171000', 2018, 'corporation_share', 2018, null, 1, 'KWB 2018', 'p_wcorpw', null],
      ['BU09171000', 2018, 'inhabitants', 2018, 3455, 0, 'KWB 2018', 'a_inw', null],
      ['BU09171000', 2019, 'inhabitants', 2018, 3455, 2, 'KWB 2018', 'a_inw', 'code (indeling 2018)'],
      ['GM0917', 2018, 'inhabitants', 2018, 87000, 0, 'KWB 2018', 'a_inw', null],
    ]);
    // the view keeps the old columns for ad-hoc SQL
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM "values" WHERE area_code = ?').get('GM0917')).toEqual({
      n: 1,
    });
    expect(await store.coverage()).toContainEqual({
      indicator: 'inhabitants',
      divisionYear: 2018,
      year: 2018,
      areas: 2,
      missing: 0,
    });
    await store.close();
  });

  it('refuses a store written by a newer version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'b.db');
    openSqliteStore({ path }).db.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      'future',
      'now',
    );
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
