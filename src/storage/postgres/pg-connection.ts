/**
 * What the PostgreSQL store runs its SQL on: the pool (reads and single statements, each on any
 * free connection) or one checked-out client carrying a transaction (the unit of work). Both
 * give raw parameterised SQL (`rows`) and a Kysely instance on the same connection(s); COPY
 * needs the client, so bulk writes always run inside a transaction.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';

export interface PgConnection {
  /** The rows of one parameterised statement ($1, $2, …). */
  rows<R>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Rows changed by one statement. */
  changes(text: string, params?: readonly unknown[]): Promise<number>;
  readonly kysely: Kysely<unknown>;
  /** The client of the transaction; undefined on the pool. */
  readonly client: pg.PoolClient | undefined;
}

/** Runs several statements together on one connection: the caller's transaction, or a new one (pg-store.ts). */
export type Atomic = <T>(fn: (c: PgConnection) => Promise<T>) => Promise<T>;

export function poolConnection(pool: pg.Pool): PgConnection {
  return {
    rows: async (text, params) => (await pool.query(text, params as unknown[])).rows,
    changes: async (text, params) => (await pool.query(text, params as unknown[])).rowCount ?? 0,
    kysely: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    client: undefined,
  };
}

/** A connection over one client: Kysely gets a "pool" that always hands out this client. */
export function clientConnection(client: pg.PoolClient): PgConnection {
  const borrowed = { query: client.query.bind(client), release: () => {} } as unknown as PostgresPoolClient;
  const onePool: PostgresPool = { connect: async () => borrowed, end: async () => {} };
  return {
    rows: async (text, params) => (await client.query(text, params as unknown[])).rows,
    changes: async (text, params) => (await client.query(text, params as unknown[])).rowCount ?? 0,
    kysely: new Kysely({ dialect: new PostgresDialect({ pool: onePool }) }),
    client,
  };
}
