/**
 * A child process for the PostgreSQL kill test (test/storage/pg-imports.test.ts): imports the
 * paths given after the database URL, printing `started` when the import begins and `done` at the
 * end. The test kills it with SIGKILL at random moments.
 */
import { importPaths } from '../../src/pipeline/run-import.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';

const [url, ...paths] = process.argv.slice(2);
const store = await openPgStore({ url: url! });
process.stdout.write('started\n');
await importPaths(store, paths, {}, (r) => process.stdout.write(`reported ${r.file}\n`));
await store.close();
process.stdout.write('done\n');
