/**
 * The national real-data store as a user builds it (`veerkracht import <VEERKRACHT_REAL_DATA>`, the
 * CLI in a child process, once for this file), checked buurt by buurt and gemeente by gemeente:
 * - every classified buurt's explanation agrees with its class and with the numbers it quotes;
 * - every absolute "meer overlast" / "onder druk" buurt has a worse Leefbaarometer onv at the end
 *   of the period than at its start, read from the raw Leefbaarometer file;
 * - maps and explanations cite only the editions used for their buurten;
 * - for every gemeente and each of the nine maps, the default view (GET /api/maps/definitions?area=)
 *   has values for at least half of its buurten, or the response says why;
 * - docs/method.md's comparison with the published figures is what bench/method-comparison.ts
 *   renders from this store.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSection, METHOD_DOC, renderMethodComparison } from '../../bench/method-comparison.js';
import type { Period } from '../../src/domain/engine/engine-config.js';
import { explainBuurt } from '../../src/domain/engine/explain-buurt.js';
import { VEERKRACHT_CLASS_IDS } from '../../src/domain/engine/veerkracht-classes.js';
import type { VeerkrachtEngine } from '../../src/domain/engine/veerkracht-engine.js';
import { rowPair } from '../../src/domain/engine/year-rule.js';
import { mainComparedYears } from '../../src/domain/maps/area-availability.js';
import { NINE_MAPS } from '../../src/domain/maps/map-definitions.js';
import { getMap, getMapDefinitions } from '../../src/service/maps.js';
import { createReadContext, type ReadContext } from '../../src/service/read-context.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataDir, realDataFile } from '../real-data.js';
import { contradictions, DATA_CLASSES } from './explanation-check.js';

const LBM_2020 = 'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz';
const LBM_2024 =
  'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv';
const PERIODS: readonly Period[] = [
  { t0: 2016, t1: 2020 },
  { t0: 2014, t1: 2020 },
  // years per gemeente (onv 2018 → 2024 in Heerlen and Kerkrade) and police crime as fallback
  { t0: 2016, t1: 2024 },
];

function importWithCli(db: string, inputs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', ...inputs], {
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

/** The fields of one CSV line (double quotes around fields with commas, "" inside quotes). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** onv per `code|year` from a raw Leefbaarometer buurt CSV (NA left out). */
function rawOnv(text: string): Map<string, number> {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0]!);
  const [code, year, onv] = ['bu_code', 'jaar', 'onv'].map((c) => header.indexOf(c));
  const out = new Map<string, number>();
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cells = csvFields(line);
    if (cells[onv!] === 'NA') continue;
    out.set(`${cells[code!]}|${cells[year!]}`, Number(cells[onv!]));
  }
  return out;
}

describe.skipIf(!hasRealData)('the national real-data store, every buurt and every gemeente', () => {
  let dir: string;
  let store: SqliteStore;
  let ctx: ReadContext;
  let engine: VeerkrachtEngine;
  let names: Map<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vk-national-real-'));
    await importWithCli(join(dir, 'national.db'), [realDataDir()!]);
    store = openSqliteStore({ path: join(dir, 'national.db'), readonly: true });
    ctx = createReadContext(store);
    const state = await ctx.state.get();
    engine = state.engine;
    names = state.gemeenteNames;
  }, 600_000);
  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(PERIODS.map((p) => [`${p.t0}–${p.t1}`, p] as const))(
    'every classified buurt’s explanation agrees with its class and its numbers (%s)',
    (_label, period) => {
      const r = engine.period(period);
      const failures: string[] = [];
      let checked = 0;
      for (let row = 0; row < engine.table.size; row++) {
        const abs = VEERKRACHT_CLASS_IDS[r.classification.absolute.classes[row]!]!;
        if (!DATA_CLASSES.has(abs)) continue;
        const rel = VEERKRACHT_CLASS_IDS[r.classification.relative.classes[row]!]!;
        const b = engine.table.buurten[row]!;
        const text = explainBuurt(engine, row, period, names.get(b.gemeente) ?? b.gemeente).nl;
        const wrong = contradictions(text, abs, rel);
        checked++;
        if (wrong.length && failures.length < 10)
          failures.push(`${b.code} ${b.name}: ${wrong.join('; ')}\n  ${text}`);
      }
      expect(checked).toBeGreaterThan(8_000);
      expect(failures).toEqual([]);
    },
  );

  it('every absolute “more nuisance” buurt has a worse onv at the end of the period than at its start, in the raw Leefbaarometer file', () => {
    const meting2020 = rawOnv(gunzipSync(readFileSync(realDataFile(LBM_2020))).toString('utf8'));
    const meting2024 = rawOnv(readFileSync(realDataFile(LBM_2024), 'utf8'));
    let checked = 0;
    const wrong: string[] = [];
    for (const period of engine.periods()) {
      const r = engine.period(period);
      const onv = r.nuisance.measures.findIndex((m) => m.id === 'lbm_onv');
      for (let row = 0; row < engine.table.size; row++) {
        const cls = VEERKRACHT_CLASS_IDS[r.classification.absolute.classes[row]!]!;
        if (cls !== 'meer-overlast' && cls !== 'veerkracht-onder-druk') continue;
        if (r.nuisance.measure[row] !== onv) continue;
        const [y0, y1] = rowPair(r.nuisance.rowYears, row)!;
        const code = engine.table.buurten[row]!.code;
        // the raw file of the edition that supplied this buurt's value
        const raw = (y: number) => {
          const editions = engine.table.sourcesAt('lbm_onv', y, [row]).map((s) => s.edition);
          const file = editions.some((e) => e.includes('meting 2024')) ? meting2024 : meting2020;
          return file.get(`${code}|${y}`);
        };
        const a = raw(y0);
        const b = raw(y1);
        checked++;
        if (a === undefined || b === undefined || !(b < a))
          wrong.push(`${code} ${period.t0}-${period.t1}: onv ${y0} ${a} → ${y1} ${b}`);
      }
    }
    expect(checked).toBeGreaterThan(1_000);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('Arnhem’s maps and explanations cite only the editions used for Arnhem (no provincie-Utrecht table, no Amsterdam-only KWB file)', async () => {
    const foreign = /Provincie Utrecht|KWB 2020|KWB 2023|KWB 2016|KWB 2017|KWB 2018|KWB 2019/;
    for (const map of NINE_MAPS) {
      const defs = await getMapDefinitions(ctx, { area: 'GM0202' });
      const def = defs.maps.find((m) => m.id === map.id)!;
      const body = await getMap(ctx, {
        area: 'GM0202',
        map: map.id,
        ...(def.defaultPeriod ? { period: def.defaultPeriod } : {}),
        ...(def.defaultYear !== undefined ? { year: def.defaultYear } : {}),
      });
      expect(
        body.meta.sources.map((s) => s.edition).filter((e) => foreign.test(e)),
        map.id,
      ).toEqual([]);
    }
    const period = { t0: 2016, t1: 2020 };
    for (const row of engine.table.byGemeente().get('GM0202')!) {
      const text = explainBuurt(engine, row, period, 'Arnhem').nl;
      expect(foreign.test(text), text).toBe(false);
    }
  });

  it('Amsterdam’s KWB and police maps of 2024 have values: its register boundaries of 2022–2024 (indeling 2024) carry them onto 2019 by overlay', async () => {
    const amsterdam = engine.table.byGemeente().get('GM0363')!.length;
    for (const map of ['owner_occupied_share', 'police_crimes']) {
      const body = await getMap(ctx, { area: 'GM0363', map, year: 2024 });
      const withValue = body.features.filter((f) => f.properties.value !== null);
      expect(withValue.length, map).toBeGreaterThan(amsterdam * 0.5);
      expect(body.meta.emptyReason, map).toBeNull();
      // the rest for reasons in the data (CBS suppressed a part of the buurt), not for want of a file
      const kinds = new Set(
        body.features.filter((f) => f.properties.value === null).map((f) => f.properties.missing),
      );
      for (const k of kinds)
        expect(['suppressed', 'too-few-residents', 'population-unknown'], map).toContain(k);
      // Arnhem, whose 2024 codes are those of 2019: values by code, and neither kind
      const arnhem = await getMap(ctx, { area: 'GM0202', map, year: 2024 });
      expect(arnhem.meta.emptyReason, map).toBeNull();
      expect(
        arnhem.features
          .map((f) => f.properties.missing)
          .filter((k) => k === 'not-loaded' || k === 'not-in-source'),
        map,
      ).toEqual([]);
    }
    // income per inhabitant: CBS suppressed it for most of Amsterdam's 2024 buurten, and a target
    // buurt with a suppressed part stays suppressed — never a number made from the rest
    const income = await getMap(ctx, { area: 'GM0363', map: 'avg_income_per_inhabitant', year: 2024 });
    const incomeKinds = new Set(income.features.map((f) => f.properties.missing));
    expect(incomeKinds.has('suppressed')).toBe(true);
    expect(incomeKinds.has('not-loaded')).toBe(false);
    expect(incomeKinds.has('not-in-source')).toBe(false);
    // the Leefbaarometer of 2024 is loaded for Heerlen and Kerkrade only: for Amsterdam it is not loaded
    const lbm = await getMap(ctx, { area: 'GM0363', map: 'lbm_onv', year: 2024 });
    expect(new Set(lbm.features.map((f) => f.properties.missing))).toEqual(new Set(['not-loaded']));
  });

  it('every gemeente, each of the nine maps: the default view has values for at least half of its buurten, or the response says why; its default period is labelled with the years compared for most buurten, where such a period is offered', async () => {
    const problems: string[] = [];
    let maps = 0;
    for (const [gemeente, rows] of engine.table.byGemeente()) {
      // the read services answer from memory without giving the event loop a turn: give it one
      // per gemeente, or a loop of over a minute times out vitest's worker RPC on a slow machine
      await new Promise((resolve) => setImmediate(resolve));
      const defs = await getMapDefinitions(ctx, { area: gemeente });
      for (const def of defs.maps) {
        const body = await getMap(ctx, {
          area: gemeente,
          map: def.id,
          ...(def.defaultPeriod ? { period: def.defaultPeriod } : {}),
          ...(def.defaultYear !== undefined ? { year: def.defaultYear } : {}),
        });
        maps++;
        // a default period says no more than its map: when a period labelled with exactly the years
        // compared for most buurten gives as many buurten a value, the map opens on that one
        const comparisons = body.meta.comparisons ?? [];
        if (def.defaultPeriod && comparisons.length > 0) {
          const main = mainComparedYears(comparisons, {});
          const fits = `${Math.min(...main)}-${Math.max(...main)}`;
          const counts = def.availability?.counts ?? {};
          if (
            def.defaultPeriod !== fits &&
            (def.periods ?? []).includes(fits) &&
            (counts[fits] ?? 0) >= (counts[def.defaultPeriod] ?? 0)
          )
            problems.push(`${gemeente} ${def.id}: opens on ${def.defaultPeriod}, not ${fits}`);
        }
        const valued = body.features.filter((f) =>
          def.kind === 'classification'
            ? DATA_CLASSES.has(f.properties.classId)
            : f.properties.classIndex !== null,
        ).length;
        const anyData = def.availability?.hasData ?? false;
        const halfPossible = def.availability?.halfCovered ?? false;
        const why = body.features.every(
          (f) =>
            f.properties.missing !== undefined &&
            (f.properties.missing === null) ===
              (def.kind === 'classification'
                ? DATA_CLASSES.has(f.properties.classId)
                : f.properties.classIndex !== null),
        );
        if (valued * 2 >= rows.length) continue;
        if (anyData && halfPossible)
          problems.push(`${gemeente} ${def.id}: ${valued} of ${rows.length} with a value`);
        else if (valued === 0 && !body.meta.emptyReason)
          problems.push(`${gemeente} ${def.id}: empty without a reason`);
        else if (!why)
          problems.push(`${gemeente} ${def.id}: buurten without a value and without a kind of missing`);
      }
    }
    expect(maps).toBe(engine.table.byGemeente().size * 9);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 300_000);

  it('docs/method.md’s comparison with the published figures is what bench/method-comparison.ts renders from this store', () => {
    expect(currentSection(readFileSync(METHOD_DOC, 'utf8'))).toBe(renderMethodComparison(engine));
  });
});
