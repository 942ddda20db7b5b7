/**
 * The one place a store is opened by kind: PostgreSQL when a database URL is given
 * (VEERKRACHT_DATABASE_URL=postgres://…), else the SQLite file. The CLI (src/cli/store-path.ts)
 * and the benchmarks open stores through it; the server and the pipeline only see `Store`.
 */
import { AppError } from '../core/app-error.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface StoreLocation {
  /** postgres://… or postgresql://…; when set, `path` is ignored. */
  databaseUrl?: string | undefined;
  /** The SQLite file (or ':memory:'). */
  path: string;
  /** SQLite only: open read-only (PostgreSQL is opened read-write, and migrated, always). */
  readonly?: boolean;
}

export function isPostgresUrl(url: string | undefined): boolean {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(where: StoreLocation): Promise<Store> {
  if (where.databaseUrl !== undefined && where.databaseUrl !== '') {
    if (!isPostgresUrl(where.databaseUrl))
      throw new AppError(
        'USAGE',
        `VEERKRACHT_DATABASE_URL must start with postgres:// or postgresql://, got '${where.databaseUrl.split(':')[0]}:…'`,
      );
    const { openPgStore } = await import('./postgres/pg-store.js'); // pg is loaded only when used
    return openPgStore({ url: where.databaseUrl });
  }
  return openSqliteStore({ path: where.path, ...(where.readonly ? { readonly: true } : {}) });
}

/** How a store is named in messages: the file, or the database URL without its password. */
export function describeStore(where: StoreLocation): string {
  if (where.databaseUrl)
    return `PostgreSQL ${where.databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`;
  return where.path;
}
