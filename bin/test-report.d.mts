// Types of test-report.mjs, the counting of the test command (bin/test-all.mjs).

/** Tests skipped in one file and top-level describe, with why. */
export interface SkippedSuite {
  /** The test file, relative to the run's root when one was given. */
  file: string;
  /** The top-level describe (or the test's own title when it has none). */
  suite: string;
  count: number;
  reason: string;
}

export interface Tally {
  passed: number;
  failed: number;
  /** One line per failure, naming the step, test, or suite. */
  failures: string[];
  skipped: SkippedSuite[];
}

export interface VitestRun {
  /** vitest's exit status; null when it was killed by a signal. */
  exitStatus: number | null;
  signal?: string | null;
  /** The text of the `--reporter=json --outputFile` report; undefined when there is none. */
  reportText: string | undefined;
  /** Test file names are shown relative to this folder. */
  root?: string;
  /** Why the skipped tests of a file (absolute path) were skipped. */
  explainSkip?: (file: string) => string;
}

export const CHROMIUM_MISSING: string;
export function createTally(): Tally;
export function countStep(tally: Tally, name: string, ok: boolean): void;
export function countVitestRun(tally: Tally, run: VitestRun): void;
export function findSkipReason(source: string, env?: Record<string, string | undefined>): string;
export function explainSkipFromSource(path: string, env?: Record<string, string | undefined>): string;
export function formatSummary(tally: Tally): string[];
export function exitCodeFor(tally: Tally): 0 | 1;
