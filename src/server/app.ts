/**
 * The HTTP application: the JSON API under /api (routes/<resource>.ts), the OpenAPI document,
 * the error handler, compression, and the built web app for every other path.
 * `createApp(store, options)` returns a Hono app usable in process (`app.request`) or served
 * by @hono/node-server (`veerkracht serve`).
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { AppError } from '../core/app-error.js';
import {
  parseEngineConfig,
  type EngineConfig,
  type EngineConfigInput,
} from '../domain/engine/engine-config.js';
import type { Store } from '../storage/store.js';
import { createReadContext } from '../service/read-context.js';
import { errorHandler, type ErrorLogger } from './error-handler.js';
import { openApiDocument } from './openapi-document.js';
import { ResponseCache } from './response-cache.js';
import { buurtenRoutes } from './routes/buurten.js';
import { compareRoutes } from './routes/compare.js';
import { configRoutes } from './routes/config.js';
import { gemeentenRoutes } from './routes/gemeenten.js';
import { mapsRoutes } from './routes/maps.js';
import { regionsRoutes } from './routes/regions.js';
import type { ServerDeps } from './server-deps.js';
import { hasWebBuild, staticWeb, webNotBuilt } from './static-web.js';

export interface AppOptions {
  /** Folder of the built web app (default web/dist); served when it holds index.html. */
  webRoot?: string;
  /** Draw maps on this division year instead of the latest with buurt geometry. */
  divisionYear?: number;
  /** Engine configuration (validated here: CONFIG_INVALID at creation, naming the key path). */
  engineConfig?: EngineConfigInput | EngineConfig;
  /** Where the configuration came from (a file name), reported by GET /api/config; null = defaults. */
  configSource?: string | null;
  /** How often (ms) to check the store for new imports; default 5000, 0 = every request. */
  checkIntervalMs?: number;
  /** Byte budget of the response cache (default 64 MiB). */
  responseCacheBytes?: number;
  /** A response cache of the caller's (benchmarks read its size); default a new one. */
  responseCache?: ResponseCache;
  logger?: ErrorLogger;
}

/** The app on a store. Reading never writes to the store; only POST routes do. */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const engineConfig = parseEngineConfig(options.engineConfig ?? {});
  const read = createReadContext(store, {
    ...(options.divisionYear !== undefined ? { divisionYear: options.divisionYear } : {}),
    engineConfig,
    ...(options.checkIntervalMs !== undefined ? { checkIntervalMs: options.checkIntervalMs } : {}),
  });
  const cache = options.responseCache ?? new ResponseCache(options.responseCacheBytes);
  const deps: ServerDeps = { read, cache };
  const app = new Hono();
  // '%s' first: a request path must never act as a format string
  const logger = options.logger ?? { error: (m: string, e: unknown) => console.error('%s', m, e) };
  app.onError(errorHandler(logger));
  app.use('/api/*', compress({ threshold: 2048 }));

  const openapi = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', (c) =>
    c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
  );
  app.route('/api/gemeenten', gemeentenRoutes(deps));
  app.route('/api/regions', regionsRoutes(deps));
  app.route('/api/maps', mapsRoutes(deps));
  app.route('/api/buurten', buurtenRoutes(deps));
  app.route('/api/compare', compareRoutes(deps));
  app.route('/api/config', configRoutes(deps, engineConfig, options.configSource ?? null));
  app.all('/api/*', (c) => {
    throw new AppError(
      'ROUTE_NOT_FOUND',
      `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`,
    );
  });

  const webRoot = options.webRoot ?? 'web/dist';
  app.get('*', hasWebBuild(webRoot) ? staticWeb(webRoot) : webNotBuilt(webRoot));
  return app;
}
