/**
 * GET /api/editions: the data editions (oldest first) and the current one.
 * GET /api/editions/changes?area=GM0917[&from=][&to=]: per buurt of the area, what changed
 * between two editions and why (service/edition-changes.ts).
 */
import { Hono } from 'hono';
import { EditionChangesQuerySchema } from '../../api/editions.js';
import { NoQuerySchema } from '../../api/schemas.js';
import { getEditionChanges } from '../../service/edition-changes.js';
import { listDataEditions } from '../../service/editions.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function editionRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'editions', query: NoQuerySchema, maxAgeSeconds: 60 }, () =>
      listDataEditions(deps.read),
    ),
  );
  app.get(
    '/changes',
    cachedJson(deps, { name: 'edition-changes', query: EditionChangesQuerySchema }, (q) =>
      getEditionChanges(deps.read, q),
    ),
  );
  return app;
}
