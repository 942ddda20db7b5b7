/** GET /api/compare?areas=GM0917,parkstad-limburg&period=2016-2020: key figures per area. */
import { Hono } from 'hono';
import { CompareQuerySchema } from '../../api/schemas.js';
import { compareAreas } from '../../service/compare.js';
import { readContextAt } from '../../service/read-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function compareRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'compare', query: CompareQuerySchema }, async (q) =>
      compareAreas(await readContextAt(deps.read, q.edition), {
        areas: q.areas.split(','),
        period: q.period,
      }),
    ),
  );
  return app;
}
