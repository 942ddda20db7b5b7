/**
 * PostgreSQL implementation of the Store (pg pool + Kysely's PostgresDialect), selected by
 * VEERKRACHT_DATABASE_URL=postgres://… (docs/decisions/006-postgresql-store.md).
 *
 * The store itself reads and writes single statements through the pool. `transaction(fn)` checks
 * out one connection, BEGINs, takes the store's write lock (an advisory lock held until COMMIT or
 * ROLLBACK, so write transactions run one at a time, as on SQLite) and hands `fn` a PgStore bound
 * to that connection — the unit of work; nested `tx.transaction` calls are savepoints, taking
 * turns when started together (../transaction-scopes.ts). A killed process leaves an open
 * transaction on a closed socket, which PostgreSQL rolls back.
 */
import pg from 'pg';
import { TransactionScopes } from '../transaction-scopes.js';
import { AppError } from '../../core/app-error.js';
import type { ImportBatch } from '../../core/records.js';
import type { DataEditionStore } from '../data-editions.js';
import { accountMethods } from '../accounts-sql.js';
import { memberDataMethods } from '../member-data-sql.js';
import type { MembersStore } from '../members-store.js';
import { scenarioMethods } from '../scenarios-sql.js';
import type { PostcodeStore } from '../postcode-store.js';
import { indicatorFromSql, type IndicatorSql } from '../store-rows.js';
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
import { pgAreaMethods } from './pg-areas.js';
import { clientConnection, poolConnection, type Atomic, type PgConnection } from './pg-connection.js';
import { pgGeometryMethods } from './pg-geometries.js';
import { pgRegionMethods } from './pg-regions.js';
import { pgRunLogMethods } from './pg-run-logs.js';
import { pgStoreStatusMethods } from './pg-store-status.js';
import { pgDataEditionMethods } from './pg-data-editions.js';
import { pgRunner } from './pg-runner.js';
import { pgPostcodeMethods } from './pg-postcodes.js';
import { migrate } from './pg-migrate.js';
import { isSnapshotQuery, readPgBulkSnapshot, writePgBulkSnapshot } from './pg-bulk-snapshot.js';
import { writeImportBatch } from './pg-batch.js';
import { readBulkValues } from './pg-bulk-read.js';
import { PgValueRows } from './pg-value-rows.js';
import { clearHarmonisation, copyValuesByCode, queryValues, type CopyByCodeQuery } from './pg-values.js';

import { WRITE_LOCK } from './pg-migrate.js';

// int8 (COUNT, SUM of integers) as a number: counts here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface OpenPgOptions {
  url: string;
  /** Pool size (default 10). */
  max?: number;
}

/** Opens the pool and brings the schema up to date (one instance at a time migrates). */
export async function openPgStore(options: OpenPgOptions): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
  pool.on('error', () => {}); // an idle client's lost connection: the next checkout reconnects
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    if (e instanceof AppError) throw e;
    throw new AppError(
      'STORE_UNAVAILABLE',
      `cannot open the PostgreSQL store at ${redact(options.url)}: ${(e as Error).message}`,
    );
  }
  return new PgStore(pool, poolConnection(pool), { savepoints: new TransactionScopes() });
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** A transaction's savepoints, on the connection it holds (../transaction-scopes.ts). */
interface TxState {
  savepoints: TransactionScopes;
}

export class PgStore extends StoreParts implements Store {
  private membersStore: MembersStore | undefined;
  private postcodeStore: PostcodeStore | undefined;
  private readonly editions: DataEditionStore;
  protected override readonly runLogs: RunLogMethods;
  protected override readonly areas: AreaMethods;
  protected override readonly geometries: GeometryMethods;
  protected override readonly regions: RegionMethods;
  protected override readonly status: StoreStatusMethods;

  constructor(
    readonly pool: pg.Pool,
    private readonly conn: PgConnection,
    private readonly tx: TxState,
  ) {
    super();
    const atomic: Atomic = (fn) => this.atomic(fn);
    this.editions = pgDataEditionMethods(conn, atomic);
    this.runLogs = pgRunLogMethods(conn, atomic);
    this.areas = pgAreaMethods(conn);
    this.geometries = pgGeometryMethods(conn);
    this.regions = pgRegionMethods(conn, atomic);
    this.status = pgStoreStatusMethods(conn);
  }

  /** Kysely on this store's connection(s). */
  get kysely(): PgConnection['kysely'] {
    return this.conn.kysely;
  }

  async schemaVersion(): Promise<number> {
    const [r] = await this.conn.rows<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return r?.v ?? 0;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.unit(fn);
  }

  /** `transaction` with the unit of work typed as what it is. */
  private async unit<T>(fn: (tx: PgStore) => Promise<T>): Promise<T> {
    const client = this.conn.client;
    if (client) {
      // savepoints started together inside this transaction take turns
      return this.tx.savepoints.run(async (depth) => {
        const savepoint = `sp${depth}`;
        await client.query(`SAVEPOINT ${savepoint}`);
        try {
          const result = await fn(this);
          await client.query(`RELEASE SAVEPOINT ${savepoint}`);
          return result;
        } catch (e) {
          await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
          throw e;
        }
      });
    }
    const fresh = await this.pool.connect();
    let broken = false;
    try {
      await fresh.query('BEGIN');
      await fresh.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const result = await fn(
        new PgStore(this.pool, clientConnection(fresh), { savepoints: new TransactionScopes() }),
      );
      await fresh.query('COMMIT');
      return result;
    } catch (e) {
      await fresh.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      fresh.release(broken);
    }
  }

  /** Runs several statements together: in the caller's transaction, else in a new one. */
  private async atomic<T>(fn: (c: PgConnection) => Promise<T>): Promise<T> {
    if (this.conn.client) return fn(this.conn);
    return this.unit((tx) => fn(tx.conn));
  }

  async close(): Promise<void> {
    if (!this.conn.client) await this.pool.end();
  }

  /** The SQL shared with SQLite, on this store's connection; several statements run through `atomic`. */
  get members(): MembersStore {
    if (!this.membersStore) {
      const sql = pgRunner(this.conn, (fn) => this.atomic(fn));
      this.membersStore = { ...accountMethods(sql), ...memberDataMethods(sql), ...scenarioMethods(sql) };
    }
    return this.membersStore;
  }

  get postcodes(): PostcodeStore {
    this.postcodeStore ??= pgPostcodeMethods(this.conn);
    return this.postcodeStore;
  }

  addDataEdition: DataEditionStore['addDataEdition'] = (e, o) => this.editions.addDataEdition(e, o);
  listDataEditions: DataEditionStore['listDataEditions'] = () => this.editions.listDataEditions();
  readDataEdition: DataEditionStore['readDataEdition'] = (id) => this.editions.readDataEdition(id);

  async writeBatch(batch: ImportBatch, report: unknown): Promise<WriteBatchResult> {
    return this.unit(({ conn }) => writeImportBatch(conn, batch, report));
  }

  async upsertIndicators(rows: readonly IndicatorRow[]): Promise<void> {
    if (rows.length === 0) return;
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    await this.conn.changes(
      `INSERT INTO indicators (id, title_nl, title_en, unit, source, definition)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (id) DO UPDATE SET title_nl = EXCLUDED.title_nl, title_en = EXCLUDED.title_en,
         unit = EXCLUDED.unit, source = EXCLUDED.source, definition = EXCLUDED.definition`,
      [
        unique.map((r) => r.id),
        unique.map((r) => r.titleNl),
        unique.map((r) => r.titleEn),
        unique.map((r) => r.unit),
        unique.map((r) => r.source),
        unique.map((r) => r.definition),
      ],
    );
  }

  async listIndicators(): Promise<IndicatorRow[]> {
    const rows = await this.conn.rows<IndicatorSql>('SELECT * FROM indicators ORDER BY id');
    return rows.map(indicatorFromSql);
  }

  async getValues(q: ValueQuery): Promise<ValueRow[]> {
    return queryValues(this.conn, q);
  }

  async getBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (isSnapshotQuery(q)) {
      const snapshot = await readPgBulkSnapshot(this.conn, q, await this.dataVersion());
      if (snapshot) return snapshot;
    }
    return this.streamBulkValues(q);
  }

  /** Stores the bulk read of `q` for later reads at the same data version (pg-bulk-snapshot.ts). */
  async refreshBulkSnapshot(q: BulkValueQuery): Promise<void> {
    if (!isSnapshotQuery(q)) return;
    const values = await this.streamBulkValues(q);
    await writePgBulkSnapshot(this.conn, q, values, await this.dataVersion());
  }

  private async streamBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (this.conn.client) return readBulkValues(this.conn.client, q);
    const client = await this.pool.connect();
    try {
      // one snapshot for the dictionaries and the values (READ COMMITTED would give each
      // statement its own: an import committing new areas in between would be half-seen)
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const values = await readBulkValues(client, q);
      await client.query('COMMIT');
      return values;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async writeHarmonisedValues(
    rows: readonly HarmonisedValueRow[],
    editionOf: (row: HarmonisedValueRow) => number,
  ): Promise<number> {
    return this.unit(async (tx) => {
      const values = new PgValueRows(rows.length);
      for (const r of rows)
        values.push(
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
      await values.write(tx.conn.client!);
      return rows.length;
    });
  }

  async copyValuesByCode(q: CopyByCodeQuery): Promise<number> {
    return this.atomic((c) => copyValuesByCode(c, q));
  }

  async clearHarmonisation(q: { fromDivision: number; toDivision: number }): Promise<number> {
    return this.atomic((c) => clearHarmonisation(c, q));
  }
}
