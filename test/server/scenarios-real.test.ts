/**
 * The scenario planner on the real Heerlen data (VEERKRACHT_REAL_DATA; skipped without): the
 * starting values of every buurt are the stored KWB values (dwellings, corporation share, share of
 * low-income households) of its latest year, buurten without one are listed and left out, and the
 * presets behave as documented (docs/method.md, "Scenario planner").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunScenariosResponse } from '../../src/api/scenarios.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { findReferenceDivision } from '../../src/storage/reference-division.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { heerlenDataFiles } from '../e2e/support/real-server.js';
import { hasRealData } from '../real-data.js';

describe.skipIf(!hasRealData)('scenario planner on the real data of Heerlen (GM0917)', () => {
  let store: SqliteStore;
  let app: ReturnType<typeof createApp>;
  let res: RunScenariosResponse;

  beforeAll(async () => {
    store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, heerlenDataFiles());
    app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
    const r = await app.request('/api/scenarios/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ area: 'GM0917' }),
    });
    expect(r.status).toBe(200);
    res = (await r.json()) as RunScenariosResponse;
  }, 300_000);
  afterAll(() => store?.close());

  it('starts every buurt from its stored KWB values, latest year, and lists the buurten it leaves out', async () => {
    const division = (await findReferenceDivision(store))!;
    const values = await store.getValues({
      gemeente: 'GM0917',
      divisionYear: division,
      indicators: ['dwellings', 'corporation_share', 'low_income_households_share'],
    });
    const latest = new Map<string, { year: number; value: number }>();
    for (const v of values) {
      if (v.value === null) continue;
      const key = `${v.areaCode}|${v.indicator}`;
      const seen = latest.get(key);
      if (!seen || v.year > seen.year) latest.set(key, { year: v.year, value: v.value });
    }
    const basis = res.scenarios[0]!;
    expect(basis.buurten.length).toBeGreaterThan(40);
    for (const b of basis.buurten) {
      expect(b.start.dwellings).toBeCloseTo(latest.get(`${b.code}|dwellings`)!.value, 1);
      expect(b.start.corpShare! * 100).toBeCloseTo(latest.get(`${b.code}|corporation_share`)!.value, 4);
      expect(b.start.concentration! * 100).toBeCloseTo(
        latest.get(`${b.code}|low_income_households_share`)!.value,
        4,
      );
    }
    const INDICATOR: Record<string, string> = {
      dwellings: 'dwellings',
      corpShare: 'corporation_share',
      concentration: 'low_income_households_share',
    };
    for (const e of res.excluded) {
      expect(e.missing.length).toBeGreaterThan(0);
      for (const m of e.missing) {
        const stored = latest.get(`${e.code}|${INDICATOR[m]}`);
        // missing, or no dwellings at all
        expect(stored === undefined || (m === 'dwellings' && stored.value <= 0), `${e.code} ${m}`).toBe(true);
      }
    }
    const total = basis.buurten.reduce((s, b) => s + b.start.dwellings, 0);
    expect(basis.total[0]!.dwellings).toBeCloseTo(total, 0);
    expect(res.defaults.dwellings!.value).toBeCloseTo(total, 0);
    console.log(
      `Heerlen: ${basis.buurten.length} buurten run, ${res.excluded.length} left out; start concentration ${(basis.total[0]!.concentration! * 100).toFixed(1)} %, corporation share ${(basis.total[0]!.corpShare! * 100).toFixed(1)} %, ${Math.round(total)} dwellings; sources ${res.startSources.map((s) => `${s.indicator} ${s.year} (${s.buurten})`).join(', ')}`,
    );
  });

  it('basis keeps every buurt stable; spreiden keeps the gemeente’s target-group lettings and lowers the buurten above the threshold', () => {
    const [basis, spread, add] = res.scenarios;
    expect(basis!.classCounts.stabiel).toBe(basis!.buurten.length);
    for (let y = 1; y < spread!.total.length; y++)
      expect(spread!.total[y]!.targetLettings + spread!.total[y]!.unplaced).toBeCloseTo(
        basis!.total[y]!.targetLettings,
        0,
      );
    const threshold = res.defaults.spreadThreshold!.value!;
    for (const b of spread!.buurten) {
      if (b.start.concentration! >= threshold) expect(b.changePoints).toBeLessThan(0);
      else expect(b.changePoints).toBeGreaterThanOrEqual(0);
    }
    expect(add!.total.at(-1)!.dwellings).toBeGreaterThan(basis!.total.at(-1)!.dwellings);
    console.log(
      `Heerlen spreiden (threshold ${(threshold * 100).toFixed(1)} %): ${JSON.stringify(spread!.classCounts)}; toevoegen: ${JSON.stringify(add!.classCounts)}`,
    );
  });
});
