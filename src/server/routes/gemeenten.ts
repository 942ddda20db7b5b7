/** GET /api/gemeenten: the gemeenten with buurten on the reference division, and the loaded editions. */
import { Hono } from 'hono';
import type { GemeentenResponse } from '../../api/schemas.js';
import { isAppError } from '../../core/app-error.js';
import { sendCachedJson } from '../cached-json.js';
import { serialise, type SerialisedResponse } from '../map-response.js';
import type { ServerDeps } from '../server-deps.js';

export function gemeentenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    let state;
    try {
      state = await deps.state.get();
    } catch (e) {
      // an empty store (no boundaries yet) is not an error for the list: it is empty
      if (!isAppError(e) || e.code !== 'NO_DATA') throw e;
      const editions = await deps.store.listEditions();
      const empty: GemeentenResponse = {
        gemeenten: [],
        editions: editions.map((x) => ({ source: x.source, edition: x.edition, table: x.table })),
        divisionYear: null,
        demo: false,
      };
      return c.json(empty);
    }
    let r = deps.state.responses.get('gemeenten') as SerialisedResponse | undefined;
    if (!r) {
      const byGemeente = state.engine.table.byGemeente();
      const body: GemeentenResponse = {
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
      r = serialise(body);
      deps.state.responses.set('gemeenten', r);
    }
    return sendCachedJson(c, r, 60);
  });
  return app;
}
