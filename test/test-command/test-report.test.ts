/**
 * The test command's counting (bin/test-report.mjs) on real vitest runs of small fixture suites
 * (test/fixtures/test-command): a suite whose beforeAll throws fails the run even though vitest
 * reports its tests as skipped; a passing suite passes; a skipped suite is listed with its reason.
 * Plus the cases that need no vitest run: no report, an unreadable report, unhandled errors.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countStep,
  countVitestRun,
  createTally,
  exitCodeFor,
  explainSkipFromSource,
  findSkipReason,
  formatSummary,
  type Tally,
} from '../../bin/test-report.mjs';

const ROOT = process.cwd();
const CONFIG = 'test/fixtures/test-command/fixtures.vitest.config.ts';
const FIXTURE_ENV = 'VEERKRACHT_TEST_COMMAND_FIXTURE';

interface FixtureRun {
  exitStatus: number | null;
  reportText: string | undefined;
  output: string;
}

/** Runs vitest on the fixtures whose file names contain one of `filters`, with the JSON reporter. */
function runFixtures(dir: string, name: string, filters: string[]): Promise<FixtureRun> {
  const reportPath = join(dir, `${name}.json`);
  // The nested vitest must not think it is a worker of this one; the skipped fixture needs its variable unset.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== FIXTURE_ENV),
  );
  const args = ['node_modules/vitest/vitest.mjs', 'run', ...filters, '--root', ROOT, '--config', CONFIG];
  args.push('--reporter=json', `--outputFile=${reportPath}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitStatus) =>
      resolve({
        exitStatus,
        reportText: existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : undefined,
        output,
      }),
    );
  });
}

function count(run: FixtureRun): Tally {
  const tally = createTally();
  countVitestRun(tally, {
    exitStatus: run.exitStatus,
    reportText: run.reportText,
    root: ROOT,
    explainSkip: (file) => explainSkipFromSource(file, {}),
  });
  return tally;
}

describe('countVitestRun(tally, run) on real vitest runs', () => {
  let dir = '';
  let failing: FixtureRun;
  let passing: FixtureRun;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veerkracht-test-command-'));
    [failing, passing] = await Promise.all([
      runFixtures(dir, 'failing', ['before-all-throws']),
      runFixtures(dir, 'passing', ['passing', 'skipped']),
    ]);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts a suite whose beforeAll throws as failed, names it, and exits non-zero', () => {
    expect(failing.exitStatus, failing.output).not.toBe(0);
    // What fooled the old count: the file failed, yet its tests are only "skipped".
    const report = JSON.parse(failing.reportText!) as {
      testResults: { status: string; assertionResults: { status: string }[] }[];
    };
    expect(report.testResults[0]!.status).toBe('failed');
    expect(report.testResults[0]!.assertionResults.map((t) => t.status)).toEqual(['skipped', 'skipped']);

    const tally = count(failing);
    expect(tally.failed).toBeGreaterThanOrEqual(1);
    expect(tally.passed).toBe(0);
    expect(tally.skipped).toEqual([]);
    expect(tally.failures).toHaveLength(1);
    expect(tally.failures[0]).toContain('test/fixtures/test-command/before-all-throws.fixture.ts');
    expect(tally.failures[0]).toContain('a suite whose beforeAll throws');
    expect(tally.failures[0]).toContain('2 tests did not run');
    expect(exitCodeFor(tally)).toBe(1);
    const summary = formatSummary(tally);
    expect(summary).toContain('Failed:');
    expect(summary.at(-1)).toBe('0 passed, 1 failed');
  });

  it('counts a passing suite as passed and lists a skipped suite by name with its reason, exit 0', () => {
    expect(passing.exitStatus, passing.output).toBe(0);
    const tally = count(passing);
    expect(tally).toMatchObject({ passed: 2, failed: 0, failures: [] });
    expect(tally.skipped).toEqual([
      {
        file: 'test/fixtures/test-command/skipped.fixture.ts',
        suite: 'a suite that needs an unset variable',
        count: 1,
        reason: `${FIXTURE_ENV} is not set`,
      },
    ]);
    expect(exitCodeFor(tally)).toBe(0);
    expect(formatSummary(tally)).toEqual([
      'Skipped:',
      `  - test/fixtures/test-command/skipped.fixture.ts > a suite that needs an unset variable (1 test): ${FIXTURE_ENV} is not set`,
      '1 test skipped',
      '2 passed, 0 failed',
    ]);
  });
});

describe('countVitestRun(tally, run) without a usable report', () => {
  const passingReport = JSON.stringify({
    success: true,
    testResults: [
      {
        name: `${ROOT}/src/a.test.ts`,
        status: 'passed',
        message: '',
        assertionResults: [{ ancestorTitles: ['a'], title: 'works', status: 'passed' }],
      },
    ],
  });

  it('fails when vitest left no report', () => {
    const tally = createTally();
    countVitestRun(tally, { exitStatus: 1, reportText: undefined });
    expect(tally.failures).toEqual(['vitest: produced no JSON report (exit status 1)']);
  });

  it('fails when the report is unreadable, even with exit status 0', () => {
    const tally = createTally();
    countVitestRun(tally, { exitStatus: 0, reportText: '{"testResults": [' });
    expect(tally.failed).toBe(1);
    expect(tally.failures[0]).toMatch(/^vitest: its JSON report is unreadable: .* \(exit status 0\)$/);
  });

  it('fails on a non-zero exit status when every test in the report passed (unhandled errors)', () => {
    const tally = createTally();
    countVitestRun(tally, { exitStatus: 1, reportText: passingReport, root: ROOT });
    expect(tally.passed).toBe(1);
    expect(tally.failed).toBe(1);
    expect(tally.failures[0]).toMatch(/^vitest: exit status 1 without a failing test in its report/);
  });

  it('fails when vitest was killed', () => {
    const tally = createTally();
    countVitestRun(tally, { exitStatus: null, signal: 'SIGKILL', reportText: passingReport });
    expect(tally.failures[0]).toMatch(/^vitest: signal SIGKILL/);
  });
});

describe('countStep(tally, name, ok) and formatSummary(tally)', () => {
  it('ends with exactly "N passed, N failed" and names failed steps', () => {
    const tally = createTally();
    countStep(tally, 'typecheck', true);
    countStep(tally, 'build', false);
    expect(formatSummary(tally)).toEqual(['Failed:', '  - build', '1 passed, 1 failed']);
    expect(exitCodeFor(tally)).toBe(1);
  });
});

describe('findSkipReason(source, env)', () => {
  it('says which variable is unset for hasRealData and process.env conditions', () => {
    const source = "describe.skipIf(!hasRealData)('x', () => {});";
    expect(findSkipReason(source, {})).toBe('VEERKRACHT_REAL_DATA is not set');
    expect(findSkipReason("it.runIf(process.env.FOO)('x', () => {});", {})).toBe('FOO is not set');
  });

  it('quotes the condition when no unset variable explains it, and reports .skip and .todo', () => {
    expect(findSkipReason("describe.skipIf(process.platform === 'win32')('x', () => {});", {})).toBe(
      "skipIf(process.platform === 'win32')",
    );
    expect(findSkipReason("it.skip('x', () => {}); it.todo('y');", {})).toBe('marked .skip; marked .todo');
    expect(findSkipReason('describe("x", () => {});', {})).toBe('skipped in the test file');
  });
});
