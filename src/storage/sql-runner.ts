/**
 * What the SQL written once for both stores runs on (accounts-sql.ts, member-data-sql.ts,
 * scenarios-sql.ts): statements with `?` placeholders, answered asynchronously. SQLite runs them
 * on its one connection (sqlite/sqlite-runner.ts); PostgreSQL numbers the placeholders $1, $2, …
 * and runs them on the store's connection, the transaction's inside `transaction()`
 * (postgres/pg-runner.ts). The SQL itself must mean the same in both dialects.
 */

/** A parameter: booleans are written as 0/1, lists as JSON text. */
export type SqlValue = string | number | null;

export interface SqlRunner {
  /** The rows of one statement. */
  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row of one statement, or undefined when it gives none. */
  get<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** How many rows one statement changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `fn`'s statements together: in the caller's transaction if there is one, else in a new
   * one that commits when `fn` resolves and rolls back when it throws.
   */
  atomic<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
}
