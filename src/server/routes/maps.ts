/** GET /api/maps/definitions[?area=] and GET /api/maps (one map of a gemeente or region as GeoJSON). */
import { Hono } from 'hono';
import { MapDefinitionsQuerySchema, MapQuerySchema } from '../../api/schemas.js';
import { getMap, getMapDefinitions } from '../../service/maps.js';
import { readContextAt } from '../../service/read-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function mapsRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/definitions',
    cachedJson(deps, { name: 'map-definitions', query: MapDefinitionsQuerySchema }, async (q) =>
      getMapDefinitions(await readContextAt(deps.read, q.edition), q),
    ),
  );
  app.get(
    '/',
    cachedJson(deps, { name: 'map', query: MapQuerySchema }, async (q) =>
      getMap(await readContextAt(deps.read, q.edition), q),
    ),
  );
  return app;
}
