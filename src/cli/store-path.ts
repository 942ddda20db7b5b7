import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../core/app-error.js';
import { describeStore, openStore, type StoreLocation } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';

/** The store file: VEERKRACHT_DB, or ./data/veerkracht.db. */
export function storePath(): string {
  return resolve(process.env['VEERKRACHT_DB'] ?? 'data/veerkracht.db');
}

/** Where the commands' store is: VEERKRACHT_DATABASE_URL (PostgreSQL) when set, else the file. */
function storeLocation(readonly = false): StoreLocation {
  return { databaseUrl: process.env['VEERKRACHT_DATABASE_URL'], path: storePath(), readonly };
}

/** The store as messages name it: the file, or "PostgreSQL postgres://user:***@host/db". */
export function storeLabel(): string {
  return describeStore(storeLocation());
}

/**
 * Opens the store (PostgreSQL when VEERKRACHT_DATABASE_URL is set, else the SQLite file).
 * Read-only (for commands that only read) refuses a missing SQLite file with NO_DATA instead of
 * creating an empty one.
 */
export async function openDefaultStore(options: { readonly?: boolean } = {}): Promise<Store> {
  const where = storeLocation(options.readonly ?? false);
  if (!where.databaseUrl && options.readonly && !existsSync(where.path))
    throw new AppError(
      'NO_DATA',
      `there is no store at ${where.path}: import data first (\`veerkracht import\`, \`veerkracht fetch\`) or set VEERKRACHT_DB (or VEERKRACHT_DATABASE_URL)`,
    );
  return openStore(where);
}
