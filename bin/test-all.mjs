#!/usr/bin/env node
// The one test command: type check, lint, format check, build, a Chromium and a GDAL check, then
// every vitest suite (unit, API, pipeline on real data, browser e2e). Ends with skipped suites and
// why, then the plain last line "N passed, N failed"; exits non-zero on any failure, including any way vitest
// fails (see test-report.mjs). Tests that need ../shared/data read it from VEERKRACHT_REAL_DATA.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import {
  CHROMIUM_MISSING,
  countStep,
  countVitestRun,
  createTally,
  exitCodeFor,
  explainSkipFromSource,
  formatSummary,
} from './test-report.mjs';

const tally = createTally();

function run(name, cmd, args) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  return spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
}

function step(name, cmd, args) {
  countStep(tally, name, run(name, cmd, args).status === 0);
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '--max-warnings=0', 'src', 'test', 'bench', 'web/src']);
step('format', 'npx', [
  'prettier',
  '--check',
  '--log-level=warn',
  'src/**/*.ts',
  'test/**/*.ts',
  'web/src/**/*.ts',
  'web/*.ts',
  'bench/**/*.ts',
]);

// `npm run build` (src → dist/ and the web app) when package.json has it, else the web app alone.
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
if (scripts.build) step('build', 'npm', ['run', 'build']);
else if (!existsSync('web/dist/index.html') || process.env.VEERKRACHT_REBUILD_WEB !== '0') {
  if (existsSync('web/vite.config.ts')) {
    step('build web', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  }
}

// The browser tests need Chromium; without it the run fails rather than passing without them.
const chromiumPath = process.env.VEERKRACHT_CHROMIUM || '/usr/bin/chromium';
process.stdout.write(`\n=== chromium: ${chromiumPath}\n`);
if (!existsSync(chromiumPath) && !process.env.VEERKRACHT_CHROMIUM && canInstallWithApt()) {
  process.stdout.write('Chromium is missing: installing it with apt-get (chromium fonts-dejavu-core)\n');
  spawnSync(
    'sh',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core',
    ],
    { stdio: 'inherit' },
  );
}
if (existsSync(chromiumPath)) countStep(tally, 'chromium', true);
else {
  process.stdout.write(`${CHROMIUM_MISSING}\n`);
  countStep(tally, CHROMIUM_MISSING, false);
}

// The OGC API Features tests use GDAL (ogrinfo, ogr2ogr) as the client: the same rule as Chromium.
const GDAL_MISSING = 'gdal missing: ogrinfo not found, OGC API client tests cannot run';
const hasOgrinfo = () => spawnSync('sh', ['-c', 'command -v ogrinfo'], { stdio: 'ignore' }).status === 0;
process.stdout.write('\n=== gdal: ogrinfo\n');
if (!hasOgrinfo() && canInstallWithApt()) {
  process.stdout.write('ogrinfo is missing: installing it with apt-get (gdal-bin)\n');
  spawnSync(
    'sh',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gdal-bin',
    ],
    { stdio: 'inherit' },
  );
}
if (hasOgrinfo()) countStep(tally, 'gdal', true);
else {
  process.stdout.write(`${GDAL_MISSING}\n`);
  countStep(tally, GDAL_MISSING, false);
}

// The PDF tests read the PDFs back: text and pages with poppler-utils (pdftotext, pdfinfo,
// pdftoppm), the QR codes with zbar-tools (zbarimg). The same rule as Chromium.
const PDF_TOOLS_MISSING = 'pdf tools missing: pdftotext or zbarimg not found, PDF tests cannot run';
const hasPdfTools = () =>
  spawnSync('sh', ['-c', 'command -v pdftotext && command -v zbarimg'], { stdio: 'ignore' }).status === 0;
process.stdout.write('\n=== pdf tools: pdftotext, zbarimg\n');
if (!hasPdfTools() && canInstallWithApt()) {
  process.stdout.write('pdftotext or zbarimg is missing: installing them with apt-get (poppler-utils zbar-tools)\n');
  spawnSync(
    'sh',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils zbar-tools',
    ],
    { stdio: 'inherit' },
  );
}
if (hasPdfTools()) countStep(tally, 'pdf tools', true);
else {
  process.stdout.write(`${PDF_TOOLS_MISSING}\n`);
  countStep(tally, PDF_TOOLS_MISSING, false);
}

// The PostgreSQL store tests start their own server (initdb + pg_ctl, test/support/postgres-server.ts):
// the same rule again; the tests themselves fail on CI when the binaries are missing.
const POSTGRES_MISSING = 'postgresql missing: initdb not found, PostgreSQL store tests cannot run';
const hasInitdb = () =>
  spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb || command -v initdb'], { stdio: 'ignore' })
    .status === 0;
process.stdout.write('\n=== postgresql: initdb\n');
if (!hasInitdb() && canInstallWithApt()) {
  process.stdout.write('initdb is missing: installing it with apt-get (postgresql)\n');
  spawnSync(
    'sh',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql',
    ],
    { stdio: 'inherit' },
  );
}
if (hasInitdb()) countStep(tally, 'postgresql', true);
else {
  process.stdout.write(`${POSTGRES_MISSING}\n`);
  countStep(tally, POSTGRES_MISSING, false);
}

mkdirSync('test-output', { recursive: true });
const report = 'test-output/vitest.json';
rmSync(report, { force: true }); // never read a previous run's report
const vitest = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
]);
countVitestRun(tally, {
  exitStatus: vitest.status,
  signal: vitest.signal,
  reportText: existsSync(report) ? readFileSync(report, 'utf8') : undefined,
  root: process.cwd(),
  explainSkip: (file) => explainSkipFromSource(file),
});

process.stdout.write('\n');
if (!process.env.VEERKRACHT_REAL_DATA) {
  process.stdout.write(
    'real-data tests skipped: VEERKRACHT_REAL_DATA is not set (point it at ../shared/data)\n',
  );
}
process.stdout.write(`${formatSummary(tally).join('\n')}\n`);
process.exit(exitCodeFor(tally));

function canInstallWithApt() {
  return (
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0
  );
}
