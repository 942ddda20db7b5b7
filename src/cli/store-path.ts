import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/app-error.js';
import { openSqliteStore, type SqliteStore } from '../storage/sqlite/sqlite-store.js';

/** The store file: VEERKRACHT_DB, or ./data/veerkracht.db. */
export function storePath(): string {
  return resolve(process.env['VEERKRACHT_DB'] ?? 'data/veerkracht.db');
}

/**
 * Opens the store. Read-only (for commands that only read) refuses a missing store with NO_DATA
 * instead of creating an empty one.
 */
export function openDefaultStore(options: { readonly?: boolean } = {}): SqliteStore {
  const path = storePath();
  if (options.readonly && !existsSync(path))
    throw new AppError(
      'NO_DATA',
      `there is no store at ${path}: import data first (\`veerkracht import\`, \`veerkracht fetch\`) or set VEERKRACHT_DB`,
    );
  return openSqliteStore({ path, ...(options.readonly ? { readonly: true } : {}) });
}
