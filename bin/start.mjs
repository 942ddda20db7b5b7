#!/usr/bin/env node
// `npm start`: build the web app when needed, then `veerkracht start` (load data into an empty
// store — official open data when online, else a labelled demo — and serve on :8080).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const built = join(root, 'web/dist/index.html');
const stale = !existsSync(built) || newestMtime(join(root, 'web/src')) > statSync(built).mtimeMs;
if (stale) {
  process.stdout.write('veerkracht: building the web app…\n');
  const b = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
