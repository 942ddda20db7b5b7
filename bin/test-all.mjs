#!/usr/bin/env node
// The one test command: type check, lint, format check, then every vitest suite (unit, API, pipeline on real
// data, browser e2e). Prints a plain "N passed, N failed" line at the end and exits non-zero on
// any failure. Tests that need ../shared/data read it from VEERKRACHT_REAL_DATA.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

for (const [name, args] of [
  ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', ['eslint', '--max-warnings=0', 'src', 'test', 'bench', 'web/src']],
  ['format', ['prettier', '--check', '--log-level=warn', 'src/**/*.ts', 'test/**/*.ts', 'web/src/**/*.ts', 'web/*.ts', 'bench/**/*.ts']],
]) {
  if (step(name, 'npx', args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

if (!existsSync('web/dist/index.html') || process.env.VEERKRACHT_REBUILD_WEB !== '0') {
  if (existsSync('web/vite.config.ts')) {
    if (step('build web', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) passed++;
    else {
      failed++;
      failures.push('build web');
    }
  }
}

mkdirSync('test-output', { recursive: true });
const report = 'test-output/vitest.json';
step('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of json.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed++;
      else if (t.status === 'failed') {
        failed++;
        failures.push(`${t.ancestorTitles.join(' > ')} > ${t.title}`);
      } else skipped++;
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      failed++;
      failures.push(`${file.name}: ${String(file.message).split('\n')[0]}`);
    }
  }
} else {
  failed++;
  failures.push('vitest produced no report');
}

if (failures.length) {
  process.stdout.write('\nFailed:\n');
  for (const f of failures) process.stdout.write(`  - ${f}\n`);
}
if (!process.env.VEERKRACHT_REAL_DATA) {
  process.stdout.write('\nreal-data tests skipped: VEERKRACHT_REAL_DATA is not set (point it at ../shared/data)\n');
}
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
