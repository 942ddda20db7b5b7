/** GET /api/editions: the data editions the store recorded, oldest first, and the current one. */
import type { EditionsResponse } from '../api/editions.js';
import type { DataEditionRow } from '../storage/data-editions.js';
import type { DataEditionInfo } from './engine-state.js';
import type { ReadContext } from './read-context.js';

export async function listDataEditions(ctx: ReadContext): Promise<EditionsResponse> {
  const rows = await ctx.store.listDataEditions();
  const newest = rows.at(-1);
  return {
    current: newest ? editionInfo(newest, newest.id) : null,
    editions: rows.map((r) => ({
      ...editionInfo(r, newest!.id),
      divisionYear: r.divisionYear,
      available: r.available,
    })),
  };
}

/** The identity of an edition as answers carry it. */
export function editionInfo(row: DataEditionRow, newestId: number): DataEditionInfo {
  return { id: row.id, label: row.label, createdAt: row.createdAt, current: row.id === newestId };
}
