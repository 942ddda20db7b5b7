/**
 * What a report of a gemeente or region (GET /api/reports/<area>.pdf, `veerkracht report`) needs
 * from the store before anything is drawn: the area as the maps resolve it (AREA_NOT_FOUND
 * otherwise) and the data version the report is made from, which is part of its cache key.
 */
import type { ReadContext } from './read-context.js';
import { resolveArea } from './resolve-area.js';

export interface ReportArea {
  /** Gemeente code (upper case) or region id. */
  id: string;
  name: string;
  /** The store's data version: a new import makes a new report. */
  dataVersion: string;
}

export async function findReportArea(ctx: ReadContext, raw: string): Promise<ReportArea> {
  const dataVersion = await ctx.state.version();
  const area = await resolveArea(raw, await ctx.state.get(), ctx.store);
  return { id: area.id, name: area.name, dataVersion };
}
