/**
 * kill -9 at random moments of a folder import, 20 times: the store is either exactly as before
 * the import or exactly as after it (every table compared), and the app answers maps either
 * way. The import runs in a child process (import-child.ts) on a copy of a store on disk
 * (SQLite in WAL mode, as `veerkracht` uses it); SIGKILL gives it no chance to clean up.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { fixture } from './source-fixtures.js';
import { dumpStore } from './store-snapshot.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(import.meta.dirname, 'import-child.ts');
const BUURTEN = ['BU09172000', 'BU09172001', 'BU09172002', 'BU09172003', 'BU09172004'];

/** A folder of three files: Leefbaarometer for wijk 20, KWB 2018 for it, and a large tidy CSV. */
function writeFolder(dir: string): string {
  const folder = join(dir, 'in');
  mkdirSync(folder);
  const lbm = ['bu_code,jaar,bu_naam,lbm,afw,fys,onv,soc,vrz,won'];
  for (const b of BUURTEN)
    for (const y of [2014, 2016, 2018, 2020, 2022, 2024])
      lbm.push(`${b},${y},buurt,4.0${y % 7},-0.1,0.01,-0.1,0.0,0.0,-0.01`);
  writeFileSync(join(folder, 'lbm3_meting2024_wijk20.csv'), `${lbm.join('\n')}\n`);
  writeFileSync(
    join(folder, 'kwb2018_heerlen_wijk20.csv'),
    `gwb_code_10,regio,a_inw,p_wcorpw\nGM0917,Heerlen,86800,37\nWK091720,Wijk 20,5600,47\n${BUURTEN.map((b, i) => `${b},b${i},${400 + i * 300},${40 + i * 5}`).join('\n')}\n`,
  );
  const tidy = ['code,year,indicator,value'];
  for (let i = 0; i < 40; i++)
    for (const b of BUURTEN)
      for (let y = 2000; y < 2026; y++)
        for (let k = 0; k < 20; k++) tidy.push(`${b},${y},x_${i}_${k},${y - 2000 + k}`);
  writeFileSync(join(folder, 'z_eigen.csv'), `${tidy.join('\n')}\n`);
  return folder;
}

/** Runs the child on `db`; kills it with SIGKILL `afterStartMs` after it started importing (never, when undefined). */
function runChild(
  db: string,
  folder: string,
  afterStartMs?: number,
): Promise<{ killed: boolean; ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, folder], { cwd: ROOT });
    let out = '';
    let started = 0;
    let killed = false;
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!started && out.includes('started')) {
        started = Date.now();
        if (afterStartMs !== undefined)
          setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, afterStartMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`import child failed (${code}): ${out}`));
      else resolve({ killed: killed && signal === 'SIGKILL', ms: started ? Date.now() - started : 0, out });
    });
  });
}

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
    folder = writeFolder(dir);
    const seed = join(dir, 'before.db');
    const store = openSqliteStore({ path: seed });
    await importPaths(store, [
      fixture('geo/heerlen-wijk20-codes_2019.geojson'),
      fixture('kwb/kwb2019_heerlen_wijk20.csv'),
    ]);
    before = dumpStore(store, { ignoreTimes: true });
    await store.close();
    copyFileSync(seed, join(dir, 'after.db'));
    const full = await runChild(join(dir, 'after.db'), folder);
    expect(full.out).toContain('done');
    importMs = full.ms;
    const done = openSqliteStore({ path: join(dir, 'after.db'), readonly: true });
    after = dumpStore(done, { ignoreTimes: true });
    await done.close();
    expect(after).not.toBe(before);
  }, 120_000);

  it('leaves the store as before or as after, and the maps answer either way', async () => {
    const outcomes = { before: 0, after: 0, killed: 0 };
    for (let run = 0; run < 20; run++) {
      const db = join(dir, `run${run}.db`);
      copyFileSync(join(dir, 'before.db'), db);
      const at = Math.floor(Math.random() * importMs * 1.1);
      const r = await runChild(db, folder, at);
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
