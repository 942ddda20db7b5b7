/** GET /api/gemeenten: the gemeenten with buurten on the reference division, and the loaded editions. */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { listGemeenten } from '../../service/gemeente-list.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function gemeentenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'gemeenten', query: NoQuerySchema, maxAgeSeconds: 60 }, () =>
      listGemeenten(deps.read),
    ),
  );
  return app;
}
