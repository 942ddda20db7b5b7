/**
 * POST /api/scenarios/run: one to three scenarios (default: basis, spreiden, toevoegen) on an
 * area's buurten, from their starting values in the store (start-values.ts) and the model's
 * defaults (scenario-spec.ts), each returned with where it comes from. A compute is a read: anyone
 * who may read the area may run it (the route authorises the area first).
 */
import type { z } from 'zod';
import {
  RunScenariosRequestSchema,
  type ApiBuurtProjection,
  type ApiDefault,
  type ApiScenarioResult,
  type ApiTotalRow,
  type ApiYearRow,
  type RunScenariosResponse,
  type ScenarioInput,
  type ScenarioNoStart,
} from '../api/scenarios.js';
import { AppError } from '../core/app-error.js';
import {
  PROJECTED_CLASSES,
  concentrationPercentile,
  runScenario,
  type ProjectedClass,
  type ScenarioRun,
  type TotalRow,
  type YearRow,
} from '../domain/scenario/run-scenario.js';
import {
  BASE_DEFAULTS,
  DEFAULT_SOURCES,
  PRESET_INPUTS,
  resolveSpec,
  type ScenarioSpecInput,
} from '../domain/scenario/scenario-spec.js';
import { noStartText, startCoverage } from '../domain/scenario/start-coverage.js';
import { startValues, type StartValues } from '../domain/scenario/start-values.js';
import { authoriseArea } from './members/access.js';
import type { AccessMode, Viewer } from './members/viewer.js';
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';

export const CLASS_LABELS: Record<ProjectedClass, { nl: string; en: string }> = {
  'daalt-sterk': { nl: 'daalt sterk (≥ 2 punt)', en: 'falls strongly (≥ 2 points)' },
  daalt: { nl: 'daalt (0,5–2 punt)', en: 'falls (0.5–2 points)' },
  stabiel: { nl: 'stabiel (< 0,5 punt)', en: 'stable (< 0.5 points)' },
  stijgt: { nl: 'stijgt (0,5–2 punt)', en: 'rises (0.5–2 points)' },
  'stijgt-sterk': { nl: 'stijgt sterk (≥ 2 punt)', en: 'rises strongly (≥ 2 points)' },
};

/** Parses a body with a schema; the first issue becomes a USAGE error naming its path. */
export function parseBody<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('USAGE', `${what}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Refuses two scenarios with the same name (the CSV and the page tell them apart by name). */
export function checkNames(scenarios: readonly ScenarioInput[]): void {
  const seen = new Set<string>();
  for (const s of scenarios) {
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw new AppError('USAGE', `scenarios: the name '${s.name}' is used twice`);
    seen.add(key);
  }
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const r2 = (x: number) => Math.round(x * 100) / 100;
const share = (x: number | null) => (x === null ? null : r6(x));

function yearRow(y: YearRow): ApiYearRow {
  return {
    year: y.year,
    dwellings: r2(y.dwellings),
    corp: r2(y.corp),
    corpShare: share(y.corpShare),
    concentration: share(y.concentration),
    corpConcentration: share(y.corpConcentration),
    lettings: r2(y.lettings),
    targetLettings: r2(y.targetLettings),
  };
}

const totalRow = (t: TotalRow): ApiTotalRow => ({ ...yearRow(t), unplaced: r2(t.unplaced) });

function result(run: ScenarioRun, names: Map<string, string>, keepYears: boolean): ApiScenarioResult {
  const classCounts = Object.fromEntries(PROJECTED_CLASSES.map((c) => [c, 0])) as Record<
    ProjectedClass,
    number
  >;
  const buurten: ApiBuurtProjection[] = run.buurten.map((b) => {
    classCounts[b.projectedClass] += 1;
    return {
      code: b.code,
      name: b.name,
      gemeente: b.gemeente,
      policies: b.policies,
      lettingShare: r6(b.lettingShare),
      start: yearRow(b.years[0]!),
      end: yearRow(b.years.at(-1)!),
      series: b.years.map((y) => share(y.concentration)),
      changePoints: r6(b.changePoints),
      projectedClass: b.projectedClass,
      ...(keepYears ? { years: b.years.map(yearRow) } : {}),
    };
  });
  return {
    spec: run.spec,
    total: run.total.map(totalRow),
    gemeenten: run.gemeenten.map((g) => ({
      gemeente: g.gemeente,
      name: names.get(g.gemeente) ?? g.gemeente,
      years: g.years.map(totalRow),
    })),
    buurten,
    classCounts,
  };
}

function defaultsFor(start: StartValues, spreadThreshold: number): Record<string, ApiDefault> {
  const out: Record<string, ApiDefault> = {};
  for (const key of Object.keys(BASE_DEFAULTS) as (keyof typeof BASE_DEFAULTS)[])
    out[key] = { value: BASE_DEFAULTS[key], ...DEFAULT_SOURCES[key] };
  out.spreadThreshold = { value: spreadThreshold, ...DEFAULT_SOURCES.spreadThreshold };
  const dwellings = start.buurten.reduce((s, b) => s + b.dwellings, 0);
  const weighted = (f: (b: StartValues['buurten'][number]) => number) =>
    dwellings > 0 ? r6(start.buurten.reduce((s, b) => s + f(b) * b.dwellings, 0) / dwellings) : null;
  out.dwellings = { value: dwellings, ...DEFAULT_SOURCES.dwellings };
  out.corpShare = { value: weighted((b) => b.corpShare), ...DEFAULT_SOURCES.corpShare };
  out.concentration = { value: weighted((b) => b.concentration), ...DEFAULT_SOURCES.concentration };
  return out;
}

export interface RunOptions {
  /** Every year's row per buurt (for the CSV exports; the JSON answer has the start, end and series). */
  years?: boolean;
}

/**
 * NO_DATA for an area none of whose buurten has all three starting values: `details` says how
 * many have each, and why in Dutch and English (ScenarioNoStart).
 */
function noStart(area: { id: string; name: string; rows: readonly number[] }, start: StartValues): AppError {
  const coverage = startCoverage(start, area.rows.length);
  const text = noStartText(area.name, area.rows.length, coverage);
  const details: ScenarioNoStart = {
    reason: 'scenario-no-start',
    area: { id: area.id, name: area.name },
    buurten: area.rows.length,
    inputs: coverage.map((c) => ({ field: c.field, indicators: [...c.indicators], buurten: c.buurten })),
    ...text,
  };
  const counts = coverage.map((c) => `${c.field} ${c.buurten}`).join(', ');
  return new AppError(
    'NO_DATA',
    `no buurt in ${area.name} has dwellings, a corporation share and a share of low-income households (or persons in poverty) in the store (buurten with a value, of ${area.rows.length}: ${counts})`,
    { details: { ...details } },
  );
}

/** Runs validated scenario inputs on an area (the caller has authorised the area). */
export async function runOnArea(
  ctx: ReadContext,
  areaId: string,
  inputs: readonly ScenarioSpecInput[] | undefined,
  options: RunOptions = {},
): Promise<RunScenariosResponse> {
  const state = await ctx.state.get();
  const area = await resolveArea(areaId, state, ctx.store);
  const start = startValues(state.engine.table, area.rows);
  if (start.buurten.length === 0) throw noStart(area, start);
  const threshold = concentrationPercentile(start.buurten, 0.75);
  const specs = (inputs ?? PRESET_INPUTS).map((i) => resolveSpec(i, threshold));
  return {
    area: { id: area.id, name: area.name, gemeenten: area.gemeenten },
    divisionYear: state.divisionYear,
    demo: state.demo,
    defaults: defaultsFor(start, threshold),
    startSources: start.sources,
    excluded: start.excluded,
    classes: PROJECTED_CLASSES.map((id) => ({ id, ...CLASS_LABELS[id] })),
    scenarios: specs.map((s) =>
      result(runScenario(start.buurten, s), state.gemeenteNames, options.years === true),
    ),
  };
}

/** The body of POST /api/scenarios/run, validated (USAGE naming the field otherwise). */
export function parseRunRequest(raw: unknown): { area: string; scenarios: ScenarioInput[] | undefined } {
  const body = parseBody(RunScenariosRequestSchema, raw, 'scenario run');
  if (body.scenarios) checkNames(body.scenarios);
  return { area: body.area, scenarios: body.scenarios };
}

/** POST /api/scenarios/run: validates, checks that the viewer may read the area, runs. */
export async function runScenarios(
  ctx: ReadContext,
  viewer: Viewer,
  access: AccessMode,
  raw: unknown,
  options: RunOptions = {},
): Promise<RunScenariosResponse> {
  const body = parseRunRequest(raw);
  await authoriseArea(ctx, viewer, access, body.area);
  return runOnArea(ctx, body.area, body.scenarios, options);
}
