/** GET /api/regions and POST /api/regions (a named list of gemeenten; codes must exist). */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import { AppError } from '../../core/app-error.js';
import { createRegion, regionsResponse } from '../../service/regions.js';
import { parseQuery } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function regionsRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    return c.json(await regionsResponse(deps.read));
  });
  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch (e) {
      throw new AppError('USAGE', 'POST /api/regions expects a JSON body { name, gemeenten }', { cause: e });
    }
    const region = await createRegion(deps.read, raw);
    deps.cache.clear(); // compare and maps of regions read the region list
    return c.json(region, 201);
  });
  return app;
}
