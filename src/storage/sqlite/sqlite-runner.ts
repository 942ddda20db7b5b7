/** The SqlRunner (../sql-runner.ts) of the SQLite store: statements on its one connection. */
import type Database from 'better-sqlite3';
import type { SqlRunner, SqlValue } from '../sql-runner.js';

/**
 * `transaction` is the store's own (BEGIN IMMEDIATE, a savepoint when nested), so `atomic` joins
 * a transaction the caller opened with `store.transaction`.
 */
export function sqliteRunner(
  db: Database.Database,
  transaction: <T>(fn: () => Promise<T>) => Promise<T>,
): SqlRunner {
  const runner: SqlRunner = {
    async all<R>(sql: string, params: readonly SqlValue[] = []) {
      return db.prepare(sql).all(...params) as R[];
    },
    async get<R>(sql: string, params: readonly SqlValue[] = []) {
      return db.prepare(sql).get(...params) as R | undefined;
    },
    async run(sql, params = []) {
      return db.prepare(sql).run(...params).changes;
    },
    atomic: (fn) => transaction(() => fn(runner)),
  };
  return runner;
}
