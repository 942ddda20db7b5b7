import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { checkAgainstMaps, earlyWarningOf } from './early-warning-check.js';
import { syntheticStore } from './synthetic-store.js';

describe('GET /api/early-warning on a synthetic store', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  const fetch = (path: string) => Promise.resolve(app.request(path));
  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 3,
      buurtenPerGemeente: 40,
      gemeenteCodes: ['GM0917', 'GM0928', 'GM0882'],
    });
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  });
  afterAll(() => store.close());

  it('ranks the buurten of a gemeente with reasons, against the equally long period before', async () => {
    const body = await earlyWarningOf(fetch, 'GM0917');
    expect(body.area).toEqual({ id: 'GM0917', name: 'Gemeente 0917' });
    expect(body.period).toBe('2016-2020');
    expect(body.previousPeriod).toBe('2012-2016');
    expect(body.buurten).toBe(40);
    expect(body.thresholds).toEqual({ concentration: 0.25, nuisance: 0.25 });
    expect(body.warnings.length).toBeGreaterThan(0);
    // every buurt once, of the asked gemeente, ranked by score
    expect(new Set(body.warnings.map((w) => w.code)).size).toBe(body.warnings.length);
    for (const w of body.warnings) expect(w.gemeente).toBe('GM0917');
    const scores = body.warnings.map((w) => w.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the counts per rule are the reasons listed
    for (const [rule, n] of Object.entries(body.fired))
      expect(body.warnings.filter((w) => w.reasons.some((r) => r.rule === rule)).length).toBe(n);
    // the synthetic country has buurten where the concentration rose twice and where nuisance rose against the gemeente
    expect(body.fired['concentration-rising']).toBeGreaterThan(0);
    expect(body.fired['nuisance-against-gemeente']).toBeGreaterThan(0);
    for (const w of body.warnings)
      for (const r of w.reasons) {
        expect(r.textNl.length).toBeGreaterThan(20);
        expect(r.textEn.length).toBeGreaterThan(20);
      }
  });

  it('lists only reasons that are true of the numbers the map API returns', async () => {
    for (const area of ['GM0917', 'GM0928', 'GM0882']) {
      const body = await earlyWarningOf(fetch, area);
      expect(await checkAgainstMaps(fetch, body)).toEqual([]);
    }
  });

  it('takes a region and another period', async () => {
    const body = await earlyWarningOf(fetch, 'parkstad-limburg', '2018-2020');
    expect(body.area.id).toBe('parkstad-limburg');
    expect(body.previousPeriod).toBe('2016-2018');
    expect(body.buurten).toBe(120); // the three synthetic gemeenten are all Parkstad gemeenten
    expect(await checkAgainstMaps(fetch, body)).toEqual([]);
  });

  it('refuses unknown parameters, a malformed period and an unknown area', async () => {
    const unknown = await app.request('/api/early-warning?area=GM0917&foo=1');
    expect(unknown.status).toBe(400);
    expect(ErrorBodySchema.parse(await unknown.json()).error.code).toBe('USAGE');
    const period = await app.request('/api/early-warning?area=GM0917&period=2020');
    expect(period.status).toBe(400);
    const missing = await app.request('/api/early-warning');
    expect(ErrorBodySchema.parse(await missing.json()).error.code).toBe('USAGE');
    const area = await app.request('/api/early-warning?area=GM9999');
    expect(area.status).toBe(404);
    expect(ErrorBodySchema.parse(await area.json()).error.code).toBe('AREA_NOT_FOUND');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/early-warning');
  });
});
