import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('veerkracht import + export (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-'));
  const env = { VEERKRACHT_DB: join(dir, 'store.db') };
  const file = join(dir, 'extra.csv');
  writeFileSync(
    file,
    [
      'code,year,indicator,value',
      'BU09171000,2018,corporation_share,36',
      'BU09171001,2018,corporation_share,.',
      'BU09171000,2018,inhabitants,3455',
      'BU09171001,2018,inhabitants,460',
      'BU09171002,2018,inhabitants,120',
      'BU09280000,2018,inhabitants,100',
    ].join('\n'),
  );

  it('exports one row per buurt of the gemeente, empty cells for missing values and why they are missing', () => {
    const imp = runCli(['import', '--division', '2019', file], env);
    expect(imp.stderr).not.toMatch(/error/);
    expect(imp.status).toBe(0);
    expect(imp.stdout).toMatch(/corporation_share\s+1 \/ 1/);
    const exp = runCli(['export', '--gemeente', 'GM0917', '--year', '2018'], env);
    expect(exp.status).toBe(0);
    expect(exp.stdout).toBe(
      [
        'code,name,corporation_share,inhabitants,missing',
        'BU09171000,,36,3455,',
        'BU09171001,,,460,corporation_share:suppressed', // '.' in the file
        'BU09171002,,,120,corporation_share:not-published', // the file has other values of the buurt
        '',
      ].join('\n'),
    );
    const geo = runCli(['export', '--gemeente', 'GM0917', '--year', '2018', '--format', 'geojson'], env);
    const features = (JSON.parse(geo.stdout) as { features: { properties: Record<string, unknown> }[] })
      .features;
    expect(features.map((f) => f.properties['missing'])).toEqual([
      {},
      { corporation_share: 'suppressed' },
      { corporation_share: 'not-published' },
    ]);
  });

  it('exits with a usage code and a message when --year is missing', () => {
    const r = runCli(['export', '--gemeente', 'GM0917'], env);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/--year is required/);
  });

  it('reports an unknown gemeente as AREA_NOT_FOUND', () => {
    const r = runCli(['export', '--gemeente', 'GM0001', '--year', '2018'], env);
    expect(r.status).toBe(66);
    expect(r.stderr).toMatch(/AREA_NOT_FOUND/);
  });
});
