import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapResponseSchema } from '../../src/api/schemas.js';
import { syntheticStore } from '../server/synthetic-store.js';
import { runCli } from './run-cli.js';

describe('veerkracht maps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-cli-maps-'));
  const env = { VEERKRACHT_DB: join(dir, 'store.db') };
  beforeAll(async () => {
    const store = await syntheticStore(
      { gemeenten: 2, buurtenPerGemeente: 20, gemeenteCodes: ['GM0917', 'GM0928'] },
      env.VEERKRACHT_DB,
    );
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one CSV row per buurt with its class', () => {
    const r = runCli(
      [
        'maps',
        '--area',
        'GM0917',
        '--map',
        'veerkracht-absoluut',
        '--period',
        '2016-2020',
        '--format',
        'csv',
      ],
      env,
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,name,gemeente,value,class_id,label,flags,inhabitants');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toMatch(
      /^BU0917\d{4},Buurt 1-1,GM0917,,(veerkracht-onder-druk|veerkrachtig|meer-overlast|stabiel-of-verbeterd|onvoldoende-gegevens|te-weinig-inwoners),/,
    );
  });

  it('writes GeoJSON for a region and a per-gemeente summary', () => {
    const g = runCli(
      ['maps', '--area', 'parkstad-limburg', '--map', 'corporatiebezit', '--format', 'geojson'],
      env,
    );
    expect(g.status).toBe(0);
    expect(MapResponseSchema.parse(JSON.parse(g.stdout)).features).toHaveLength(40);
    const s = runCli(['maps', '--area', 'all', '--period', '2016-2020'], env);
    expect(s.status).toBe(0);
    expect(s.stdout.split('\n')[0]).toContain('inhabitants_veerkracht-onder-druk');
    expect(s.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('fails with the error code and exit status of an unknown map', () => {
    const r = runCli(['maps', '--area', 'GM0917', '--map', 'nope'], env);
    expect(r.status).toBe(66);
    expect(r.stderr).toContain('MAP_NOT_FOUND');
  });
});
