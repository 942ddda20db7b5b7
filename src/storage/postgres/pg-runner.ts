/** The SqlRunner (../sql-runner.ts) of the PostgreSQL store: `?` numbered $1, $2, … on a PgConnection. */
import type { SqlRunner, SqlValue } from '../sql-runner.js';
import type { Atomic, PgConnection } from './pg-connection.js';

/** `conn` is the pool or a transaction's client; `atomic` is the store's (pg-store.ts). */
export function pgRunner(conn: PgConnection, atomic: Atomic): SqlRunner {
  const runner: SqlRunner = {
    all: <R>(sql: string, params?: readonly SqlValue[]) => conn.rows<R>(numbered(sql), params),
    async get<R>(sql: string, params?: readonly SqlValue[]) {
      return (await conn.rows<R>(numbered(sql), params))[0];
    },
    run: (sql, params) => conn.changes(numbered(sql), params),
    // Inside, every statement runs on the transaction's connection, nested calls included.
    atomic: (fn) => atomic((c) => fn(c === conn ? runner : pgRunner(c, (inner) => inner(c)))),
  };
  return runner;
}

/** The statement with its `?` placeholders numbered in order (the SQL holds no other `?`). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
