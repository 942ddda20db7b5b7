import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { MIGRATIONS } from '../migrations.js';
import { runStoreContract, sampleBatch } from '../store.contract.js';
import { NEW_STORE_PAGE_SIZE, openSqliteStore, type SqliteStore } from './sqlite-store.js';

describe('SqliteStore', () => {
  runStoreContract(() => openSqliteStore({ path: ':memory:' }));

  describe('which transaction a call belongs to (the unit of work is the store itself)', () => {
    const checksums = async (store: SqliteStore): Promise<string[]> =>
      (await store.listImports()).map((i) => i.checksum);
    const otherCallersRun = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

    it("joins the transaction whose callback calls it, also through `store` and the store's own methods, instead of waiting for it", async () => {
      const store = openSqliteStore({ path: ':memory:' });
      await expect(
        store.transaction(async () => {
          await store.writeBatch(sampleBatch('through the store'), {});
          await store.transaction(async () => {
            await otherCallersRun();
            const org = await store.members.createOrganisation('Woonstichting', 'woonstichting', 'now');
            expect(await store.members.clearOwnStock(org.id)).toBe(0); // members' atomic: a savepoint
          });
          expect(await store.members.findOrganisation({ nameKey: 'woonstichting' })).toBeDefined();
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await checksums(store)).toEqual([]);
      expect(await store.members.findOrganisation({ nameKey: 'woonstichting' })).toBeUndefined();
      await store.close();
    });

    it('gives a transaction left waiting inside one that has ended meanwhile a transaction of its own', async () => {
      const store = openSqliteStore({ path: ':memory:' });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let running!: Promise<void>;
      let waiting!: Promise<void>;
      await store.transaction(async (tx) => {
        running = tx.transaction(() => released); // not awaited: still open when tx commits
        waiting = tx.transaction(async (late) => {
          await late.writeBatch(sampleBatch('waiting'), {});
        });
      });
      release();
      await expect(running).rejects.toThrow('no such savepoint'); // committed with tx, already gone
      await waiting;
      expect(await checksums(store)).toEqual(['waiting']);
      expect(store.db.inTransaction).toBe(false);
      await store.close();
    });

    it('rolls back a transaction whose COMMIT fails, and the next one begins', async () => {
      const store = openSqliteStore({ path: ':memory:' });
      await expect(
        store.transaction(async () => {
          store.db.pragma('defer_foreign_keys = ON'); // checked at COMMIT, until then allowed
          store.db
            .prepare(
              "INSERT INTO users (email, organisation_id, role, created_at) VALUES (?, 999, 'member', 'now')",
            )
            .run('nobody@example.org');
        }),
      ).rejects.toThrow('FOREIGN KEY constraint failed');
      expect(store.db.inTransaction).toBe(false);
      await store.transaction((tx) => tx.writeBatch(sampleBatch('next'), {}));
      expect(await checksums(store)).toEqual(['next']);
      expect(store.db.prepare('SELECT COUNT(*) FROM users').pluck().get()).toBe(0);
      await store.close();
    });

    it('gives work a transaction left running after it ended a transaction of its own', async () => {
      const store = openSqliteStore({ path: ':memory:' });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let leftRunning!: Promise<void>;
      await store.transaction(async (tx) => {
        await tx.writeBatch(sampleBatch('inside'), {});
        leftRunning = (async () => {
          await released;
          await tx.transaction(async (late) => {
            await late.writeBatch(sampleBatch('left running'), {});
          });
        })();
      });
      await expect(
        store.transaction(async (tx) => {
          release();
          await otherCallersRun();
          await tx.writeBatch(sampleBatch('rolled back'), {});
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await leftRunning;
      expect(await checksums(store)).toEqual(['inside', 'left running']);
      await store.close();
    });
  });

  it('applies every migration once and records it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'a.db');
    const store = openSqliteStore({ path });
    expect(store.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    store.migrate();
    const n = store.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(n.n).toBe(MIGRATIONS.length);
    store.db.close();
  });

  it('migrations 3 and 4 move the values of a version-2 store into area_values and recover from_division', async () => {
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
      INSERT INTO "values" VALUES ('BU09171000', 2019, 'woz_value', 2018, 250, 14, 1, 'g_woz', 'overlay from indeling 2017 (BU09170001: 100%); x');
      INSERT INTO "values" VALUES ('GM0917', 2018, 'inhabitants', 2018, 87000, 0, 1, 'a_inw', NULL);`);
    db.close();
    const store = openSqliteStore({ path });
    expect(store.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
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
      v.fromDivision,
    ]);
    expect(rows).toEqual([
      ['BU09171000', 2018, 'corporation_share', 2018, null, 1, 'KWB 2018', 'p_wcorpw', null, null],
      ['BU09171000', 2018, 'inhabitants', 2018, 3455, 0, 'KWB 2018', 'a_inw', null, null],
      ['BU09171000', 2019, 'inhabitants', 2018, 3455, 2, 'KWB 2018', 'a_inw', 'code (indeling 2018)', 2018],
      [
        'BU09171000',
        2019,
        'woz_value',
        2018,
        250,
        14,
        'KWB 2018',
        'g_woz',
        'overlay from indeling 2017 (BU09170001: 100%); x',
        2017,
      ],
      ['GM0917', 2018, 'inhabitants', 2018, 87000, 0, 'KWB 2018', 'a_inw', null, null],
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
    expect(
      store.db
        .prepare('SELECT from_division FROM "values" WHERE division_year = 2019 ORDER BY indicator')
        .pluck()
        .all(),
    ).toEqual([2018, 2017]);
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

  it('refuses a read-only open of a store with an older schema, saying how to migrate it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'old.db');
    const db = new Database(path);
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    db.close();
    const openReadonly = (): unknown => {
      try {
        openSqliteStore({ path, readonly: true });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const error = openReadonly();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_SCHEMA_TOO_OLD');
    expect((error as AppError).message).toContain('schema version 2');
    expect((error as AppError).message).toContain(
      'open it once read-write (any veerkracht command) to migrate',
    );
    // A store without any schema table at all (an empty SQLite file) is schema 0.
    const empty = join(mkdtempSync(join(tmpdir(), 'vk-store-')), 'empty.db');
    new Database(empty).close();
    expect(() => openSqliteStore({ path: empty, readonly: true })).toThrow(/schema version 0/);
    // Once opened read-write (migrated), the read-only open works and reads.
    openSqliteStore({ path }).db.close();
    const readonly = openSqliteStore({ path, readonly: true });
    expect(readonly.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    readonly.db.close();
  });

  it('creates a new store file with 16 KiB pages and keeps the page size of an existing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-store-'));
    const fresh = openSqliteStore({ path: join(dir, 'fresh.db') });
    expect(fresh.db.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    expect(NEW_STORE_PAGE_SIZE).toBe(16384);
    await fresh.close();
    // A store written with SQLite's default pages (an earlier version) keeps them, and its data.
    const older = join(dir, 'older.db');
    const db = new Database(older);
    db.pragma('journal_mode = WAL');
    db.close();
    const store = openSqliteStore({ path: older });
    expect(store.db.pragma('page_size', { simple: true })).toBe(4096);
    await store.writeBatch(sampleBatch('on 4 KiB pages'), {});
    await store.close();
    const reopened = openSqliteStore({ path: older });
    expect((await reopened.listImports()).map((i) => i.checksum)).toEqual(['on 4 KiB pages']);
    expect(reopened.db.pragma('page_size', { simple: true })).toBe(4096);
    await reopened.close();
  });
});
