/** The gemeenten with buurten on the reference division, with their years and the loaded editions. */
import type { GemeentenResponse } from '../api/schemas.js';
import { isAppError } from '../core/app-error.js';
import type { ReadContext } from './read-context.js';

/** The body of GET /api/gemeenten; an empty store (no boundaries yet) is an empty list, not an error. */
export async function listGemeenten(ctx: ReadContext): Promise<GemeentenResponse> {
  let state;
  try {
    state = await ctx.state.get();
  } catch (e) {
    if (!isAppError(e) || e.code !== 'NO_DATA') throw e;
    const editions = await ctx.store.listEditions();
    return {
      gemeenten: [],
      editions: editions.map((x) => ({ source: x.source, edition: x.edition, table: x.table })),
      divisionYear: null,
      demo: false,
    };
  }
  const byGemeente = state.engine.table.byGemeente();
  return {
    gemeenten: [...state.gemeenteNames].map(([code, name]) => ({
      code,
      name,
      buurten: byGemeente.get(code)?.length ?? 0,
      years: state.gemeenteYears.get(code) ?? [],
    })),
    editions: state.editions.map((e) => ({ source: e.source, edition: e.edition, table: e.table })),
    divisionYear: state.divisionYear,
    demo: state.demo,
  };
}
