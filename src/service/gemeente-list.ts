/** The gemeenten with buurten on the reference division, with their years and the loaded editions. */
import type { GemeentenResponse } from '../api/schemas.js';
import { isAppError } from '../core/app-error.js';
import { gemeentenPerEdition } from '../domain/engine/edition-coverage.js';
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
      editions: editions.map((x) => ({
        source: x.source,
        edition: x.edition,
        table: x.table,
        gemeenten: null,
      })),
      divisionYear: null,
      demo: false,
    };
  }
  const byGemeente = state.engine.table.byGemeente();
  const reach = gemeentenPerEdition(state.engine.table);
  return {
    gemeenten: [...state.gemeenteNames].map(([code, name]) => ({
      code,
      name,
      buurten: byGemeente.get(code)?.length ?? 0,
      years: state.gemeenteYears.get(code) ?? [],
    })),
    editions: state.editions.map((e) => ({
      source: e.source,
      edition: e.edition,
      table: e.table,
      gemeenten: e.source === 'geo' ? null : (reach.get(e.edition) ?? 0),
    })),
    divisionYear: state.divisionYear,
    demo: state.demo,
  };
}
