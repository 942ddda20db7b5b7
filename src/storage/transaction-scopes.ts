/**
 * Which transaction a call belongs to, on a connection that everything inside a transaction
 * shares (SQLite's one connection; the connection a PostgreSQL transaction holds). It is told by
 * the call's async context (AsyncLocalStorage): a `transaction()` called within a transaction's
 * callback — through `tx`, through an outer unit of work, or through a store method that opens
 * one itself (writeBatch, members' `atomic`) — nests in it (a savepoint); one called from
 * anywhere else runs in the scope around it. The transactions opened in one scope (outside any
 * transaction, or inside one) take turns: one runs, the others wait in call order, and each ends
 * before the next begins, also when it fails. Two callers that interleave at `await` points
 * therefore never share a transaction or a savepoint.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where a `transaction()` call opens its transaction: outside any transaction (depth 0: it opens
 * one) or inside an open one (depth ≥ 1: it opens a savepoint).
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

export class TransactionScopes {
  private readonly outside = new TransactionScope(undefined, 0);
  private readonly context = new AsyncLocalStorage<TransactionScope>();

  /**
   * Runs `body` when its scope's turn comes, with its depth: 1 for a transaction opened outside
   * any, more for a savepoint. Calls made within `body`'s async context nest in it.
   */
  async run<T>(body: (depth: number) => Promise<T>): Promise<T> {
    const outer = this.openScope();
    if (!outer.takeTurn()) {
      await outer.nextTurn();
      if (!outer.open) {
        // left running by a transaction that has ended meanwhile: it goes to the scope around it
        outer.endTurn();
        return this.run(body);
      }
    }
    const scope = new TransactionScope(outer, outer.depth + 1);
    try {
      return await this.context.run(scope, () => body(scope.depth));
    } finally {
      scope.open = false;
      outer.endTurn();
    }
  }

  /** The innermost transaction still open around this call, or the scope outside any. */
  private openScope(): TransactionScope {
    let scope = this.context.getStore() ?? this.outside;
    while (!scope.open) scope = scope.outer ?? this.outside;
    return scope;
  }
}
