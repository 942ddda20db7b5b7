/** GET /api/buurten/:code: every indicator over every year, the class per period, and the explanation. */
import { Hono } from 'hono';
import { BuurtQuerySchema } from '../../api/schemas.js';
import { getBuurtProfile } from '../../service/buurt-profile.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function buurtenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
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
