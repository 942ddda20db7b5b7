/**
 * The HTTP contract of the scenario planner (issue 14): POST /api/scenarios/run (compute, also as
 * CSV), GET/POST/DELETE /api/scenarios (saved per organisation). Request bodies are strict: an
 * unknown key is a USAGE error. Every model input is optional; the server fills in the defaults
 * (src/domain/scenario/scenario-spec.ts) and returns them with their sources.
 */
import { z } from 'zod';
import type { PROJECTED_CLASSES } from '../domain/scenario/run-scenario.js';
import { SPEC_LIMITS, type ScenarioSpec } from '../domain/scenario/scenario-spec.js';

const within = ([lo, hi]: readonly [number, number]) => z.number().finite().min(lo).max(hi);

export const ScenarioNameSchema = z
  .string()
  .trim()
  .min(1, 'a scenario has a name')
  .max(60, 'a scenario name has at most 60 characters');

export const ScenarioInputSchema = z.strictObject({
  name: ScenarioNameSchema,
  years: z.number().int().min(SPEC_LIMITS.years[0]).max(SPEC_LIMITS.years[1]).optional(),
  turnover: within(SPEC_LIMITS.turnover).optional(),
  moveOutRatio: within(SPEC_LIMITS.moveOutRatio).optional(),
  targetRatio: within(SPEC_LIMITS.targetRatio).optional(),
  lettingShare: within(SPEC_LIMITS.lettingShare).nullable().optional(),
  lettingShift: within(SPEC_LIMITS.lettingShift).optional(),
  salesRate: within(SPEC_LIMITS.salesRate).optional(),
  demolitionRate: within(SPEC_LIMITS.demolitionRate).optional(),
  spread: z
    .strictObject({
      threshold: within(SPEC_LIMITS.share).optional(),
      reduction: within(SPEC_LIMITS.share).optional(),
    })
    .nullable()
    .optional(),
  addSocial: z
    .strictObject({
      maxCorpShare: within(SPEC_LIMITS.share).optional(),
      ratePerYear: within(SPEC_LIMITS.ratePerYear).optional(),
    })
    .nullable()
    .optional(),
  addMiddle: z
    .strictObject({
      minCorpShare: within(SPEC_LIMITS.share).optional(),
      ratePerYear: within(SPEC_LIMITS.ratePerYear).optional(),
      targetShare: within(SPEC_LIMITS.share).optional(),
    })
    .nullable()
    .optional(),
});
export type ScenarioInput = z.infer<typeof ScenarioInputSchema>;

export const AreaIdSchema = z.string().trim().min(1).max(80);

/** POST /api/scenarios/run: without `scenarios`, the three presets (basis, spreiden, toevoegen). */
export const RunScenariosRequestSchema = z.strictObject({
  area: AreaIdSchema,
  scenarios: z.array(ScenarioInputSchema).min(1).max(3).optional(),
});
export type RunScenariosRequest = z.infer<typeof RunScenariosRequestSchema>;

/** POST /api/scenarios: saves what was run (the inputs, not the results: they are recomputed on the current data). */
export const SaveScenarioRequestSchema = z.strictObject({
  title: ScenarioNameSchema,
  area: AreaIdSchema,
  scenarios: z.array(ScenarioInputSchema).min(1).max(3),
});
export type SaveScenarioRequest = z.infer<typeof SaveScenarioRequestSchema>;

/** A scenario with every default filled in (src/domain/scenario/scenario-spec.ts). */
export type ScenarioSpecResolved = ScenarioSpec;

export interface ApiYearRow {
  year: number;
  dwellings: number;
  corp: number;
  corpShare: number | null;
  concentration: number | null;
  corpConcentration: number | null;
  lettings: number;
  targetLettings: number;
}

export interface ApiTotalRow extends ApiYearRow {
  unplaced: number;
}

export type ProjectedClassId = (typeof PROJECTED_CLASSES)[number];

export interface ApiBuurtProjection {
  code: string;
  name: string;
  gemeente: string;
  policies: string[];
  lettingShare: number;
  start: ApiYearRow;
  end: ApiYearRow;
  /** Concentration per year (0 = start), as a share. */
  series: (number | null)[];
  changePoints: number;
  projectedClass: ProjectedClassId;
  /** Every year's row (0 = start); only in the CSV exports, which list the buurten year by year. */
  years?: ApiYearRow[];
}

export interface ApiScenarioResult {
  spec: ScenarioSpecResolved;
  total: ApiTotalRow[];
  gemeenten: { gemeente: string; name: string; years: ApiTotalRow[] }[];
  buurten: ApiBuurtProjection[];
  /** Buurten per projected class. */
  classCounts: Record<ProjectedClassId, number>;
}

export interface ApiDefault {
  value: number | null;
  kind: 'data' | 'source' | 'assumption';
  nl: string;
  en: string;
}

export interface RunScenariosResponse {
  area: { id: string; name: string; gemeenten: string[] };
  divisionYear: number;
  demo: boolean;
  /** Every input's default for this area, with where it comes from. */
  defaults: Record<string, ApiDefault>;
  /** Where the starting values came from: indicator, year, number of buurten. */
  startSources: { field: string; indicator: string; year: number; buurten: number }[];
  excluded: { code: string; name: string; gemeente: string; missing: string[] }[];
  classes: { id: ProjectedClassId; nl: string; en: string }[];
  scenarios: ApiScenarioResult[];
}

/**
 * `error.details` of the NO_DATA answer of a run on an area where no buurt has all three starting
 * values (dwellings, corporation share, low-income share): how many buurten have each, and why
 * in words, with how to load them.
 */
export interface ScenarioNoStart {
  reason: 'scenario-no-start';
  area: { id: string; name: string };
  /** Buurten of the area. */
  buurten: number;
  inputs: { field: 'dwellings' | 'corpShare' | 'concentration'; indicators: string[]; buurten: number }[];
  nl: string;
  en: string;
}

export interface SavedScenario {
  id: number;
  title: string;
  area: string;
  scenarios: ScenarioInput[];
  author: string;
  createdAt: string;
  mayDelete: boolean;
}

export interface SavedScenariosResponse {
  scenarios: SavedScenario[];
}
