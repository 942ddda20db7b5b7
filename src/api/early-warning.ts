/**
 * GET /api/early-warning?area=…[&period=…]: the buurten of a gemeente, region or werkgebied that
 * need attention, ranked, each with its reasons in words and the numbers behind them
 * (src/domain/early-warning, docs/method.md "Early warning").
 */
import { z } from 'zod';
import { EditionParamSchema, PeriodSchema } from './schemas.js';

export const EarlyWarningQuerySchema = z.strictObject({
  /** Gemeente code (GMgggg) or region id (also an organisation's werkgebied). */
  area: z.string().trim().min(1),
  /** The current period (default: the area's default period of the signal maps). */
  period: PeriodSchema.optional(),
  /** A data edition (GET /api/editions); absent = the newest. */
  edition: EditionParamSchema.optional(),
});
export type EarlyWarningQuery = z.infer<typeof EarlyWarningQuerySchema>;

const ClassRefSchema = z.object({ id: z.string(), labelNl: z.string(), labelEn: z.string() });
const Texts = { textNl: z.string(), textEn: z.string() };

export const WarningReasonSchema = z.discriminatedUnion('rule', [
  z.object({
    rule: z.literal('class-worsened'),
    reading: z.enum(['absolute', 'relative']),
    previousPeriod: PeriodSchema,
    previousClass: z.string(),
    period: PeriodSchema,
    currentClass: z.string(),
    /** The changes (in the reading, national SD) that put the buurt in its current class. */
    dK: z.number(),
    dO: z.number(),
    thresholds: z.object({ concentration: z.number(), nuisance: z.number() }),
    ...Texts,
  }),
  z.object({
    rule: z.literal('near-threshold'),
    quantity: z.enum(['concentration', 'nuisance']),
    period: PeriodSchema,
    value: z.number(),
    previousPeriod: PeriodSchema,
    previousValue: z.number(),
    threshold: z.number(),
    margin: z.number(),
    ...Texts,
  }),
  z.object({
    rule: z.literal('concentration-rising'),
    previousPeriod: PeriodSchema,
    previousValue: z.number(),
    period: PeriodSchema,
    value: z.number(),
    minRise: z.number(),
    ...Texts,
  }),
  z.object({
    rule: z.literal('nuisance-against-gemeente'),
    period: PeriodSchema,
    value: z.number(),
    measure: z.string(),
    /** Inhabitant-weighted mean ΔO of the other buurten of the gemeente (same measure, enough inhabitants). */
    restMean: z.number(),
    restBuurten: z.number().int(),
    minRise: z.number(),
    minImprovement: z.number(),
    ...Texts,
  }),
]);
export type WarningReasonOut = z.infer<typeof WarningReasonSchema>;

export const EarlyWarningEntrySchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  gemeenteName: z.string(),
  inhabitants: z.number().nullable(),
  /** Sum of the weights of the rules that fired (the rank). */
  score: z.number(),
  currentClass: ClassRefSchema,
  previousClass: ClassRefSchema.nullable(),
  /** The buurt's own changes in the current period (national SD), null when unknown. */
  dK: z.number().nullable(),
  dO: z.number().nullable(),
  measure: z.string().nullable(),
  reasons: z.array(WarningReasonSchema).min(1),
});
export type EarlyWarningEntry = z.infer<typeof EarlyWarningEntrySchema>;

export const EarlyWarningResponseSchema = z.object({
  area: z.object({ id: z.string(), name: z.string() }),
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  reading: z.enum(['absolute', 'relative']),
  thresholds: z.object({ concentration: z.number(), nuisance: z.number() }),
  /** The rule set in effect (engine configuration `earlyWarning`). */
  rules: z.record(z.string(), z.unknown()),
  /** Buurten of the area looked at. */
  buurten: z.number().int(),
  /** How many buurten have each number the rules read, per period (so an empty list is explained). */
  coverage: z.object({
    current: z.object({ classified: z.number().int(), dK: z.number().int(), dO: z.number().int() }),
    previous: z.object({ classified: z.number().int(), dK: z.number().int(), dO: z.number().int() }),
  }),
  /** Per rule, how many buurten it fired for. */
  fired: z.record(z.string(), z.number().int()),
  warnings: z.array(EarlyWarningEntrySchema),
  demo: z.boolean(),
});
export type EarlyWarningResponse = z.infer<typeof EarlyWarningResponseSchema>;
