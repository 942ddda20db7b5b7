/**
 * GET /api/regions (the regions the viewer sees), POST /api/regions `{ name, gemeenten,
 * visibility? }` (users; a region of their organisation, or public for admins) and
 * DELETE /api/regions/:id. Writes pass the write guard first (session, CSRF token, JSON, size).
 */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { createRegion, deleteRegion, regionsResponse } from '../../service/regions.js';
import { parseQuery } from '../cached-route.js';
import { accessOf, readJson, requireUser, viewerOf } from '../auth/request-context.js';
import type { ServerDeps } from '../server-deps.js';

export function regionsRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await regionsResponse(deps.read, viewerOf(c), accessOf(c)), 200, {
      'Cache-Control': 'private, no-cache',
      Vary: 'Cookie, Authorization',
    });
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    const region = await createRegion(deps.read, await readJson(c, '{ name, gemeenten }'), viewer);
    deps.cache.clear(); // compare and maps of regions read the region list
    return c.json(region, 201);
  });
  app.delete('/:id', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    await deleteRegion(deps.read, viewer, c.req.param('id'));
    deps.cache.clear();
    return c.body(null, 204);
  });
  return app;
}
