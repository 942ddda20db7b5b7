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
import { EngineState } from './engine-state.js';
import { errorHandler, type ErrorLogger } from './error-handler.js';
import { openApiDocument } from './openapi-document.js';
import { seedRegions } from './regions-seed.js';
import { buurtenRoutes } from './routes/buurten.js';
import { compareRoutes } from './routes/compare.js';
import { configRoutes } from './routes/config.js';
import { gemeentenRoutes } from './routes/gemeenten.js';
import { mapsRoutes } from './routes/maps.js';
import { regionsRoutes } from './routes/regions.js';
import type { ServerDeps } from './server-deps.js';
import { hasWebBuild, staticWeb } from './static-web.js';

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
  logger?: ErrorLogger;
}

/** The app on a store. Seeds the predefined regions (Parkstad Limburg) on first request. */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const engineConfig = parseEngineConfig(options.engineConfig ?? {});
  const state = new EngineState(store, {
    ...(options.divisionYear !== undefined ? { divisionYear: options.divisionYear } : {}),
    engineConfig,
    ...(options.checkIntervalMs !== undefined ? { checkIntervalMs: options.checkIntervalMs } : {}),
  });
  const deps: ServerDeps = { store, state };
  const app = new Hono();
  const logger = options.logger ?? { error: (m: string, e: unknown) => console.error(m, e) };
  app.onError(errorHandler(logger));

  let seeded: Promise<void> | undefined;
  app.use('/api/*', async (_c, next) => {
    seeded ??= seedRegions(store);
    await seeded;
    await next();
  });
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
  app.route('/api/config', configRoutes(engineConfig, options.configSource ?? null));
  app.all('/api/*', (c) => {
    throw new AppError(
      'ROUTE_NOT_FOUND',
      `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`,
    );
  });

  const webRoot = options.webRoot ?? 'web/dist';
  if (hasWebBuild(webRoot)) app.get('*', staticWeb(webRoot));
  return app;
}
