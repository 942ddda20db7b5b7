/**
 * GET /api/buurten?q=: buurten by name. GET /api/buurten/:code: every indicator over every
 * year, the class per period, and the explanation.
 */
import { Hono } from 'hono';
import { BuurtQuerySchema, BuurtSearchQuerySchema } from '../../api/schemas.js';
import { getBuurtProfile } from '../../service/buurt-profile.js';
import { searchBuurten } from '../../service/buurt-search.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function buurtenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'buurt-search', query: BuurtSearchQuerySchema }, (q) =>
      searchBuurten(deps.read, q),
    ),
  );
  app.get(
    '/:code',
    cachedJson(
      deps,
      {
        name: 'buurt',
        query: BuurtQuerySchema,
        params: (c) => ({ code: (c.req.param('code') ?? '').trim().toUpperCase() }),
      },
      (q, p) => getBuurtProfile(deps.read, { code: p['code']!, period: q.period }),
    ),
  );
  return app;
}
