/**
 * Which thread parses a file of an import run ahead of its turn: the parse worker or the
 * import's own thread (parse-ahead.ts). One Int32 per file in a SharedArrayBuffer that both
 * threads see; the first to claim a file parses it, atomically, so no file is parsed twice.
 */
const CLAIMED_BY = { worker: 1, import: 2 } as const;

export type FileClaims = Int32Array;

export function newFileClaims(files: number): FileClaims {
  return new Int32Array(new SharedArrayBuffer(4 * Math.max(1, files)));
}

/** Claims file `index` for `by`: false when the other thread claimed it first. */
export function claimFile(claims: FileClaims, index: number, by: keyof typeof CLAIMED_BY): boolean {
  return Atomics.compareExchange(claims, index, 0, CLAIMED_BY[by]) === 0;
}
