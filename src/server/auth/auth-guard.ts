/**
 * The one middleware around every /api and /ogc request (docs/security.md): who asks
 * (viewer-middleware.ts), then the checks of a write (write-guard.ts: Origin, content type,
 * session, CSRF token, body size) or of a read (read-guard.ts: access mode, the areas a viewer
 * may see), then the route. One layer instead of three: the hot path of cached map reads pays for
 * one middleware, and only waits on the store when the request carries credentials or names a
 * region.
 */
import type { Context, Next } from 'hono';
import { checkRead } from './read-guard.js';
import type { AuthDeps } from './request-context.js';
import { clearStaleCookie, setViewer } from './viewer-middleware.js';
import { checkWrite, limitBody } from './write-guard.js';

export function authGuard(deps: AuthDeps) {
  return async (c: Context, next: Next): Promise<Response | void> => {
    const credentials = c.req.header('Authorization') !== undefined || c.req.header('Cookie') !== undefined;
    let stale: string | undefined;
    if (credentials) stale = await setViewer(deps, c);
    else {
      c.set('access', deps.members.settings.access); // anonymous: the context's default viewer
    }
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') {
      const pending = checkRead(deps, c);
      if (pending) await pending;
      await next();
    } else if (method === 'OPTIONS') await next();
    else await limitBody(checkWrite(deps, c), c, next);
    clearStaleCookie(deps, c, stale);
  };
}
