/**
 * The HTTP application: the JSON API under /api (routes/<resource>.ts), the OpenAPI document,
 * the error handler, compression, and the built web app for every other path. Around every
 * request: security headers; around /api and /ogc (OGC API – Features, routes/ogc.ts) also
 * the viewer (session cookie or share link), the write guard (body size, content type, Origin,
 * session and CSRF token) and the read guard (access mode, areas a viewer may see) —
 * src/server/auth, docs/security.md. `createApp(store, options)` returns a Hono app usable in
 * process (`app.request`) or served by @hono/node-server (`veerkracht serve`).
 */
import { Hono } from 'hono';
import type { AccessMode } from '../api/members.js';
import { AppError } from '../core/app-error.js';
import {
  parseEngineConfig,
  type EngineConfig,
  type EngineConfigInput,
} from '../domain/engine/engine-config.js';
import type { Store } from '../storage/store.js';
import { createReadContext } from '../service/read-context.js';
import { createMembersContext, type MembersSettings } from '../service/members/members-context.js';
import { isSecure, type AuthDeps, type MembersServerOptions } from './auth/request-context.js';
import { authGuard } from './auth/auth-guard.js';
import { docsRoutes } from './docs-pages.js';
import { errorHandler, type ErrorLogger } from './error-handler.js';
import { MapPdfRenderer } from './map-pdf.js';
import { openApiDocument } from './openapi-document.js';
import { PrintBrowser, type PrintBrowserOptions } from './print-browser.js';
import { ReportPdfRenderer } from './report-pdf.js';
import { ResponseCache } from './response-cache.js';
import { buurtenRoutes } from './routes/buurten.js';
import { compareRoutes } from './routes/compare.js';
import { configRoutes } from './routes/config.js';
import { earlyWarningRoutes } from './routes/early-warning.js';
import { editionRoutes } from './routes/editions.js';
import { gemeentenRoutes } from './routes/gemeenten.js';
import { mapDownloadRoutes } from './routes/map-downloads.js';
import { mapsRoutes } from './routes/maps.js';
import { organisationRoutes, passwordRoutes, userRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { noteRoutes } from './routes/notes.js';
import { ogcRoutes } from './routes/ogc.js';
import { ownStockRoutes } from './routes/own-stock.js';
import { regionsRoutes } from './routes/regions.js';
import { compressResponses } from './compress-responses.js';
import { reportRoutes } from './routes/reports.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { ScenarioPdfRenderer } from './scenario-pdf.js';
import { sessionRoutes } from './routes/session.js';
import { shareLinkRoutes } from './routes/share-links.js';
import { DEFAULT_TILE_ORIGINS, securityHeaders } from './security-headers.js';
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
  /** `public` (default): maps readable without login; `members`: every data route needs a session or share link. */
  access?: AccessMode;
  /** Public URL, proxy trust, cookies, CSP tile origins (src/server/auth/request-context.ts). */
  members?: MembersServerOptions;
  /** Session, link and throttle lifetimes (src/service/members/members-context.ts). */
  membersSettings?: Partial<Omit<MembersSettings, 'access'>>;
  /** Folder of the markdown documents served as /docs/<name> (default the package's docs/). */
  docsRoot?: string;
  /** Chromium for PDFs (GET /api/maps.pdf). */
  pdf?: PrintBrowserOptions;
  /** A print browser of the caller's, who closes it (default: one of the app's, closed with the process). */
  printer?: PrintBrowser;
  /** The clock of sessions, links and throttling (tests move it). */
  now?: () => Date;
}

/** The app on a store. Reading public data never writes to the store; writes, logins and sessions do. */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const engineConfig = parseEngineConfig(options.engineConfig ?? {});
  const read = createReadContext(store, {
    ...(options.divisionYear !== undefined ? { divisionYear: options.divisionYear } : {}),
    engineConfig,
    ...(options.checkIntervalMs !== undefined ? { checkIntervalMs: options.checkIntervalMs } : {}),
  });
  const cache = options.responseCache ?? new ResponseCache(options.responseCacheBytes);
  const deps: ServerDeps = { read, cache };
  const membersOptions = options.members ?? {};
  const auth: AuthDeps = {
    members: createMembersContext(
      read,
      { ...options.membersSettings, access: options.access ?? 'public' },
      options.now,
    ),
    options: membersOptions,
  };
  const app = new Hono();
  // one Chromium prints every PDF, started on first use
  const printer = options.printer ?? new PrintBrowser(options.pdf);
  const pdf = new MapPdfRenderer((request) => app.fetch(request), printer);
  const reports = new ReportPdfRenderer((request) => app.fetch(request), printer);
  // '%s' first: a request path must never act as a format string
  const logger = options.logger ?? { error: (m: string, e: unknown) => console.error('%s', m, e) };
  app.onError(errorHandler(logger));
  app.use(
    '*',
    securityHeaders({
      tileOrigins: membersOptions.tileOrigins ?? DEFAULT_TILE_ORIGINS,
      secure: (c) => isSecure(c, membersOptions),
    }),
  );
  app.use('/api/*', compressResponses(2048));
  app.use('/api/*', authGuard(auth));
  // OGC API – Features: the same viewer and guards as the JSON API (members mode, share links)
  // ('/ogc/*' also matches /ogc itself)
  app.use('/ogc/*', compressResponses(2048));
  app.use('/ogc/*', authGuard(auth));

  const openapi = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', (c) =>
    c.body(openapi, 200, { 'Content-Type': 'application/json; charset=utf-8' }),
  );
  app.route('/api/gemeenten', gemeentenRoutes(deps));
  app.route('/api/session', sessionRoutes(auth));
  app.route('/api/share-links', shareLinkRoutes(auth));
  app.route('/api/organisations', organisationRoutes(auth));
  app.route('/api/users', userRoutes(auth));
  app.route('/api/password', passwordRoutes(auth));
  app.route('/api/notes', noteRoutes(auth));
  const scenarioPdf = new ScenarioPdfRenderer((request) => app.fetch(request), printer);
  app.route('/api/scenarios', scenarioRoutes(auth, scenarioPdf));
  app.route('/api/own-stock', ownStockRoutes(auth, deps));
  app.route('/api/audit', auditRoutes(auth));
  app.route('/api/regions', regionsRoutes(deps));
  app.route('/api', mapDownloadRoutes(deps, auth, pdf));
  app.route('/api/maps', mapsRoutes(deps));
  app.route('/api/reports', reportRoutes(deps, auth, reports));
  app.route('/api/buurten', buurtenRoutes(deps));
  app.route('/api/compare', compareRoutes(deps));
  app.route('/api/early-warning', earlyWarningRoutes(deps));
  app.route('/api/editions', editionRoutes(deps));
  app.route('/api/config', configRoutes(deps, engineConfig, options.configSource ?? null));
  app.route('/ogc', ogcRoutes(deps, auth));
  app.all('/api/*', (c) => {
    throw new AppError(
      'ROUTE_NOT_FOUND',
      `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json`,
    );
  });
  app.all('/ogc/*', (c) => {
    throw new AppError('ROUTE_NOT_FOUND', `no OGC API route ${c.req.method} ${c.req.path}; see /ogc/api`);
  });

  const webRoot = options.webRoot ?? 'web/dist';
  // the method, sources and error pages of docs/, rendered (never the app shell)
  app.route('/docs', docsRoutes({ webRoot, ...(options.docsRoot ? { docsRoot: options.docsRoot } : {}) }));
  app.get('*', hasWebBuild(webRoot) ? staticWeb(webRoot) : webNotBuilt(webRoot));
  return app;
}
