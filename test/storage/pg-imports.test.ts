/**
 * Imports on PostgreSQL keep their guarantee (issue 13): a run is one transaction, so a refused
 * file leaves every table exactly as before (pg_dump of all data compared), and an import killed
 * with SIGKILL — 10 times, at random moments inside it — leaves the database as before each time.
 * Identity sequences are not part of the comparison: PostgreSQL does not roll them back.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import { fixture } from '../pipeline/source-fixtures.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'support', 'pg-import-child.ts');
const BUURTEN = ['BU09172000', 'BU09172001', 'BU09172002', 'BU09172003', 'BU09172004'];
const SEED = [fixture('geo/heerlen-wijk20-codes_2019.geojson'), fixture('kwb/kwb2019_heerlen_wijk20.csv')];

/** Leefbaarometer and KWB 2018 for wijk 20, and a large tidy CSV (so that a kill lands inside). */
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

function runChild(
  url: string,
  folder: string,
  afterStartMs?: number,
): Promise<{ killed: boolean; done: boolean; ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, folder], { cwd: ROOT });
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

/** CREATE DATABASE … TEMPLATE …: a copy of the seeded database. */
async function copyDatabase(server: PostgresServer, template: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return server.adminUrl.replace(/\/postgres$/, `/${name}`);
}

describe.skipIf(!hasPostgres)('imports on PostgreSQL', () => {
  let server: PostgresServer;
  let seedUrl: string;
  let before: string;
  let dir: string;

  beforeAll(async () => {
    server = await startPostgres();
    seedUrl = await server.createDatabase('seed');
    const store = await openPgStore({ url: seedUrl });
    await importPaths(store, SEED);
    await store.close();
    before = server.dump(seedUrl);
    dir = mkdtempSync(join(tmpdir(), 'vk-pg-import-'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('the seeded database holds the boundaries and values (so "as before" means something)', () => {
    expect(before).toMatch(/INSERT INTO public\.geometries VALUES \('BU09172000', 2019/);
    expect(before).toMatch(
      /INSERT INTO public\.area_values VALUES \(2019, 'BU09172000', 'inhabitants', 2019/,
    );
    expect(before.split('\n').filter((l) => l.startsWith('INSERT INTO public.import_log'))).toHaveLength(2);
  });

  it('a refused file in a run leaves every table exactly as before', async () => {
    const url = await copyDatabase(server, 'seed', 'refused');
    const bad = join(dir, 'eigen-bad.csv');
    writeFileSync(bad, 'code,year,indicator,value\nBU09172000,2019,x_a,12\nBU09172001,2019,x_a,twaalf\n');
    const store = await openPgStore({ url });
    const error = await importPaths(store, [
      fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv'),
      bad,
    ]).catch((e: unknown) => e);
    await store.close();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALUE_NOT_A_NUMBER');
    expect((error as AppError).location).toMatchObject({
      file: expect.stringContaining('eigen-bad.csv'),
      line: 3,
    });
    expect(server.dump(url)).toBe(before);
  });

  it('kill -9 during an import, 10 times: the database as before each time, and the maps answer', async () => {
    const folder = writeFolder(dir);
    const fullUrl = await copyDatabase(server, 'seed', 'full');
    const full = await runChild(fullUrl, folder);
    expect(full.done, full.out).toBe(true);
    expect(server.dump(fullUrl)).not.toBe(before);
    const kills: number[] = [];
    for (let run = 0; kills.length < 10 && run < 20; run++) {
      const url = await copyDatabase(server, 'seed', `kill${run}`);
      const at = Math.floor(Math.random() * full.ms * 0.8);
      const r = await runChild(url, folder, at);
      if (r.done) continue; // the kill came after the commit: not a kill during the import
      expect(r.killed, r.out).toBe(true);
      expect(server.dump(url), `run ${run}: killed ${at} ms into the import`).toBe(before);
      kills.push(at);
      const store = await openPgStore({ url, max: 2 });
      try {
        const app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
        expect((await app.request('/api/maps?area=GM0917&map=corporatiebezit')).status).toBe(200);
      } finally {
        await store.close();
      }
    }
    expect(kills).toHaveLength(10);
  }, 600_000);
});
