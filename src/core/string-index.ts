/**
 * Each distinct string numbered from 0 in the order first seen — a string table for values
 * written as columns (the import's batch crossing threads, PostgreSQL's dictionary keys). The
 * last key is remembered: values arrive in runs of one area code or one source column.
 */
export class StringIndex {
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private lastKey: string | undefined;
  private lastNumber = 0;

  /** The number of `key`, numbering it when it is new. */
  of(key: string): number {
    if (key === this.lastKey) return this.lastNumber;
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.keys.push(key) - 1;
      this.index.set(key, n);
    }
    this.lastKey = key;
    this.lastNumber = n;
    return n;
  }

  /** The number of a key seen before, undefined for one never seen. */
  numberOf(key: string): number | undefined {
    return this.index.get(key);
  }
}
