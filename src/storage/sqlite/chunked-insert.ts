/**
 * One INSERT with many rows per statement, in the order added (the rows that do not fill a
 * statement one statement each). SQLite inserts a multi-row VALUES row by row, so a key repeated
 * in one statement meets the conflict clause as it would in separate statements: the same result,
 * with one call per statement instead of one per row. Used for areas and names (batch-write.ts)
 * and for value rows that carry all ten columns (value-rows.ts).
 */
import type Database from 'better-sqlite3';

export class ChunkedInsert {
  private readonly params: unknown[];
  private pending = 0;
  private many: Database.Statement | undefined;
  private one: Database.Statement | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly rowsPerStatement: number,
    private readonly head: string,
    private readonly width: number,
    private readonly tail = '',
  ) {
    this.params = new Array<unknown>(rowsPerStatement * width);
  }

  add(...row: unknown[]): void {
    const at = this.pending++ * this.width;
    for (let k = 0; k < this.width; k++) this.params[at + k] = row[k];
    if (this.pending === this.rowsPerStatement) {
      this.many ??= this.db.prepare(this.sql(this.rowsPerStatement));
      this.many.run(this.params);
      this.pending = 0;
    }
  }

  /** Writes what is pending, one statement per row. */
  flush(): void {
    if (this.pending === 0) return;
    this.one ??= this.db.prepare(this.sql(1));
    for (let j = 0; j < this.pending; j++) {
      this.one.run(this.params.slice(j * this.width, (j + 1) * this.width));
    }
    this.pending = 0;
  }

  private sql(rows: number): string {
    const row = `(${Array<string>(this.width).fill('?').join(', ')})`;
    return `${this.head} ${Array<string>(rows).fill(row).join(', ')} ${this.tail}`;
  }
}
