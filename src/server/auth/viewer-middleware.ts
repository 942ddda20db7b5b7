/**
 * Resolves the viewer of every /api request, once: a share-link token (`Authorization: Bearer`)
 * wins over a session cookie. An unknown, revoked or expired share link is refused at once (401
 * or 410), so revocation and expiry take effect on the next request; a session cookie that no
 * longer opens a session is cleared and the request goes on as anonymous.
 */
import type { Context, Next } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { resolveSession } from '../../service/members/sessions.js';
import { resolveShareToken } from '../../service/members/share-links.js';
import { ANONYMOUS } from '../../service/members/viewer.js';
import { isSecure, type AuthDeps } from './request-context.js';

export const SESSION_COOKIE = 'vk_session';

export function bearerToken(c: Context): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '');
  return m?.[1];
}

/**
 * Sets the viewer (and the access mode) on the context. Returns the session id the request
 * brought when it opened no session (its cookie is then cleared by `clearStaleCookie`).
 */
export async function setViewer(deps: AuthDeps, c: Context): Promise<string | undefined> {
  c.set('access', deps.members.settings.access);
  const bearer = bearerToken(c);
  if (bearer !== undefined) {
    c.set('viewer', await resolveShareToken(deps.members, bearer));
    return undefined;
  }
  const sessionId = getCookie(c, SESSION_COOKIE);
  const viewer = sessionId ? await resolveSession(deps.members, sessionId) : null;
  c.set('viewer', viewer ?? ANONYMOUS);
  return sessionId && !viewer ? sessionId : undefined;
}

/** After the route: clears a cookie that opened no session, unless the route set a new one (a login). */
export function clearStaleCookie(deps: AuthDeps, c: Context, stale: string | undefined): void {
  if (stale === undefined) return; // (reading c.res.headers would cost the server its fast path)
  const setsSession = c.res.headers.getSetCookie().some((h) => h.startsWith(`${SESSION_COOKIE}=`));
  if (!setsSession)
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c, deps.options), httpOnly: true });
}

export function viewerMiddleware(deps: AuthDeps) {
  return async (c: Context, next: Next): Promise<void> => {
    const stale = await setViewer(deps, c);
    await next();
    clearStaleCookie(deps, c, stale);
  };
}
