/** The SqlRunner (../sql-runner.ts) of the SQLite store: statements on its one connection. */
import type Database from 'better-sqlite3';
import type { SqlRunner, SqlValue } from '../sql-runner.js';
import type { InTransaction } from './sqlite-transactions.js';

/**
 * Statements kept prepared, by their text: preparing costs more than running the short statements
 * of a request (a session found and touched: 7–9 µs of CPU prepared once, 45–53 µs prepared each
 * time). The texts built per call (lists of placeholders) are few; past this many it starts again.
 */
const PREPARED_KEPT = 200;

/**
 * `transaction` is the store's own (BEGIN IMMEDIATE, a savepoint when nested), so `atomic` joins
 * a transaction the caller opened with `store.transaction`.
 */
export function sqliteRunner(db: Database.Database, transaction: InTransaction): SqlRunner {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let s = prepared.get(sql);
    if (!s) {
      if (prepared.size >= PREPARED_KEPT) prepared.clear();
      s = db.prepare(sql);
      prepared.set(sql, s);
    }
    return s;
  };
  const runner: SqlRunner = {
    async all<R>(sql: string, params: readonly SqlValue[] = []) {
      return statement(sql).all(...params) as R[];
    },
    async get<R>(sql: string, params: readonly SqlValue[] = []) {
      return statement(sql).get(...params) as R | undefined;
    },
    async run(sql, params = []) {
      return statement(sql).run(...params).changes;
    },
    atomic: (fn) => transaction(() => fn(runner)),
  };
  return runner;
}
