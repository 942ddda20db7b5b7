#!/usr/bin/env node
// `npm start`: build what is missing or older than its sources — the web app (web/dist) and the
// CLI (dist/) — then run `veerkracht start` in this process (load data into an empty store —
// official open data when online, else a labelled demo — and serve on :8080).
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

/** Runs a build step (a node script of a dev dependency) when its output is missing or stale. */
function buildWhenStale(what, output, sources, script, args) {
  const stale = !existsSync(output) || sources.some((dir) => newestMtime(dir) > statSync(output).mtimeMs);
  if (!stale) return;
  if (!existsSync(script)) {
    if (existsSync(output)) return; // a production install without the build tools: use what is built
    process.stderr.write(`veerkracht: ${what} is not built and ${script} is missing: run \`npm install\`\n`);
    process.exit(1);
  }
  process.stdout.write(`veerkracht: building ${what}…\n`);
  const b = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

buildWhenStale(
  'the web app',
  join(root, 'web/dist/index.html'),
  [join(root, 'web/src')],
  join(root, 'node_modules/vite/bin/vite.js'),
  ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
);
buildWhenStale(
  'the command line',
  join(root, 'dist/cli/main.js'),
  [join(root, 'src')],
  join(root, 'node_modules/typescript/bin/tsc'),
  ['-p', 'tsconfig.build.json'],
);

const { runMain } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
await runMain(['start', ...process.argv.slice(2)]);
