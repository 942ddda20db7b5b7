/** GET /api/early-warning?area=…[&period=…]: the ranked buurten that need attention, with reasons and numbers. */
import { Hono } from 'hono';
import { EarlyWarningQuerySchema } from '../../api/early-warning.js';
import { getEarlyWarning } from '../../service/early-warning.js';
import { readContextAt } from '../../service/read-context.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function earlyWarningRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'early-warning', query: EarlyWarningQuerySchema }, async (q) =>
      getEarlyWarning(await readContextAt(deps.read, q.edition), q),
    ),
  );
  return app;
}
