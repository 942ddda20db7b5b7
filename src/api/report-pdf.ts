/** Query of GET /api/reports/<area>.pdf: the report of a gemeente or region, in Dutch or English. */
import { z } from 'zod';
import { EditionParamSchema } from './schemas.js';

export const ReportQuerySchema = z.strictObject({
  lang: z.enum(['nl', 'en']).optional(),
  /** A data edition id (GET /api/editions); absent = the newest. */
  edition: EditionParamSchema.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** The area of a report path: `GM0917.pdf` → `GM0917`; a region id as the other routes take it. */
export function reportAreaOf(file: string): string | null {
  const m = /^(.+)\.pdf$/i.exec(file);
  return m && m[1]!.trim() !== '' ? m[1]! : null;
}
