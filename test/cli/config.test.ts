/**
 * The engine configuration file through the CLI: `veerkracht maps` with a config file (by
 * --config and by VEERKRACHT_CONFIG), flags on top of it, and a bad file refused with
 * CONFIG_INVALID naming the key path. The lookup of ./veerkracht.config.json is tested on
 * loadConfig with an explicit working directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/app-error.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/cli/config-file.js';
import { syntheticStore } from '../server/synthetic-store.js';
import { runCli } from './run-cli.js';

/** Buurten per class_id in the CSV of `veerkracht maps`. */
function classCounts(csv: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const id = line.split(',')[4]!;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

describe('engine configuration file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-config-'));
  const env = { VEERKRACHT_DB: join(dir, 'store.db'), VEERKRACHT_CONFIG: '' };
  const args = ['maps', '--area', 'GM0917', '--map', 'veerkracht-absoluut', '--period', '2016-2020'];
  const strict = join(dir, 'strict.json');
  const bad = join(dir, 'bad.json');
  beforeAll(async () => {
    const store = await syntheticStore(
      { gemeenten: 2, buurtenPerGemeente: 40, gemeenteCodes: ['GM0917', 'GM0928'] },
      env.VEERKRACHT_DB,
    );
    await store.close();
    writeFileSync(
      strict,
      JSON.stringify({ $comment: 'stricter thresholds', thresholds: { concentration: 1, nuisance: 1 } }),
    );
    writeFileSync(
      bad,
      JSON.stringify({ thresholds: { concentration: 0.25, nuisance: 'hoog' }, minPopulaton: 100 }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a larger threshold in the file gives fewer "veerkracht onder druk" buurten (--config and VEERKRACHT_CONFIG)', () => {
    const defaults = runCli(args, env);
    expect(defaults.status).toBe(0);
    const byFlag = runCli([...args, '--config', strict], env);
    expect(byFlag.status).toBe(0);
    const byEnv = runCli(args, { ...env, VEERKRACHT_CONFIG: strict });
    expect(byEnv.stdout).toBe(byFlag.stdout);
    const before = classCounts(defaults.stdout)['veerkracht-onder-druk'] ?? 0;
    const after = classCounts(byFlag.stdout)['veerkracht-onder-druk'] ?? 0;
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
  });

  it('flags override the file: the default thresholds back, and every buurt too small with --min-inhabitants', () => {
    const defaults = runCli(args, env);
    const back = runCli(
      [...args, '--config', strict, '--threshold-concentration', '0.25', '--threshold-nuisance', '0.25'],
      env,
    );
    expect(back.stdout).toBe(defaults.stdout);
    const small = runCli([...args, '--min-inhabitants', '1000000'], env);
    expect(classCounts(small.stdout)).toEqual({ 'te-weinig-inwoners': 40 });
  });

  it('refuses a bad file with CONFIG_INVALID, the file, the key path and what was expected', () => {
    const r = runCli([...args, '--config', bad], env);
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('CONFIG_INVALID');
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/thresholds\.nuisance: .*expected number/);
    expect(r.stderr).toContain('minPopulaton');
    const flag = runCli([...args, '--threshold-nuisance', '0'], env);
    expect(flag.status).toBe(78);
    expect(flag.stderr).toMatch(/CONFIG_INVALID: flags .*thresholds\.nuisance: /);
  });

  it('reads ./veerkracht.config.json from the working directory, and only there without --config', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    expect(loadConfig(undefined, {}, cwd)).toMatchObject({ file: null, engine: { minPopulation: 200 } });
    writeFileSync(
      join(cwd, DEFAULT_CONFIG_FILE),
      JSON.stringify({ minPopulation: 50, defaultPeriod: '2012-2020' }),
    );
    const local = loadConfig(undefined, {}, cwd);
    expect(local.file).toBe(join(cwd, DEFAULT_CONFIG_FILE));
    expect(local.engine).toMatchObject({
      minPopulation: 50,
      defaultPeriod: '2012-2020',
      thresholds: { concentration: 0.25 },
    });
    expect(loadConfig(strict, {}, cwd).engine.minPopulation).toBe(200);
    expect(() => loadConfig('missing.json', {}, cwd)).toThrow(AppError);
    const example = loadConfig(join(process.cwd(), 'docs/veerkracht.config.example.json'), {}, cwd);
    expect(example.engine.classMethods).toEqual({ leefbaarheid: { method: 'ckmeans', k: 5 } });
    expect({ ...example.engine, classMethods: {} }).toEqual(loadConfig(undefined, {}, dir).engine);
    writeFileSync(join(cwd, DEFAULT_CONFIG_FILE), '{ "minPopulation": 50, }');
    expect(() => loadConfig(undefined, {}, cwd)).toThrow(/CONFIG_INVALID|not valid JSON/);
  });
});
