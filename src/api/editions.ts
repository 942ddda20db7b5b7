/**
 * Data editions over HTTP: GET /api/editions (the list) and GET /api/editions/changes (what
 * changed per buurt of an area between two editions). Shared by server and web.
 */
import { z } from 'zod';
import { DataEditionInfoSchema, EditionParamSchema } from './schemas.js';

export const EditionListItemSchema = DataEditionInfoSchema.extend({
  /** The reference division its values are on. */
  divisionYear: z.number().int(),
  /** False once the store's retention (editions.retain) dropped its content: asking for it is 410 EDITION_GONE. */
  available: z.boolean(),
});
export type EditionListItem = z.infer<typeof EditionListItemSchema>;

export const EditionsResponseSchema = z.object({
  /** The newest edition (what every route shows without `edition=`); null when none was recorded. */
  current: DataEditionInfoSchema.nullable(),
  /** Oldest first. */
  editions: z.array(EditionListItemSchema),
});
export type EditionsResponse = z.infer<typeof EditionsResponseSchema>;

/** Query of GET /api/editions/changes: the area; `to` defaults to the newest edition, `from` to the one before `to`. */
export const EditionChangesQuerySchema = z.strictObject({
  area: z.string().trim().min(1),
  from: EditionParamSchema.optional(),
  to: EditionParamSchema.optional(),
});
export type EditionChangesQuery = z.infer<typeof EditionChangesQuerySchema>;

/**
 * Why a buurt changed: `new-source-year` (values of a year the older edition did not have),
 * `revised-figures` (a value of the same indicator and year differs: revised CBS figures, or a
 * corrected file), `boundaries` (the buurt is new or gone, or the reference division changed),
 * `context` (its class moved while its own values did not: other buurten of the gemeente or
 * the configuration changed the breaks or the comparison).
 */
export const ChangeReasonSchema = z.enum(['new-source-year', 'revised-figures', 'boundaries', 'context']);
export type ChangeReason = z.infer<typeof ChangeReasonSchema>;

const ClassAtSchema = z.object({ classId: z.string(), label: z.string(), labelEn: z.string() }).nullable();

export const BuurtChangeSchema = z.object({
  code: z.string(),
  name: z.string(),
  gemeente: z.string(),
  reasons: z.array(ChangeReasonSchema),
  /** Maps (of the nine) on which the buurt's class differs; null = the buurt is not in that edition. */
  classes: z.array(z.object({ map: z.string(), from: ClassAtSchema, to: ClassAtSchema })),
  /** Stored values that differ, per indicator and year (null = missing, suppressed or absent). */
  values: z.array(
    z.object({
      indicator: z.string(),
      year: z.number().int(),
      from: z.number().nullable(),
      to: z.number().nullable(),
      change: z.enum(['added', 'removed', 'revised']),
    }),
  ),
});
export type BuurtChange = z.infer<typeof BuurtChangeSchema>;

export const EditionChangesResponseSchema = z.object({
  area: z.object({ id: z.string(), name: z.string() }),
  from: DataEditionInfoSchema,
  to: DataEditionInfoSchema,
  /** The year or period each map showed in each edition (its default for the area). */
  maps: z.array(
    z.object({
      map: z.string(),
      titleNl: z.string(),
      titleEn: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
  /** Buurten of the area in either edition. */
  buurten: z.number().int(),
  /** Only the buurten that changed, by code. */
  changes: z.array(BuurtChangeSchema),
});
export type EditionChangesResponse = z.infer<typeof EditionChangesResponseSchema>;
