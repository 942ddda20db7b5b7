/**
 * GET /api/buurten/:code/similar[?limit=…]: the buurten most alike nationally on the indicators
 * that matter here, each indicator explained, and the positive deviants: buurten that were alike
 * at the start of the period and whose nuisance fell or class improved since
 * (src/domain/similarity, docs/method.md "Buurten zoals deze").
 */
import { z } from 'zod';
import { EditionParamSchema, PeriodSchema } from './schemas.js';

export const SimilarQuerySchema = z.strictObject({
  /** How many similar buurten (1–50, default 10). */
  limit: z.coerce.number().int().min(1).max(50).optional(),
  /** A data edition (GET /api/editions); absent = the newest. */
  edition: EditionParamSchema.optional(),
});
export type SimilarQuery = z.infer<typeof SimilarQuerySchema>;

export const SimilarityGroupSchema = z.enum([
  'concentration',
  'corporation',
  'leefbaarometer',
  'size',
  'urbanity',
]);

export const IndicatorComparisonSchema = z.object({
  id: z.string(),
  titleNl: z.string(),
  titleEn: z.string(),
  unit: z.string(),
  /** The buurt's value and the other buurt's value (own units), with the years used; null when missing. */
  value: z.number().nullable(),
  year: z.number().int().nullable(),
  otherValue: z.number().nullable(),
  otherYear: z.number().int().nullable(),
  /** |z − z'|, the difference on the national standardised scale; null when either is missing. */
  zDifference: z.number().nullable(),
  /** close (≤ closeZ), differs (≥ differentZ), between, or missing (not shared: left out of the distance). */
  verdict: z.enum(['close', 'between', 'differs', 'missing']),
});

export const SimilarBuurtSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  gemeenteName: z.string(),
  /** Root of the weighted mean squared z-difference over the shared indicators (0 = identical). */
  distance: z.number(),
  /** Indicators both buurten have. */
  shared: z.number().int(),
  indicators: z.array(IndicatorComparisonSchema),
  /** "Lijkt op … in …; verschilt in …". */
  textNl: z.string(),
  textEn: z.string(),
});
export type SimilarBuurt = z.infer<typeof SimilarBuurtSchema>;

export const PositiveDeviantSchema = SimilarBuurtSchema.extend({
  /** The outcome over the period: the change of nuisance (national SD, negative = less) and the classes before and now. */
  dO: z.number().nullable(),
  measure: z.string().nullable(),
  classBefore: z.string().nullable(),
  classNow: z.string().nullable(),
  nuisanceFell: z.boolean(),
  classImproved: z.boolean(),
  outcomeNl: z.string(),
  outcomeEn: z.string(),
});
export type PositiveDeviant = z.infer<typeof PositiveDeviantSchema>;

export const SimilarIndicatorInfoSchema = z.object({
  id: z.string(),
  titleNl: z.string(),
  titleEn: z.string(),
  group: SimilarityGroupSchema,
  /** Weight in the distance (the group's weight shared by its indicators). */
  weight: z.number(),
  /** Log-transformed before standardising (counts and densities). */
  log: z.boolean(),
  /** Buurten with a value, national mean and SD (after the transform) in the year compared. */
  buurten: z.number().int(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
});

export const SimilarResponseSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  gemeenteName: z.string(),
  /** The year compared now, and the period whose start the positive deviants were alike in. */
  year: z.number().int(),
  period: PeriodSchema.nullable(),
  indicators: z.array(SimilarIndicatorInfoSchema),
  minShared: z.number().int(),
  /** Indicators this buurt has (fewer than minShared: no comparison possible, the lists are empty). */
  shared: z.number().int(),
  similar: z.array(SimilarBuurtSchema),
  deviants: z.array(PositiveDeviantSchema),
  /** This buurt's own outcome over the period, for contrast. */
  outcome: z.object({
    dO: z.number().nullable(),
    classBefore: z.string().nullable(),
    classNow: z.string().nullable(),
  }),
  demo: z.boolean(),
});
export type SimilarResponse = z.infer<typeof SimilarResponseSchema>;
