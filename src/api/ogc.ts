/** Query parameters of the OGC API – Features routes under /ogc (src/service/ogc-features.ts). */
import { z } from 'zod';
import { EditionParamSchema, PeriodSchema } from './schemas.js';

const FormatSchema = z.enum(['json', 'geojson']).optional();

/** Landing page, conformance and collections: only `f`. */
export const OgcPlainQuerySchema = z.strictObject({ f: FormatSchema });

/** GET /ogc/collections/:id/items. */
export const OgcItemsQuerySchema = z.strictObject({
  f: FormatSchema,
  limit: z.coerce.number().int().min(1).max(10000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  bbox: z.string().min(1).optional(),
  'bbox-crs': z.string().min(1).optional(),
  crs: z.string().min(1).optional(),
  /** A gemeente code (or region id): the buurten of that area, classed as the app's map of it. */
  gemeente: z.string().min(1).optional(),
  year: z.coerce.number().int().optional(),
  period: PeriodSchema.optional(),
  /** A data edition id (GET /api/editions); absent = the newest. */
  edition: EditionParamSchema.optional(),
});
export type OgcItemsQuery = z.infer<typeof OgcItemsQuerySchema>;

/** GET /ogc/collections/:id/items/:featureId. */
export const OgcItemQuerySchema = OgcItemsQuerySchema.pick({
  f: true,
  crs: true,
  year: true,
  period: true,
  edition: true,
});
