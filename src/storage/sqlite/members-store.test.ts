/** Store.members on SQLite: the members contract (../members-store.contract.ts). */
import { describe } from 'vitest';
import { runMembersStoreContract } from '../members-store.contract.js';
import { openSqliteStore } from './sqlite-store.js';

describe('SQLite members store', () => runMembersStoreContract(() => openSqliteStore({ path: ':memory:' })));
