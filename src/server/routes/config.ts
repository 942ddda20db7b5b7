/** GET /api/config: the engine configuration in effect (thresholds, periods, weights, …). */
import { Hono } from 'hono';
import type { EngineConfig } from '../../domain/engine/engine-config.js';
import { sendCachedJson } from '../cached-json.js';
import { configResponse } from '../config-report.js';
import { serialise } from '../map-response.js';

/** The route; the configuration is fixed for the life of the app, so the body is serialised once. */
export function configRoutes(config: EngineConfig, source: string | null): Hono {
  const app = new Hono();
  const body = serialise(configResponse(config, source));
  app.get('/', (c) => sendCachedJson(c, body, 60));
  return app;
}
