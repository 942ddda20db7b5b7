/**
 * Configuration of the engine, zod-validated at the edge (server options, CLI flags, tests).
 * Every default is documented in docs/method.md ("Configuration"); changing one
 * changes the maps, so the meta of every map response names the thresholds used.
 */
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import { DEFAULT_EARLY_WARNING, EarlyWarningConfigSchema } from '../early-warning/early-warning-config.js';
import { DEFAULT_SIMILARITY, SimilarityConfigSchema } from '../similarity/similarity-config.js';

/** One definition of a component over a span of years (a definition change is a break). */
export const ComponentSegmentSchema = z.strictObject({
  indicator: z.string(),
  fromYear: z.number().int().optional(),
  toYear: z.number().int().optional(),
});

export const ComponentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  titleNl: z.string(),
  titleEn: z.string(),
  weight: z.number().positive(),
  segments: z.array(ComponentSegmentSchema).min(1),
});
export type ComponentConfig = z.infer<typeof ComponentSchema>;

export const NUISANCE_MEASURE_IDS = [
  'lbm_onv',
  'rivm_noise_neighbours',
  'police_crime_rate',
  'kwb_crime_per_1000',
] as const;
export type NuisanceMeasureId = (typeof NUISANCE_MEASURE_IDS)[number];

/** The default components of the concentratie kwetsbare bewoners index (methodology §10.3). */
export const DEFAULT_COMPONENTS: readonly ComponentConfig[] = [
  {
    id: 'low-income',
    titleNl: 'Lage inkomens / armoede',
    titleEn: 'Low income / poverty',
    weight: 1,
    segments: [
      { indicator: 'low_income_households_share', toYear: 2023 },
      { indicator: 'persons_in_poverty_share', fromYear: 2024 },
    ],
  },
  {
    id: 'social-assistance',
    titleNl: 'Bijstand',
    titleEn: 'Social assistance',
    weight: 1,
    segments: [{ indicator: 'social_assistance_per_1000_15_64' }],
  },
  {
    id: 'disability-benefit',
    titleNl: 'Arbeidsongeschiktheid',
    titleEn: 'Disability benefit',
    weight: 1,
    segments: [{ indicator: 'disability_benefit_per_1000_15_64' }],
  },
  {
    id: 'wmo',
    titleNl: 'Wmo-cliënten',
    titleEn: 'Wmo clients',
    weight: 1,
    segments: [{ indicator: 'wmo_per_1000' }],
  },
  {
    id: 'anxiety-depression',
    titleNl: 'Hoog risico op angst of depressie',
    titleEn: 'High risk of anxiety or depression',
    weight: 1,
    segments: [{ indicator: 'rivm_high_risk_anxiety_depression' }],
  },
  {
    id: 'making-ends-meet',
    titleNl: 'Moeite met rondkomen',
    titleEn: 'Difficulty making ends meet',
    weight: 1,
    segments: [{ indicator: 'rivm_difficulty_making_ends_meet' }],
  },
];

/** How a continuous (level) map is divided into classes (src/domain/maps/breaks.ts ClassMethod). */
export const ClassMethodSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.enum(['quantile', 'equal-interval', 'ckmeans']),
    k: z.number().int().min(2).max(11),
  }),
  z.strictObject({ method: z.literal('fixed'), thresholds: z.array(z.number()).min(1).max(10) }),
]);

/** Unknown keys are refused (a misspelt key must not silently fall back to its default). */
export const EngineConfigSchema = z.strictObject({
  /** Components of the concentration index, each standardised within its year. */
  components: z
    .array(ComponentSchema)
    .min(1)
    .max(16)
    .default([...DEFAULT_COMPONENTS]),
  /** An index value (level or change) needs at least this many components. */
  minComponents: z.number().int().min(1).default(2),
  /** A level for year t may use a component's value from a year at most this far from t. */
  levelYearTolerance: z.number().int().min(0).max(10).default(2),
  /** A change over [t0, t1] may use years at most this far outside the period (0 = only at or inside the ends). */
  periodYearTolerance: z.number().int().min(0).max(5).default(0),
  /** Use a component's change across a definition break (e.g. low income → poverty in 2024). Off: left out, stated. */
  bridgeBreaks: z.boolean().default(false),
  /** Nuisance measures in fallback order: per buurt the first with values at both ends of the period. */
  nuisanceMeasures: z
    .array(z.enum(NUISANCE_MEASURE_IDS))
    .min(1)
    .default([...NUISANCE_MEASURE_IDS]),
  /**
   * Thresholds τ: a change counts as a rise when it exceeds τ on the fixed base-year scale — τ times
   * the national buurt spread (SD) of the measure in its base year (docs/method.md).
   */
  thresholds: z
    .strictObject({
      concentration: z.number().positive().max(5).default(0.25),
      nuisance: z.number().positive().max(5).default(0.25),
    })
    .default({ concentration: 0.25, nuisance: 0.25 }),
  /** Buurten with fewer inhabitants are classed te-weinig-inwoners. */
  minPopulation: z.number().int().min(0).default(200),
  /** Reference of the relative classification: the rest of the gemeente (default) or the whole gemeente. */
  relativeReference: z.enum(['rest-of-gemeente', 'gemeente']).default('rest-of-gemeente'),
  /** The period maps open with when it has data. */
  defaultPeriod: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .default('2016-2020'),
  /** Class method per level map id (or indicator id) instead of the map's own, e.g. { "leefbaarheid": { "method": "ckmeans", "k": 5 } }. */
  classMethods: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), ClassMethodSchema).default({}),
  /** The rule set of the early warning (src/domain/early-warning/early-warning-config.ts). */
  earlyWarning: EarlyWarningConfigSchema.default(DEFAULT_EARLY_WARNING),
  /** Buurten zoals deze: indicator weights, minimum shared indicators (src/domain/similarity/similarity-config.ts). */
  similarity: SimilarityConfigSchema.default(DEFAULT_SIMILARITY),
});

export type EngineConfig = z.infer<typeof EngineConfigSchema>;
export type EngineConfigInput = z.input<typeof EngineConfigSchema>;

/**
 * Validates a (partial) configuration and fills in the defaults. CONFIG_INVALID names each
 * offending key path (e.g. `thresholds.nuisance`) and what was expected; `where` names the origin
 * (a file, a flag) in the message.
 */
export function parseEngineConfig(input: unknown = {}, where = 'engine configuration'): EngineConfig {
  const result = EngineConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${configKeyPath(i)}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `${where}: ${issues.join('; ')}`, {
      details: { issues: result.error.issues.map((i) => ({ path: configKeyPath(i), message: i.message })) },
    });
  }
  const weights = new Set(result.data.components.map((c) => c.id));
  if (weights.size !== result.data.components.length)
    throw new AppError('CONFIG_INVALID', `${where}: components: component ids must be unique`);
  return result.data;
}

/** A zod issue's key path as an operator writes it: `components[2].weight`; unknown keys are named. */
function configKeyPath(issue: z.core.$ZodIssue): string {
  let path = '';
  for (const part of issue.path)
    path += typeof part === 'number' ? `[${part}]` : `${path ? '.' : ''}${String(part)}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return keys.join(', ');
  }
  return path || '(root)';
}

/** A period [t0, t1]. */
export interface Period {
  t0: number;
  t1: number;
}

/** "2016-2020" → { t0: 2016, t1: 2020 }; USAGE error when malformed or t0 ≥ t1. */
export function parsePeriod(raw: string): Period {
  const m = /^(\d{4})-(\d{4})$/.exec(raw.trim());
  if (!m || Number(m[1]) >= Number(m[2])) {
    throw new AppError(
      'USAGE',
      `period must look like 2016-2020 with the first year before the second, got '${raw}'`,
    );
  }
  return { t0: Number(m[1]), t1: Number(m[2]) };
}

export function formatPeriod(p: Period): string {
  return `${p.t0}-${p.t1}`;
}
