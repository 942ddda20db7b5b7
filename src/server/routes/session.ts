/**
 * POST /api/session `{ email, password }` logs in (a new session cookie: HttpOnly, SameSite=Lax,
 * Secure over https); GET /api/session says who asks (user, organisation, role, CSRF token — or
 * the share link, or anonymous) and the access mode; DELETE /api/session logs out.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginRequestSchema } from '../../api/members.js';
import { AppError } from '../../core/app-error.js';
import { login, logout, sessionResponse } from '../../service/members/sessions.js';
import { countShareLinkOpen } from '../../service/members/share-links.js';
import { parseQuery } from '../cached-route.js';
import { NoQuerySchema } from '../../api/schemas.js';
import {
  clientAddress,
  isSecure,
  readJson,
  requireUser,
  viewerOf,
  type AuthDeps,
} from '../auth/request-context.js';
import { SESSION_COOKIE } from '../auth/viewer-middleware.js';

const PRIVATE = { 'Cache-Control': 'no-store' };

export function sessionRoutes(deps: AuthDeps): Hono {
  const app = new Hono();
  const members = deps.members;

  app.get('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = viewerOf(c);
    await countShareLinkOpen(members, viewer);
    return c.json(await sessionResponse(members, viewer), 200, PRIVATE);
  });

  app.post('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const parsed = LoginRequestSchema.safeParse(await readJson(c, '{ email, password }'));
    if (!parsed.success) throw new AppError('USAGE', 'POST /api/session expects { email, password }');
    const { sessionId, viewer } = await login(
      members,
      parsed.data,
      clientAddress(c, deps.options),
      getCookie(c, SESSION_COOKIE),
    );
    setCookie(c, SESSION_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecure(c, deps.options),
      maxAge: members.settings.sessionAbsoluteHours * 3600,
    });
    c.set('viewer', viewer);
    return c.json(await sessionResponse(members, viewer), 200, PRIVATE);
  });

  app.delete('/', async (c) => {
    parseQuery(NoQuerySchema, c.req.query());
    const viewer = requireUser(c);
    await logout(members, viewer, clientAddress(c, deps.options));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c, deps.options), httpOnly: true });
    return c.body(null, 204, PRIVATE);
  });
  return app;
}
