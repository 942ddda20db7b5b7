/** The bad-input tests' one check: an import is refused with its code and leaves the store as it was. */
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/app-error.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { dumpStore } from './store-snapshot.js';

/**
 * Imports `paths` into the store `seed` makes (one that already holds values, so "as before"
 * means something); asserts the refusal — its code, never INTERNAL, a location naming the file —
 * and that every table is unchanged. Returns the error for further checks.
 */
export async function expectRefusedImport(
  seed: () => Promise<SqliteStore>,
  paths: string[],
  code: ErrorCode,
  options: ImportOptions = {},
): Promise<AppError> {
  const store = await seed();
  const before = dumpStore(store);
  const error = await importPaths(store, paths, options).catch((e: unknown) => e);
  expect(error, String(error)).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code, e.message).toBe(code);
  expect(e.code).not.toBe('INTERNAL');
  expect(e.location?.file, e.message).toBeTruthy();
  expect(dumpStore(store)).toBe(before);
  await store.close();
  return e;
}
