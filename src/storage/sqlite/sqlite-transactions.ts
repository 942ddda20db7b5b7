/**
 * Transactions on the SQLite store's one connection: BEGIN IMMEDIATE … COMMIT, or a savepoint
 * when called within a transaction's async context; independent transactions take turns
 * (../transaction-scopes.ts). Statements outside `transaction()` (reads, single-statement writes)
 * share the connection: from another caller while a transaction is open they see its uncommitted
 * writes and join it.
 */
import type Database from 'better-sqlite3';
import { TransactionScopes } from '../transaction-scopes.js';

/** Runs fn in the store's transaction: a new one, or a savepoint in the one around it (SqliteTransactions.run). */
export type InTransaction = <T>(fn: () => Promise<T>) => Promise<T>;

export class SqliteTransactions {
  private readonly scopes = new TransactionScopes();

  constructor(private readonly db: Database.Database) {}

  /** Runs fn in a transaction, or in a savepoint inside the one around it. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.scopes.run(async (depth) => {
      const savepoint = `sp${depth}`;
      this.db.exec(depth === 1 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      try {
        const result = await fn();
        this.db.exec(depth === 1 ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (e) {
        // also when COMMIT fails; SQLite itself rolls back on some errors (a full disk, an interrupt)
        if (this.db.inTransaction) {
          this.db.exec(depth === 1 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        }
        throw e;
      }
    });
  }
}
