/**
 * The engine and the API on the real open data (VEERKRACHT_REAL_DATA): `veerkracht import` of
 * the real files (CLI in a child process, real parsers and harmonisation), then GET /api/maps for
 * Heerlen, golden classifications for Heerlen and the provincie Utrecht over 2016–2020, and the
 * national figures that docs/method.md compares with the published ones.
 *
 * Hand check (numbers from the source files, recomputed here from the raw cells):
 * - Husken BU09173000. Leefbaarometer 3.0 (meting 2020) onv 2018 = 0.028020, 2020 = −0.025439,
 *   so the change in own units is −(−0.025439 − 0.028020) = +0.053459 (more nuisance). KWB
 *   bijstand 10 persons in 2016 and 2020 over 180 + 335 + 510 = 1,025 and 175 + 320 + 490 = 985
 *   inhabitants 15–64: 9.756 and 10.152 per 1,000. RIVM high risk of anxiety/depression 7.1 % → 7.8 %.
 * - Heerlen-Centrum BU09173300. onv −0.179639 → −0.175148: −0.004491 (slightly less nuisance).
 *   Bijstand 130 / 1,640 = 79.268 ‰ (2016) → 110 / 1,685 = 65.282 ‰ (2020). RIVM anxiety/depression
 *   11.3 % → 11.9 %, difficulty making ends meet 24.7 % → 17.8 %.
 * - Utrecht, Welgelegen/Den Hommel BU03440111. Leefbaarometer onv 2018 = −0.062640, 2020 =
 *   −0.097476: +0.034836 worse, / σ_onv,2014 (0.0874) = +0.399 > 0.25, more nuisance. RIVM (18+)
 *   anxiety/depression 5.9 % → 6.0 % (+0.1 / σ 2.995 = +0.033), difficulty making ends meet
 *   15.6 % → 13.1 % (−2.5 / σ 8.943 = −0.280): ΔK = −0.123, no increase → "meer overlast"
 *   (it was "onder druk" when both were measured against the national change).
 * The absolute changes then follow from the fixed base-year spreads the engine reports
 * (ΔO = change / σ_onv,2014; ΔK = mean of Δx / σ_x,base), checked below with those spreads.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompareResponseSchema, MapResponseSchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { EngineState } from '../../src/service/engine-state.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { VEERKRACHT_CLASS_IDS } from '../../src/domain/engine/veerkracht-classes.js';
import type { VeerkrachtEngine } from '../../src/domain/engine/veerkracht-engine.js';
import { rowPair } from '../../src/domain/engine/year-rule.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { expectGolden } from './golden.js';

const FILES = [
  'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
  'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
  'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
  'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
  'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz',
  ...[2016, 2017, 2018, 2019, 2020].map(
    (y) => `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`,
  ),
  'cbs-kwb/provincie_utrecht_buurten_kwb_lbm3_ses__Nelleke20.csv',
];
const PERIOD = { t0: 2016, t1: 2020 };

function importWithCli(db: string, files: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', ...files], {
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
const r3 = (v: number) => (Number.isNaN(v) ? null : Math.round(v * 1000) / 1000 + 0);

function classTable(engine: VeerkrachtEngine, rows: readonly number[]) {
  const r = engine.period(PERIOD);
  const c = r.classification;
  return rows.map((i) => {
    const b = engine.table.buurten[i]!;
    const m = r.nuisance.measure[i]!;
    const pair = rowPair(r.nuisance.rowYears, i);
    return {
      code: b.code,
      name: b.name,
      absolute: VEERKRACHT_CLASS_IDS[c.absolute.classes[i]!],
      relative: VEERKRACHT_CLASS_IDS[c.relative.classes[i]!],
      national: VEERKRACHT_CLASS_IDS[c.national.classes[i]!],
      dK: r3(c.absolute.dK[i]!),
      dO: r3(c.absolute.dO[i]!),
      relativeDK: r3(c.relative.dK[i]!),
      relativeDO: r3(c.relative.dO[i]!),
      components: r.index.counts[i],
      measure: m >= 0 ? r.nuisance.measures[m]!.id : null,
      measureYears: pair,
    };
  });
}

describe.skipIf(!hasRealData)('engine and API on the real open data', () => {
  let dir: string;
  let store: SqliteStore;
  let engine: VeerkrachtEngine;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vk-engine-real-'));
    // `veerkracht import` in a child process, as a user runs it (and the test worker stays responsive)
    await importWithCli(join(dir, 'real.db'), FILES.map(realDataFile));
    store = openSqliteStore({ path: join(dir, 'real.db') });
    engine = (await new EngineState(store).get()).engine;
    app = createApp(store, { webRoot: '' });
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/maps draws Heerlen’s 57 buurten, classified for 2016–2020 with the Leefbaarometer', async () => {
    const res = await app.request('/api/maps?area=GM0917&map=veerkracht-absoluut&period=2016-2020');
    expect(res.status).toBe(200);
    const body = MapResponseSchema.parse(await res.json());
    expect(body.features).toHaveLength(57);
    expect(body.features.every((f) => f.geometry !== null)).toBe(true);
    expect(body.meta.divisionYear).toBe(2019);
    expect(body.meta.measureUsed).toBe('lbm_onv');
    expect(body.meta.yearsUsed?.['lbm_onv']).toEqual([2018, 2020]);
    expect(body.meta.yearsUsed?.['social-assistance']).toEqual([2016, 2020]);
    expect(body.meta.sources.some((s) => s.edition.includes('Leefbaarometer 3.0 meting 2020'))).toBe(true);
    const classified = body.features.filter(
      (f) => !['onvoldoende-gegevens', 'te-weinig-inwoners'].includes(f.properties.classId),
    );
    expect(classified.length).toBeGreaterThanOrEqual(45);
  });

  it('every map and period of Heerlen: one legend entry per label, counts adding up to the buurten', async () => {
    const defs = (await (await app.request('/api/maps/definitions?area=GM0917')).json()) as {
      maps: { id: string; periods?: string[]; years?: number[] }[];
    };
    let checked = 0;
    for (const m of defs.maps) {
      const choices = [
        ...(m.periods ?? []).map((p) => `period=${p}`),
        ...(m.years ?? []).map((y) => `year=${y}`),
      ];
      for (const choice of choices) {
        const res = await app.request(`/api/maps?area=GM0917&map=${m.id}&${choice}`);
        expect(res.status).toBe(200);
        const body = MapResponseSchema.parse(await res.json());
        const labels = body.legend.map((l) => l.label);
        expect(new Set(labels).size, `${m.id} ${choice}: ${labels.join(' | ')}`).toBe(labels.length);
        const counted = body.legend.reduce((sum, l) => sum + l.count, 0);
        expect(counted, `${m.id} ${choice}`).toBe(body.features.length);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('hand check: Husken and Heerlen-Centrum from the raw source cells', () => {
    const husken = engine.table.row('BU09173000')!;
    const centrum = engine.table.row('BU09173300')!;
    const sa = (row: number, y: number) =>
      engine.table.get('social_assistance_per_1000_15_64', y)!.values[row]!;
    expect(sa(husken, 2016)).toBeCloseTo((10 / 1025) * 1000, 6);
    expect(sa(husken, 2020)).toBeCloseTo((10 / 985) * 1000, 6);
    expect(sa(centrum, 2016)).toBeCloseTo((130 / 1640) * 1000, 6);
    expect(sa(centrum, 2020)).toBeCloseTo((110 / 1685) * 1000, 6);
    const r = engine.period(PERIOD);
    expect(r.nuisance.raw[husken]).toBeCloseTo(0.053459, 5);
    expect(r.nuisance.raw[centrum]).toBeCloseTo(-0.004491, 5);
    const onvScale = r.nuisance.scales[0]!;
    expect(onvScale).toMatchObject({ indicator: 'lbm_onv', year: 2014 });
    expect(r.classification.absolute.dO[husken]).toBeCloseTo(0.053459 / onvScale.sd, 6);
    expect(r.classification.absolute.dO[husken]!).toBeGreaterThan(engine.config.thresholds.nuisance);
    expect(r.classification.absolute.dO[centrum]!).toBeLessThan(0);
    // Heerlen-Centrum's concentration: bijstand fell, anxiety rose, making ends meet fell — the mean of the
    // own changes, each over its base-year spread, over the components present
    const own = r.index.components
      .filter((cc) => cc.scaled && !Number.isNaN(cc.scaled[centrum]!))
      .map((cc) => cc.raw![centrum]! / cc.scale!.sd);
    expect(own).toHaveLength(r.index.counts[centrum]!);
    expect(r.classification.absolute.dK[centrum]).toBeCloseTo(own.reduce((a, b) => a + b, 0) / own.length, 6);
    const saChange = r.index.components.find((cc) => cc.id === 'social-assistance')!;
    expect(saChange.raw![centrum]).toBeCloseTo((110 / 1685) * 1000 - (130 / 1640) * 1000, 6);
    const mem = r.index.components.find((cc) => cc.id === 'making-ends-meet')!;
    expect(mem.raw![centrum]).toBeCloseTo(17.8 - 24.7, 6);
    const welgelegen = engine.table.row('BU03440111')!;
    expect(r.nuisance.raw[welgelegen]).toBeCloseTo(-(-0.09747585828094665 - -0.06263951255716564), 9);
    expect(r.classification.absolute.dO[welgelegen]).toBeCloseTo(0.03483634572378101 / onvScale.sd, 6);
    const anxScale = r.index.components.find((cc) => cc.id === 'anxiety-depression')!.scale!;
    const memScale = mem.scale!;
    expect([anxScale.year, memScale.year]).toEqual([2012, 2012]);
    expect(r.classification.absolute.dK[welgelegen]).toBeCloseTo(
      ((6.0 - 5.9) / anxScale.sd + (13.1 - 15.6) / memScale.sd) / 2,
      6,
    );
    expect(VEERKRACHT_CLASS_IDS[r.classification.absolute.classes[welgelegen]!]).toBe('meer-overlast');
    const anx = engine.config.components.find((c) => c.id === 'anxiety-depression')!;
    expect(engine.index.raw(anx, 2016)![husken]).toBeCloseTo(7.1, 6);
    expect(engine.index.raw(anx, 2020)![centrum]).toBeCloseTo(11.9, 6);
  });

  it('golden: Heerlen 2016–2020', () => {
    expectGolden('heerlen-2016-2020', classTable(engine, engine.table.byGemeente().get('GM0917')!));
  });

  it('golden: provincie Utrecht 2016–2020', () => {
    const csv = readFileSync(
      realDataFile('cbs-kwb/provincie_utrecht_buurten_kwb_lbm3_ses__Nelleke20.csv'),
      'utf8',
    );
    const gemeenten = new Set([...csv.matchAll(/,BU(\d{4})\d{4},/g)].map((m) => `GM${m[1]}`));
    expect(gemeenten.size).toBe(26);
    const rows = [...gemeenten].sort().flatMap((gm) => engine.table.byGemeente().get(gm) ?? []);
    expect(rows.length).toBeGreaterThan(900);
    const table = classTable(engine, rows);
    expect(table.filter((t) => t.absolute !== 'onvoldoende-gegevens').length).toBeGreaterThan(
      rows.length * 0.7,
    );
    expectGolden('utrecht-2016-2020', table);
  });

  it('national run: every buurt with data and a known population is classified for 2016–2020; figures per gemeente', async () => {
    const r = engine.period(PERIOD);
    const noClass = r.classification.absolute.classes.filter(
      (c) => VEERKRACHT_CLASS_IDS[c] === 'onvoldoende-gegevens',
    ).length;
    // buurten without a known population are not classified (never counted as 0 residents) …
    const populationUnknown = r.classification.residents.filter((x) => x === 'unknown').length;
    expect(populationUnknown).toBeGreaterThan(1_000);
    // … and nearly every other buurt with data is
    expect(noClass - populationUnknown).toBeLessThan(300);
    expect(r.classification.absolute.classes.length - noClass).toBeGreaterThan(11_000);
    const gemeenten = [...engine.table.byGemeente().keys()];
    expect(gemeenten.length).toBe(355);
    const res = await app.request(`/api/compare?areas=${gemeenten.slice(0, 50).join(',')}&period=2016-2020`);
    const body = CompareResponseSchema.parse(await res.json());
    expect(body.areas).toHaveLength(50);
    expect(
      body.areas.every((a) => a.perClass.find((c) => c.classId === 'veerkracht-onder-druk') !== undefined),
    ).toBe(true);
  });
});
