/**
 * kill -9 at random moments of a folder import, 20 times: the store is either exactly as before
 * the import or exactly as after it (every table compared), and the app answers maps either
 * way. The import runs in a child process (import-child.ts) on a copy of a store on disk
 * (SQLite in WAL mode, as `veerkracht` uses it); SIGKILL gives it no chance to clean up.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { fixture } from './source-fixtures.js';
import { dumpStore } from './store-snapshot.js';
import { runImportChild, writeKillFolder } from '../support/import-kill-run.js';

const CHILD = join(import.meta.dirname, 'import-child.ts');

async function answersMaps(db: string): Promise<number[]> {
  const store = openSqliteStore({ path: db, readonly: true });
  try {
    const app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
    const statuses: number[] = [];
    for (const url of ['/api/maps/definitions?area=GM0917', '/api/maps?area=GM0917&map=corporatiebezit'])
      statuses.push((await app.request(url)).status);
    return statuses;
  } finally {
    await store.close();
  }
}

describe('kill -9 during a folder import, 20 times', () => {
  let dir: string;
  let before: string;
  let after: string;
  let folder: string;
  let importMs: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vk-kill-'));
    folder = writeKillFolder(dir);
    const seed = join(dir, 'before.db');
    const store = openSqliteStore({ path: seed });
    await importPaths(store, [
      fixture('geo/heerlen-wijk20-codes_2019.geojson'),
      fixture('kwb/kwb2019_heerlen_wijk20.csv'),
    ]);
    before = dumpStore(store, { ignoreTimes: true });
    await store.close();
    copyFileSync(seed, join(dir, 'after.db'));
    const full = await runImportChild(CHILD, join(dir, 'after.db'), folder);
    expect(full.out).toContain('done');
    importMs = full.ms;
    const done = openSqliteStore({ path: join(dir, 'after.db'), readonly: true });
    after = dumpStore(done, { ignoreTimes: true });
    await done.close();
    expect(after).not.toBe(before);
  }, 120_000);

  it('leaves the store as before or as after, and the maps answer either way', async () => {
    const outcomes = { before: 0, after: 0, killed: 0 };
    // kills are drawn inside the import's duration: the first full run's, shortened to any run
    // that finished before its kill came (the machine's load changes how long an import takes)
    let window = importMs;
    for (let run = 0; run < 20; run++) {
      const db = join(dir, `run${run}.db`);
      copyFileSync(join(dir, 'before.db'), db);
      const at = Math.floor(Math.random() * window * 0.9);
      const r = await runImportChild(CHILD, db, folder, at);
      if (!r.killed) window = Math.min(window, r.ms);
      const store = openSqliteStore({ path: db });
      const dump = dumpStore(store, { ignoreTimes: true });
      await store.close();
      expect(
        dump === before || dump === after,
        `run ${run}: killed ${r.killed} after ${at} ms: the store is neither as before nor as after`,
      ).toBe(true);
      outcomes[dump === before ? 'before' : 'after']++;
      if (r.killed) outcomes.killed++;
      expect(await answersMaps(db), `run ${run}`).toEqual([200, 200]);
    }
    // the kills land inside the import (most runs are killed, and those end as before)
    expect(outcomes.killed).toBeGreaterThanOrEqual(10);
    expect(outcomes.before).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
