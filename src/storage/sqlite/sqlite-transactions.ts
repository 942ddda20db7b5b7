/**
 * Transactions on the SQLite store's one connection. Because the unit of work is the store, which
 * transaction a call belongs to is told by its async context (AsyncLocalStorage): a
 * `transaction()` called within a transaction's callback — through
 * `tx`, or a store method that opens one itself (writeBatch, members' `atomic`) — is a savepoint
 * in it; one called from anywhere else (another request, another member of a `Promise.all`) is
 * independent and waits until the open one has committed or rolled back. The transactions opened
 * in one scope (the store, or one transaction) run one at a time, in the order they were called.
 * Statements outside `transaction()` (reads, single-statement writes) share the connection: from
 * another caller while a transaction is open they see its uncommitted writes and join it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

/**
 * Where a `transaction()` call opens its transaction: the store outside any transaction (depth 0:
 * it opens BEGIN IMMEDIATE … COMMIT) or an open transaction (depth ≥ 1: it opens a savepoint). The
 * transactions opened in one scope take turns: one runs, the others wait in call order.
 */
class TransactionScope {
  /** False once the transaction has ended (work it left running belongs to the scope around it). */
  open = true;
  private running = false;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly outer: TransactionScope | undefined,
    readonly depth: number,
  ) {}

  /** Takes the turn if no transaction of this scope is running; false: wait with `nextTurn`. */
  takeTurn(): boolean {
    if (this.running) return false;
    this.running = true;
    return true;
  }

  nextTurn(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the turn to the first one waiting, if any. */
  endTurn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running = false;
  }
}

/** The transactions of one connection: BEGIN IMMEDIATE … COMMIT, or savepoints inside one. */
export class SqliteTransactions {
  private readonly outside = new TransactionScope(undefined, 0);
  private readonly context = new AsyncLocalStorage<TransactionScope>();

  constructor(private readonly db: Database.Database) {}

  /**
   * Runs fn in a transaction, or in a savepoint when called within a transaction's async context.
   * Each ends before the next one in its scope begins, also when it fails.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.openScope();
    if (!outer.takeTurn()) {
      await outer.nextTurn();
      if (!outer.open) {
        // left running by a transaction that has ended meanwhile: it goes to the scope around it
        outer.endTurn();
        return this.run(fn);
      }
    }
    const scope = new TransactionScope(outer, outer.depth + 1);
    const savepoint = `sp${scope.depth}`;
    try {
      this.db.exec(scope.depth === 1 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      try {
        const result = await this.context.run(scope, fn);
        this.db.exec(scope.depth === 1 ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (e) {
        // also when COMMIT fails; SQLite itself rolls back on some errors (a full disk, an interrupt)
        if (this.db.inTransaction) {
          this.db.exec(scope.depth === 1 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        }
        throw e;
      }
    } finally {
      scope.open = false;
      outer.endTurn();
    }
  }

  /** The innermost transaction still open around this call, or the store outside any. */
  private openScope(): TransactionScope {
    let scope = this.context.getStore() ?? this.outside;
    while (!scope.open) scope = scope.outer ?? this.outside;
    return scope;
  }
}
