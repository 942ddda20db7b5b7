import { describe } from 'vitest';
import { runScenarioStoreContract } from '../scenario-store.contract.js';
import { openSqliteStore } from './sqlite-store.js';

describe('SQLite saved scenarios (migration 8)', () => {
  runScenarioStoreContract(() => openSqliteStore({ path: ':memory:' }));
});
