// Counting for the test command (bin/test-all.mjs): steps, one vitest run read from its exit status
// and its JSON report, skipped suites with the reason they were skipped, and the closing summary.
// A vitest run counts as failed whenever vitest says so in any way: a non-zero exit status, a
// file whose status is "failed" even though its tests only show as skipped (a beforeAll threw),
// a missing or unreadable report. Types: test-report.d.mts.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** The failure counted when no Chromium can be found or installed before the browser tests. */
export const CHROMIUM_MISSING =
  'chromium missing: browser tests cannot run (install with apt-get install -y chromium or set VEERKRACHT_CHROMIUM)';

/** An empty tally. */
export function createTally() {
  return { passed: 0, failed: 0, failures: [], skipped: [] };
}

/** Counts one step (type check, lint, build, …) as passed or failed under its name. */
export function countStep(tally, name, ok) {
  if (ok) tally.passed++;
  else fail(tally, name);
}

function fail(tally, name) {
  tally.failed++;
  tally.failures.push(name);
}

/**
 * Counts one vitest run: every passed and failed test, every failed file (also when its tests
 * were reported as skipped because a hook threw), and the run itself when vitest exited non-zero
 * without a failure in its report (unhandled errors, a crash) or left no readable report.
 * Tests skipped in files that did not fail are added to `tally.skipped`, one entry per file and
 * top-level describe, with the reason from `explainSkip(file)`.
 */
export function countVitestRun(tally, { exitStatus, signal = null, reportText, root, explainSkip }) {
  const failedBefore = tally.failed;
  const exit = signal ? `signal ${signal}` : `exit status ${exitStatus}`;
  const report = parseReport(reportText);
  if (typeof report === 'string') fail(tally, `vitest: ${report} (${exit})`);
  else {
    for (const file of report.testResults) {
      countFile(tally, file, root, explainSkip ?? (() => 'skipped in the test file'));
    }
  }
  if ((exitStatus !== 0 || signal) && tally.failed === failedBefore) {
    fail(
      tally,
      `vitest: ${exit} without a failing test in its report (unhandled errors? see the vitest output above)`,
    );
  }
}

/** The parsed report, or a string saying why there is none. */
function parseReport(reportText) {
  if (reportText === undefined) return 'produced no JSON report';
  let report;
  try {
    report = JSON.parse(reportText);
  } catch (error) {
    return `its JSON report is unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!report || !Array.isArray(report.testResults)) return 'its JSON report has no testResults';
  return report;
}

function countFile(tally, file, root, explainSkip) {
  const name = root ? relative(root, file.name) : file.name;
  const tests = file.assertionResults ?? [];
  const notRun = new Map();
  let failedTests = 0;
  for (const t of tests) {
    if (t.status === 'passed') tally.passed++;
    else if (t.status === 'failed') {
      failedTests++;
      fail(tally, [name, ...t.ancestorTitles, t.title].join(' > '));
    } else {
      const suite = t.ancestorTitles[0] ?? t.title;
      notRun.set(suite, (notRun.get(suite) ?? 0) + 1);
    }
  }
  if (file.status === 'failed' && failedTests === 0) {
    // The file or a hook failed: its tests show as skipped, but they did not run because of it.
    const message = String(file.message ?? '').split('\n')[0] || 'a hook or the file itself threw';
    const suites = [...notRun.keys()];
    const count = [...notRun.values()].reduce((a, b) => a + b, 0);
    const label = suites.length ? `${name} > ${suites.join(', ')}` : name;
    fail(
      tally,
      `${label}: ${message}${count ? `; ${plural(count, 'test')} did not run` : ''} (see the vitest output above)`,
    );
    return;
  }
  if (notRun.size === 0) return;
  let reason = explainSkip(file.name);
  if (file.status === 'failed') reason += ' (or stopped by a failing hook: the file failed)';
  for (const [suite, count] of notRun) tally.skipped.push({ file: name, suite, count, reason });
}

const KNOWN_CONDITIONS = [
  { pattern: /\bhasRealData\b/, variable: 'VEERKRACHT_REAL_DATA' },
  { pattern: /\bhasChromium\b/, variable: 'VEERKRACHT_CHROMIUM' },
];

/**
 * Why the tests of a test file are skipped, from its source: the condition of each
 * `.skipIf(…)`/`.runIf(…)`, said as "X is not set" when it tests an environment variable that is
 * unset (hasRealData stands for VEERKRACHT_REAL_DATA), and `.skip`/`.todo` markers.
 */
export function findSkipReason(source, env = process.env) {
  const reasons = new Set();
  for (const m of source.matchAll(/\.(skipIf|runIf)\(((?:[^()]|\([^()]*\))*)\)/g)) {
    const condition = m[2].trim();
    const known = KNOWN_CONDITIONS.find((k) => k.pattern.test(condition));
    const variable =
      known?.variable ??
      /process\.env(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])/.exec(condition)?.slice(1).find(Boolean);
    if (variable && !env[variable]) reasons.add(`${variable} is not set`);
    else reasons.add(`${m[1]}(${condition})`);
  }
  if (/\b(?:describe|it|test)\.skip\(/.test(source)) reasons.add('marked .skip');
  if (/\b(?:describe|it|test)\.todo\(/.test(source)) reasons.add('marked .todo');
  return reasons.size ? [...reasons].join('; ') : 'skipped in the test file';
}

/** `findSkipReason` on the file at `path`. */
export function explainSkipFromSource(path, env = process.env) {
  try {
    return findSkipReason(readFileSync(path, 'utf8'), env);
  } catch {
    return 'skipped in the test file';
  }
}

/**
 * The closing lines: failures, skipped suites with their reason, the skipped count, and as the very
 * last line exactly `N passed, N failed`.
 */
export function formatSummary(tally) {
  const lines = [];
  if (tally.failures.length) {
    lines.push('Failed:', ...tally.failures.map((f) => `  - ${f}`));
  }
  if (tally.skipped.length) {
    lines.push(
      'Skipped:',
      ...tally.skipped.map((s) => `  - ${s.file} > ${s.suite} (${plural(s.count, 'test')}): ${s.reason}`),
    );
  }
  const skippedTests = tally.skipped.reduce((n, s) => n + s.count, 0);
  if (skippedTests) lines.push(`${plural(skippedTests, 'test')} skipped`);
  lines.push(`${tally.passed} passed, ${tally.failed} failed`);
  return lines;
}

/** The exit code for a tally: 1 when anything failed. */
export function exitCodeFor(tally) {
  return tally.failed > 0 ? 1 : 0;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
