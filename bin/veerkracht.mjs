#!/usr/bin/env node
// `veerkracht`: runs the compiled CLI (dist/, built by `npm install` or `npm run build`) in this
// process — no child process, so Ctrl-C and SIGTERM reach the command itself (see
// src/cli/main.ts). `npm run veerkracht` runs the TypeScript source through tsx instead.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('veerkracht is not built: run `npm install` or `npm run build`\n');
  process.exit(1);
}
const { runMain } = await import(main.href);
await runMain(process.argv.slice(2));
