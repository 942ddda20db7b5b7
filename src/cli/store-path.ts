import { resolve } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../storage/sqlite/sqlite-store.js';

/** The store file: VEERKRACHT_DB, or ./data/veerkracht.db. */
export function storePath(): string {
  return resolve(process.env['VEERKRACHT_DB'] ?? 'data/veerkracht.db');
}

export function openDefaultStore(): SqliteStore {
  return openSqliteStore({ path: storePath() });
}
