/**
 * SQLite implementation of the Store (better-sqlite3 for bulk writes, Kysely for typed reads).
 * One connection; transactions are BEGIN/COMMIT on it, so everything a caller writes inside
 * `transaction()` — raw or through Kysely — commits or rolls back together; the unit of work
 * handed to the callback is the store itself.
 *
 * Which transaction a call belongs to, and independent transactions taking turns:
 * sqlite-transactions.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../core/app-error.js';
import type { ImportBatch } from '../../core/records.js';
import { MIGRATIONS } from '../migrations.js';
import { indicatorFromSql } from '../store-rows.js';
import type {
  BulkValueQuery,
  BulkValues,
  HarmonisedValueRow,
  IndicatorRow,
  Store,
  ValueQuery,
  ValueRow,
  WriteBatchResult,
} from '../store.js';
import {
  StoreParts,
  type AreaMethods,
  type GeometryMethods,
  type RegionMethods,
  type RunLogMethods,
  type StoreStatusMethods,
} from '../store-parts.js';
import { areaMethods } from './areas.js';
import { writeSqliteBatch } from './batch-write.js';
import { geometryMethods } from './geometries.js';
import { regionMethods } from './regions.js';
import { runLogMethods } from './run-logs.js';
import { SqliteTransactions, type InTransaction } from './sqlite-transactions.js';
import { storeStatusMethods } from './store-status.js';
import { readBulkValues } from './bulk-values.js';
import { queryValues } from './value-query.js';
import { clearHarmonisation, copyValuesByCode, type CopyByCodeQuery } from './harmonised-values.js';
import { CodedValueRows } from './value-rows.js';
import type { SqliteSchema } from './schema.js';
import { isSnapshotQuery, readBulkSnapshot, writeBulkSnapshot } from './bulk-snapshot.js';
import type { MembersStore } from '../members-store.js';
import { accountMethods } from '../accounts-sql.js';
import { memberDataMethods } from '../member-data-sql.js';
import { scenarioMethods } from '../scenarios-sql.js';
import { sqliteRunner } from './sqlite-runner.js';
import type { PostcodeStore } from '../postcode-store.js';
import { postcodeMethods } from './postcodes.js';
import type { DataEditionContent, DataEditionRow, NewDataEdition } from '../data-editions.js';
import { dataEditionMethods } from './data-editions.js';

export interface OpenSqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
  readonly?: boolean;
}

/** Page size of a store file created by openSqliteStore. */
export const NEW_STORE_PAGE_SIZE = 16384;

export function openSqliteStore(options: OpenSqliteOptions): SqliteStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    // 16 KiB pages for a new store (SQLite's default is 4 KiB; an existing file keeps its size,
    // and the pragma does nothing once a page is written). An import writes ~100 MB in one
    // transaction, page by page: with 4 KiB pages, 159,000 pwrite and 69,000 pread calls for the
    // four benchmark inputs; with 16 KiB the import took 17 % less wall time (docs/benchmarks.md,
    // "Page size"). Set before WAL mode, which fixes it.
    db.pragma(`page_size = ${NEW_STORE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // 16 MB of page cache (SQLite's default is 2 MB): an import writes in key order, so a bigger
  // cache bought no CPU time (national import 28.8 s CPU with 16 and 64 MB; KWB, 4 editions, 6.7
  // against 6.3 s with 200 MB), but it is resident memory while the one transaction of an import
  // run holds its pages (docs/benchmarks.md, "import memory").
  db.pragma('cache_size = -16384');
  const store = new SqliteStore(db);
  try {
    if (options.readonly) store.checkSchema();
    else store.migrate();
  } catch (e) {
    db.close();
    throw e;
  }
  return store;
}

const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));

export class SqliteStore extends StoreParts implements Store {
  readonly db: Database.Database;
  readonly kysely: Kysely<SqliteSchema>;
  private readonly transactions: SqliteTransactions;
  private membersStore: MembersStore | undefined;
  private postcodeStore: PostcodeStore | undefined;
  protected override readonly runLogs: RunLogMethods;
  protected override readonly areas: AreaMethods;
  protected override readonly geometries: GeometryMethods;
  protected override readonly regions: RegionMethods;
  protected override readonly status: StoreStatusMethods;

  constructor(db: Database.Database) {
    super();
    this.db = db;
    this.kysely = new Kysely<SqliteSchema>({ dialect: new SqliteDialect({ database: db }) });
    this.transactions = new SqliteTransactions(db);
    const transaction: InTransaction = (fn) => this.transaction(fn);
    this.runLogs = runLogMethods(db, this.kysely, transaction);
    this.areas = areaMethods(this.kysely);
    this.geometries = geometryMethods(db, this.kysely, transaction);
    this.regions = regionMethods(db, this.kysely);
    this.status = storeStatusMethods(db);
  }

  migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    this.refuseNewer(Math.max(0, ...applied));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  private refuseNewer(version: number): void {
    if (version > LATEST_SCHEMA) {
      throw new AppError(
        'STORE_SCHEMA_TOO_NEW',
        `the store has schema version ${version}; this program knows up to ${LATEST_SCHEMA}`,
      );
    }
  }

  /**
   * For a read-only open, which cannot migrate: the store must have exactly the schema this
   * program knows. Older → STORE_SCHEMA_TOO_OLD, newer → STORE_SCHEMA_TOO_NEW.
   */
  checkSchema(): void {
    const hasTable = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    const version = hasTable ? this.schemaVersion() : 0;
    this.refuseNewer(version);
    if (version < LATEST_SCHEMA) {
      throw new AppError(
        'STORE_SCHEMA_TOO_OLD',
        `the store ${this.db.name} has schema version ${version}; this program needs ${LATEST_SCHEMA} and cannot migrate a store opened read-only: open it once read-write (any veerkracht command) to migrate`,
      );
    }
  }

  schemaVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  /**
   * One connection: the unit of work is the store itself. BEGIN IMMEDIATE, or a savepoint when
   * called within a transaction's async context; independent transactions run one after the other
   * (sqlite-transactions.ts).
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.transactions.run(() => fn(this));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** The SQL shared with PostgreSQL, on this connection; several statements run as one `transaction`. */
  get members(): MembersStore {
    if (!this.membersStore) {
      const sql = sqliteRunner(this.db, (fn) => this.transaction(fn));
      this.membersStore = { ...accountMethods(sql), ...memberDataMethods(sql), ...scenarioMethods(sql) };
    }
    return this.membersStore;
  }

  /** Prepared on first use, like `members`. */
  get postcodes(): PostcodeStore {
    this.postcodeStore ??= postcodeMethods(this.db);
    return this.postcodeStore;
  }

  async writeBatch(batch: ImportBatch, report: unknown): Promise<WriteBatchResult> {
    return this.transaction(async () => writeSqliteBatch(this.db, batch, report));
  }

  async upsertIndicators(rows: readonly IndicatorRow[]): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT INTO indicators (id, title_nl, title_en, unit, source, definition) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title_nl = excluded.title_nl, title_en = excluded.title_en, unit = excluded.unit,
         source = excluded.source, definition = excluded.definition`,
    );
    this.db.transaction(() => {
      for (const r of rows) stmt.run(r.id, r.titleNl, r.titleEn, r.unit, r.source, r.definition);
    })();
  }

  async listIndicators(): Promise<IndicatorRow[]> {
    const rows = await this.kysely.selectFrom('indicators').selectAll().orderBy('id').execute();
    return rows.map(indicatorFromSql);
  }

  async getValues(q: ValueQuery): Promise<ValueRow[]> {
    return queryValues(this.db, this.kysely, q);
  }

  async getBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (isSnapshotQuery(q)) {
      const snapshot = readBulkSnapshot(this.db, q, await this.dataVersion());
      if (snapshot) return snapshot;
    }
    return readBulkValues(this.db, q);
  }

  async refreshBulkSnapshot(q: BulkValueQuery): Promise<void> {
    if (!isSnapshotQuery(q)) return;
    const values = readBulkValues(this.db, q);
    writeBulkSnapshot(this.db, q, values, await this.dataVersion());
  }

  async writeHarmonisedValues(
    rows: readonly HarmonisedValueRow[],
    editionOf: (row: HarmonisedValueRow) => number,
  ): Promise<number> {
    return this.transaction(async () => {
      const coded = new CodedValueRows(this.db, rows.length);
      coded.preload(
        rows.map((r) => r.areaCode),
        [],
      );
      for (const r of rows) {
        coded.push(
          r.divisionYear,
          r.areaCode,
          r.indicator,
          r.year,
          r.value,
          r.flags,
          editionOf(r),
          r.sourceColumn,
          r.method,
          r.fromDivision,
        );
      }
      coded.write();
      return rows.length;
    });
  }

  async copyValuesByCode(q: CopyByCodeQuery): Promise<number> {
    return this.transaction(async () => copyValuesByCode(this.db, q));
  }

  async clearHarmonisation(q: { fromDivision: number; toDivision: number }): Promise<number> {
    return this.transaction(async () => clearHarmonisation(this.db, q));
  }

  async addDataEdition(e: NewDataEdition, options: { retain: number; now?: Date }): Promise<DataEditionRow> {
    return this.transaction(async () => dataEditionMethods(this.db).addDataEdition(e, options));
  }

  async listDataEditions(): Promise<DataEditionRow[]> {
    return dataEditionMethods(this.db).listDataEditions();
  }

  async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
    return dataEditionMethods(this.db).readDataEdition(id);
  }
}
