import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'geo', name);

describe('veerkracht harmonise (CLI)', () => {
  it('says why nothing happens without boundaries, and reports the carried buurten with them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vk-cli-harm-'));
    const env = { VEERKRACHT_DB: join(dir, 'store.db') };
    const empty = runCli(['harmonise'], env);
    expect(empty.status).toBe(0);
    expect(empty.stdout).toMatch(/Nothing harmonised: no division year has buurt geometry/);

    expect(runCli(['import', fixture('pdok-buurten-rd.geojson')], env).status).toBe(0);
    const tidy = join(dir, 'extra.csv');
    writeFileSync(
      tidy,
      'code,year,indicator,value\nBU09990001,2020,dwellings,120\nBU09990077,2020,dwellings,5\n',
    );
    expect(runCli(['import', '--division', '2020', tidy], env).status).toBe(0);
    const r = runCli(['harmonise'], env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Reference division: 2021');
    expect(r.stdout).toContain('2020 → 2021: buurten by code 1, by overlay 0, unmatched 1; 1 values written');
    const status = runCli(['status'], env);
    expect(status.stdout).toMatch(/GM0999 2020 → 2021: 1, 0, 1/);
    // status, export and maps default to the reference division, where the carried values live
    expect(status.stdout).toContain('Reference division: 2021');
    expect(status.stdout).toMatch(/Coverage on indeling 2021 \(the reference\)/);
    expect(status.stdout).toMatch(/dwellings\s+2021 2020: 1 \/ 0/);
    expect(status.stdout).not.toMatch(/dwellings\s+2020 2020/);
    expect(runCli(['status', '--all'], env).stdout).toMatch(/dwellings\s+2020 2020: 2 \/ 0/);
    const exported = runCli(['export', '--gemeente', 'GM0999', '--year', '2020'], env);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/^code,name,dwellings,missing\n/);
    expect(exported.stdout).toMatch(/\nBU09990001,[^,\n]*,120,\n/);
    const own = runCli(['export', '--gemeente', 'GM0999', '--year', '2020', '--division', '2020'], env);
    expect(own.stdout).toMatch(/\nBU09990077,[^,\n]*,5,\n/);
    expect(runCli(['harmonise', '--to', '20x1'], env).status).toBe(64);
  });
});
