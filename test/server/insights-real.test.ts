/**
 * Early warning and "buurten zoals deze" on the national real-data store (everything in
 * VEERKRACHT_REAL_DATA imported by the CLI in a child process, once for this file — so the test
 * worker stays responsive), through the HTTP API in process:
 * - for several gemeenten and a region, every reason the early warning lists is true of the numbers
 *   GET /api/maps returns (classes, changes, the rest of the gemeente), for two periods;
 * - similar buurten come from the whole country, nearest first, with at least the minimum shared
 *   indicators, and each positive deviant's fall in nuisance is the one its ontwikkeling map shows.
 * Skipped (one line) without VEERKRACHT_REAL_DATA.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapResponseSchema, type GemeentenResponse } from '../../src/api/schemas.js';
import { SimilarResponseSchema } from '../../src/api/similar-buurten.js';
import { createApp } from '../../src/server/app.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataDir } from '../real-data.js';
import { checkAgainstMaps, earlyWarningOf } from './early-warning-check.js';

/** `veerkracht import <dir>` into `db`, as a user runs it. */
function importWithCli(db: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', dir], {
      env: { ...process.env, VEERKRACHT_DB: db },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`veerkracht import exited ${code}: ${stderr}`)),
    );
  });
}

describe.skipIf(!hasRealData)('early warning and similar buurten on the national real data', () => {
  let dir = '';
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const fetch = (path: string) => Promise.resolve(app.request(path));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vk-insights-real-'));
    await importWithCli(join(dir, 'veerkracht.db'), realDataDir()!);
    store = openSqliteStore({ path: join(dir, 'veerkracht.db'), readonly: true });
    app = createApp(store, { webRoot: '/nonexistent' });
  }, 600_000);

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists, for several gemeenten and a region, only reasons true of the map API’s numbers', async () => {
    const gemeenten = ((await (await fetch('/api/gemeenten')).json()) as GemeentenResponse).gemeenten;
    const largest = [...gemeenten]
      .sort((a, b) => b.buurten - a.buurten)
      .slice(0, 3)
      .map((g) => g.code);
    const areas = [...new Set(['GM0917', 'GM0882', 'GM0928', ...largest]), 'parkstad-limburg'];
    let listed = 0;
    const fired: Record<string, number> = {};
    for (const period of [undefined, '2016-2024']) {
      for (const area of areas) {
        const body = await earlyWarningOf(fetch, area, period);
        expect(await checkAgainstMaps(fetch, body), `${area} ${body.period}`).toEqual([]);
        listed += body.warnings.length;
        for (const [rule, n] of Object.entries(body.fired)) fired[rule] = (fired[rule] ?? 0) + n;
      }
    }
    process.stdout.write(
      `early warning (real data): ${listed} buurten listed; per rule ${JSON.stringify(fired)}\n`,
    );
    expect(listed).toBeGreaterThan(0);
  }, 600_000);

  it('finds similar buurten nationally and positive deviants as the maps show them', async () => {
    const gemeenten = ((await (await fetch('/api/gemeenten')).json()) as GemeentenResponse).gemeenten;
    const codes: string[] = [];
    for (const gm of ['GM0917', 'GM0363', 'GM0344']) {
      const g = gemeenten.find((x) => x.code === gm);
      if (!g) continue;
      const map = MapResponseSchema.parse(
        await (await fetch(`/api/maps?area=${gm}&map=leefbaarheid&year=2020`)).json(),
      );
      const withValue = map.features.filter((f) => f.properties.value !== null);
      if (withValue.length === 0) continue;
      codes.push(withValue[0]!.properties.code, withValue[Math.floor(withValue.length / 2)]!.properties.code);
    }
    expect(codes.length).toBeGreaterThanOrEqual(4);
    let deviants = 0;
    for (const code of codes) {
      const res = await fetch(`/api/buurten/${code}/similar`);
      expect(res.status).toBe(200);
      const body = SimilarResponseSchema.parse(await res.json());
      expect(body.similar.length).toBe(10);
      expect(body.similar.map((s) => s.code)).not.toContain(code);
      const d = body.similar.map((s) => s.distance);
      expect(d).toEqual([...d].sort((a, b) => a - b));
      for (const s of body.similar) expect(s.shared).toBeGreaterThanOrEqual(body.minShared);
      expect(body.indicators.map((i) => i.id)).toContain('lbm_total');
      for (const dv of body.deviants) {
        expect(dv.nuisanceFell || dv.classImproved).toBe(true);
        if (!dv.nuisanceFell) continue;
        const map = MapResponseSchema.parse(
          await (
            await fetch(`/api/maps?area=${dv.gemeente}&map=ontwikkeling-overlast&period=${body.period}`)
          ).json(),
        );
        const v = map.features.find((f) => f.properties.code === dv.code)!.properties.value;
        expect(v).not.toBeNull();
        expect(Math.abs(v! - dv.dO!)).toBeLessThanOrEqual(5.01e-5);
        expect(v!).toBeLessThan(0);
        deviants++;
      }
    }
    expect(deviants).toBeGreaterThan(0);
  }, 300_000);
});
