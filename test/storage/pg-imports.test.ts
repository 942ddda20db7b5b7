/**
 * Imports on PostgreSQL keep their guarantee (issue 13): a run is one transaction, so a refused
 * file leaves every table exactly as before (pg_dump of all data compared), and an import killed
 * with SIGKILL — 10 times, at random moments inside it — leaves the database as before each time.
 * Identity sequences are not part of the comparison: PostgreSQL does not roll them back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
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
import { runImportChild, writeKillFolder } from '../support/import-kill-run.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'support', 'pg-import-child.ts');
const SEED = [fixture('geo/heerlen-wijk20-codes_2019.geojson'), fixture('kwb/kwb2019_heerlen_wijk20.csv')];

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

  it('compresses the engine snapshot and the data edition with lz4 (migration 11; Debian builds PostgreSQL with lz4)', async () => {
    const client = new pg.Client({ connectionString: seedUrl });
    await client.connect();
    try {
      const methods = await client.query<{ relname: string; attname: string; attcompression: string }>(
        `SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE (c.relname, a.attname) IN (('bulk_snapshots', 'data'), ('data_editions', 'bulk_values'))
         ORDER BY c.relname`,
      );
      expect(methods.rows).toEqual([
        { relname: 'bulk_snapshots', attname: 'data', attcompression: 'l' },
        { relname: 'data_editions', attname: 'bulk_values', attcompression: 'l' },
      ]);
      // what the seed import stored reads back whole (a small snapshot may stay uncompressed)
      const stored = await client.query<{ c: string | null; n: number }>(
        'SELECT pg_column_compression(data) AS c, length(data) AS n FROM bulk_snapshots',
      );
      expect(stored.rows.length).toBeGreaterThan(0);
      for (const r of stored.rows) expect([null, 'lz4']).toContain(r.c);
    } finally {
      await client.end();
    }
  });

  it('the seeded database holds the boundaries and values (so "as before" means something)', () => {
    expect(before).toMatch(/INSERT INTO public\.geometries VALUES \('BU09172000', 2019/);
    const idOf = (table: string, key: string): string | undefined =>
      new RegExp(`INSERT INTO public\\.${table} VALUES \\((\\d+), '${key}'\\);`).exec(before)?.[1];
    const area = idOf('value_areas', 'BU09172000');
    const indicator = idOf('value_indicators', 'inhabitants');
    expect(area).toBeDefined();
    expect(indicator).toBeDefined();
    expect(before).toContain(`INSERT INTO public.area_values VALUES (2019, ${area}, ${indicator}, 2019, `);
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
    const folder = writeKillFolder(dir);
    const fullUrl = await copyDatabase(server, 'seed', 'full');
    const full = await runImportChild(CHILD, fullUrl, folder);
    expect(full.done, full.out).toBe(true);
    expect(server.dump(fullUrl)).not.toBe(before);
    const kills: number[] = [];
    for (let run = 0; kills.length < 10 && run < 20; run++) {
      const url = await copyDatabase(server, 'seed', `kill${run}`);
      const at = Math.floor(Math.random() * full.ms * 0.8);
      const r = await runImportChild(CHILD, url, folder, at);
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
