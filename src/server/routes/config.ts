/** GET /api/config: the engine configuration in effect (thresholds, periods, weights, …). */
import { Hono } from 'hono';
import { NoQuerySchema } from '../../api/schemas.js';
import type { EngineConfig } from '../../domain/engine/engine-config.js';
import { configResponse } from '../../service/config-report.js';
import { cachedJson } from '../cached-route.js';
import type { ServerDeps } from '../server-deps.js';

export function configRoutes(deps: ServerDeps, config: EngineConfig, source: string | null): Hono {
  const app = new Hono();
  app.get(
    '/',
    cachedJson(deps, { name: 'config', query: NoQuerySchema, maxAgeSeconds: 60 }, async () =>
      configResponse(config, source),
    ),
  );
  return app;
}
