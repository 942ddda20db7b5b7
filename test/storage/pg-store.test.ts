/**
 * The PostgreSQL store against a real PostgreSQL server (test/support/postgres-server.ts): the
 * store, members and scenario contracts, each test on a fresh database.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import { runMembersStoreContract } from '../../src/storage/members-store.contract.js';
import { runScenarioStoreContract } from '../../src/storage/scenario-store.contract.js';
import { runStoreContract } from '../../src/storage/store.contract.js';
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
