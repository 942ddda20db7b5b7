/**
 * `veerkracht report --area … --out …`: the compiled CLI starts the app in its own process and
 * writes the same report as GET /api/reports/<area>.pdf (test/server/report-pdf.test.ts checks
 * its content); here the command's contract: the file, its pages and title, the deep links with
 * --public-url, and errors as the API's codes and exit statuses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../e2e/support/web-build.js';
import { syntheticStore } from '../server/synthetic-store.js';
import { runCli } from './run-cli.js';

describe('veerkracht report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-report-'));
  const env = { VEERKRACHT_DB: join(dir, 'store.db') };
  beforeAll(async () => {
    await ensureWebBuilt();
    const store = await syntheticStore(
      { gemeenten: 2, buurtenPerGemeente: 12, gemeenteCodes: ['GM0917', 'GM0928'] },
      env.VEERKRACHT_DB,
    );
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PDF of the gemeente with deep links on --public-url', () => {
    const out = join(dir, 'gm0917.pdf');
    const r = runCli(
      ['report', '--area', 'GM0917', '--out', out, '--public-url', 'https://kaarten.example.nl'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^veerkracht: report of GM0917 written to .*gm0917\.pdf \(\d+ kB\)\n$/);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(13);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Veerkrachtrapport Gemeente 0917');
    expect(text).toContain('https://kaarten.example.nl/?view=map&area=GM0917');
  }, 180_000);

  it('says what is wrong: unknown area (exit as AREA_NOT_FOUND), missing --out, bad --lang, unknown --edition', () => {
    const unknown = runCli(['report', '--area', 'GM9999', '--out', join(dir, 'x.pdf')], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('GM9999');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const noOut = runCli(['report', '--area', 'GM0917'], env);
    expect(noOut.status).not.toBe(0);
    expect(noOut.stderr).toContain('--out');
    const lang = runCli(['report', '--area', 'GM0917', '--out', join(dir, 'y.pdf'), '--lang', 'de'], env);
    expect(lang.stderr).toContain("--lang must be nl or en, got 'de'");
    const edition = runCli(
      ['report', '--area', 'GM0917', '--out', join(dir, 'z.pdf'), '--edition', '99'],
      env,
    );
    expect(edition.status).not.toBe(0);
    expect(edition.stderr).toContain('data edition 99 does not exist');
  }, 120_000);
});
