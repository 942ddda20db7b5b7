/** Shared helpers for the source-parser tests: fixture paths, temporary files and a fresh store. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A file under test/fixtures. */
export function fixture(relative: string): string {
  return join(here, '..', 'fixtures', relative);
}

/** Writes `content` to a new temporary folder as `name`; returns the path. */
export function tmpFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'vk-src-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export function memoryStore(): SqliteStore {
  return openSqliteStore({ path: ':memory:' });
}

/** The values of one indicator as `code year → value`, for compact assertions. */
export async function valueMap(
  store: SqliteStore,
  indicator: string,
): Promise<Record<string, number | null>> {
  const rows = await store.getValues({ indicators: [indicator] });
  return Object.fromEntries(rows.map((r) => [`${r.areaCode} ${r.year}`, r.value]));
}
