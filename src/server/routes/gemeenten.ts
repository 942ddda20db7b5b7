/** GET /api/gemeenten: the gemeenten with buurten on the reference division, and the loaded editions. */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { listGemeenten } from '../../service/gemeente-list.js';
import { gemeentenFor, narrowsToLink } from '../../service/members/access.js';
import { accessOf, viewerOf } from '../auth/request-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function gemeentenRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(
      deps,
      {
        name: 'gemeenten',
        query: NoQuerySchema,
        maxAgeSeconds: 60,
        // a share link in members mode sees only its own gemeenten
        perViewer: (c) => narrowsToLink(viewerOf(c), accessOf(c)),
      },
      async (_q, _p, c) => gemeentenFor(await listGemeenten(deps.read), viewerOf(c), accessOf(c)),
    ),
  );
  return app;
}
