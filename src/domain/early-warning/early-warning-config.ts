/**
 * The rule set of the early warning (GET /api/early-warning), part of the engine configuration
 * under the key `earlyWarning` (veerkracht.config.json). Every default is documented in
 * docs/method.md ("Early warning"). Changes are on the engine's fixed base-year scales, in units
 * of the national buurt spread (SD), the same units as the thresholds τ of the classification.
 */
import { z } from 'zod';

const RuleSchema = {
  /** Off: the rule is not evaluated. */
  enabled: z.boolean().default(true),
  /** Points the rule adds to a buurt's rank score. */
  weight: z.number().min(0).max(100),
};

export const EarlyWarningConfigSchema = z.strictObject({
  /** Which reading of the veerkracht class the rule "klasse verslechterd" compares. */
  reading: z.enum(['absolute', 'relative']).default('absolute'),
  classWorsened: z
    .strictObject({ ...RuleSchema, weight: RuleSchema.weight.default(3) })
    .default({ enabled: true, weight: 3 }),
  /** Below a threshold τ by at most `margin` (SD), and higher than in the previous period. */
  nearThreshold: z
    .strictObject({
      ...RuleSchema,
      weight: RuleSchema.weight.default(1),
      margin: z.number().positive().max(5).default(0.1),
    })
    .default({ enabled: true, weight: 1, margin: 0.1 }),
  /** ΔK above `minRise` (SD) in the previous and in the current period. */
  concentrationRising: z
    .strictObject({
      ...RuleSchema,
      weight: RuleSchema.weight.default(2),
      minRise: z.number().min(0).max(5).default(0),
    })
    .default({ enabled: true, weight: 2, minRise: 0 }),
  /** ΔO above `minRise` while the rest of the gemeente's mean ΔO is below −`minImprovement`. */
  nuisanceAgainstGemeente: z
    .strictObject({
      ...RuleSchema,
      weight: RuleSchema.weight.default(2),
      minRise: z.number().min(0).max(5).default(0),
      minImprovement: z.number().min(0).max(5).default(0),
    })
    .default({ enabled: true, weight: 2, minRise: 0, minImprovement: 0 }),
});

export type EarlyWarningConfig = z.infer<typeof EarlyWarningConfigSchema>;
export type EarlyWarningConfigInput = z.input<typeof EarlyWarningConfigSchema>;

/** The defaults (every rule on). */
export const DEFAULT_EARLY_WARNING: EarlyWarningConfig = EarlyWarningConfigSchema.parse({});
