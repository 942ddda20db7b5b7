/**
 * What the kill -9 tests of both stores share (test/pipeline/import-kill.test.ts on SQLite,
 * test/storage/pg-imports.test.ts on PostgreSQL): the folder they import, and a child process
 * that imports it and is killed with SIGKILL a given time after it says "started".
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** The buurten of wijk 20 of Heerlen the folder has values for. */
const KILL_BUURTEN = ['BU09172000', 'BU09172001', 'BU09172002', 'BU09172003', 'BU09172004'];

/** A folder of three files: Leefbaarometer for wijk 20, KWB 2018 for it, and a large tidy CSV (so that a kill lands inside). */
export function writeKillFolder(dir: string): string {
  const folder = join(dir, 'in');
  mkdirSync(folder);
  const lbm = ['bu_code,jaar,bu_naam,lbm,afw,fys,onv,soc,vrz,won'];
  for (const b of KILL_BUURTEN)
    for (const y of [2014, 2016, 2018, 2020, 2022, 2024])
      lbm.push(`${b},${y},buurt,4.0${y % 7},-0.1,0.01,-0.1,0.0,0.0,-0.01`);
  writeFileSync(join(folder, 'lbm3_meting2024_wijk20.csv'), `${lbm.join('\n')}\n`);
  writeFileSync(
    join(folder, 'kwb2018_heerlen_wijk20.csv'),
    `gwb_code_10,regio,a_inw,p_wcorpw\nGM0917,Heerlen,86800,37\nWK091720,Wijk 20,5600,47\n${KILL_BUURTEN.map((b, i) => `${b},b${i},${400 + i * 300},${40 + i * 5}`).join('\n')}\n`,
  );
  const tidy = ['code,year,indicator,value'];
  for (let i = 0; i < 40; i++)
    for (const b of KILL_BUURTEN)
      for (let y = 2000; y < 2026; y++)
        for (let k = 0; k < 20; k++) tidy.push(`${b},${y},x_${i}_${k},${y - 2000 + k}`);
  writeFileSync(join(folder, 'z_eigen.csv'), `${tidy.join('\n')}\n`);
  return folder;
}

export interface ChildRun {
  /** The child was killed by our SIGKILL. */
  killed: boolean;
  /** The child said "done" (the import committed). */
  done: boolean;
  /** From "started" to its exit. */
  ms: number;
  out: string;
}

/**
 * Runs `script` (with tsx) on `target` (a store path or URL) and `folder`; kills it with SIGKILL
 * `afterStartMs` after it printed "started" (never, when undefined).
 */
export function runImportChild(
  script: string,
  target: string,
  folder: string,
  afterStartMs?: number,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, target, folder], { cwd: ROOT });
    let out = '';
    let started = 0;
    let killed = false;
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!started && out.includes('started')) {
        started = Date.now();
        if (afterStartMs !== undefined) setTimeout(() => (killed = child.kill('SIGKILL')), afterStartMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`import child failed (${code}): ${out}`));
      else
        resolve({
          killed: killed && signal === 'SIGKILL',
          done: out.includes('done'),
          ms: started ? Date.now() - started : 0,
          out,
        });
    });
  });
}
