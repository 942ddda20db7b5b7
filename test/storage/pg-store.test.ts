/**
 * The PostgreSQL store against a real PostgreSQL server (test/support/postgres-server.ts): the
 * store, members and scenario contracts, each test on a fresh database.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { ValueColumns } from '../../src/core/value-columns.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import { runMembersStoreContract } from '../../src/storage/members-store.contract.js';
import { runScenarioStoreContract } from '../../src/storage/scenario-store.contract.js';
import { runStoreContract, sampleBatch } from '../../src/storage/store.contract.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';

describe.skipIf(!hasPostgres)('PgStore on a real PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const open = async () => openPgStore({ url: await server.createDatabase(), max: 4 });
  describe('store contract', () => runStoreContract(open));
  describe('scenario contract', () => runScenarioStoreContract(open));
  describe('members contract', () => runMembersStoreContract(open));
});

describe.skipIf(!hasPostgres)('PgStore: one connection carries an import while others read', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a bulk read takes the dictionaries and the values from one snapshot while an import commits new areas in between', async () => {
    const store = await openPgStore({ url: await server.createDatabase('bulk-snapshot'), max: 3 });
    try {
      await store.writeBatch(sampleBatch('first'), {});
      const more = sampleBatch('more');
      more.values = ValueColumns.from(more.values.toArray().map((v) => ({ ...v, areaCode: 'BU09990001' })));
      // the import commits once the read has its area dictionary, before its values
      const pool = (store as unknown as { pool: pg.Pool }).pool;
      const connect = pool.connect.bind(pool);
      let committed = false;
      // pool.query connects with a callback: left as it is
      pool.connect = ((callback?: Parameters<typeof connect>[0]) =>
        callback ? connect(callback) : readerClient()) as typeof pool.connect;
      const readerClient = async (): Promise<pg.PoolClient> => {
        const client = await connect();
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        (client as { query: unknown }).query = (...args: unknown[]) => {
          const result = query(...args);
          if (
            !committed &&
            typeof args[0] === 'string' &&
            args[0].includes('code AS name FROM value_areas')
          ) {
            committed = true;
            return (result as Promise<unknown>).then(async (r) => {
              await store.writeBatch(more, {});
              return r;
            });
          }
          return result;
        };
        return client;
      };
      const read = await store.getBulkValues({ divisionYear: 2019 });
      expect(committed).toBe(true);
      expect(read.areaCodes).toEqual(['BU09171000', 'BU09280000']); // the commit in between is not half-seen
      pool.connect = connect as typeof pool.connect;
      expect((await store.getBulkValues({ divisionYear: 2019 })).areaCodes).toContain('BU09990001');
    } finally {
      await store.close();
    }
  });

  it('reads through the store during an open transaction see the data as before, without waiting; after COMMIT they see it', async () => {
    const store = await openPgStore({ url: await server.createDatabase('concurrent'), max: 3 });
    try {
      await store.writeBatch(sampleBatch('first'), {});
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const inside = new Promise<void>((resolve) => (written = resolve));
      const second = sampleBatch('second');
      second.values = ValueColumns.from(second.values.toArray().map((v) => ({ ...v, year: 2019 })));
      const run = store.transaction(async (tx) => {
        await tx.writeBatch(second, {});
        expect((await tx.getValues({ years: [2019] })).length).toBe(3);
        written();
        await held;
      });
      await inside;
      const t0 = performance.now();
      expect(await store.getValues({ years: [2019] })).toEqual([]);
      expect((await store.listImports()).map((i) => i.checksum)).toEqual(['first']);
      expect((await store.getBulkValues({ divisionYear: 2019 })).count).toBe(3);
      expect(performance.now() - t0).toBeLessThan(2000);
      release();
      await run;
      expect((await store.getValues({ years: [2019] })).length).toBe(3);
      expect((await store.listImports()).map((i) => i.checksum)).toEqual(['first', 'second']);
    } finally {
      await store.close();
    }
  });

  it('refuses an unreachable database with STORE_UNAVAILABLE, naming it without the password', async () => {
    const error = await openPgStore({
      url: `postgres://veerkracht:geheim@127.0.0.1:${server.port + 1}/none`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE_UNAVAILABLE');
    expect((error as AppError).message).toContain('postgres://veerkracht:***@127.0.0.1');
    expect((error as AppError).message).not.toContain('geheim');
  });
});
