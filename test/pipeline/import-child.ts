/**
 * A child process for import-kill.test.ts: imports the paths given after the store path into
 * that store, printing `started` when the import begins and `reported <file>` per file, then
 * `done`. The test kills it with SIGKILL at random moments.
 */
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const [db, ...paths] = process.argv.slice(2);
const store = openSqliteStore({ path: db! });
process.stdout.write('started\n');
await importPaths(store, paths, {}, (r) => process.stdout.write(`reported ${r.file}\n`));
await store.close();
process.stdout.write('done\n');
