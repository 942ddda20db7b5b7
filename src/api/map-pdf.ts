/** Query of GET /api/maps.pdf: the query of GET /api/maps plus paper size and language. */
import { z } from 'zod';
import { EditionParamSchema, PeriodSchema } from './schemas.js';

export const MapPdfQuerySchema = z.strictObject({
  area: z.string().min(1),
  map: z.string().min(1),
  period: PeriodSchema.optional(),
  year: z.coerce.number().int().optional(),
  /** A4 (default) or A3, landscape. */
  size: z.enum(['a4', 'a3']).optional(),
  lang: z.enum(['nl', 'en']).optional(),
  /** A data edition id (GET /api/editions); absent = the newest. */
  edition: EditionParamSchema.optional(),
});
export type MapPdfQuery = z.infer<typeof MapPdfQuerySchema>;
