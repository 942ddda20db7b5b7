/**
 * What the auth middleware puts on every request's context: the viewer (anonymous, a user's
 * session, or a share link) and the access mode. Routes read them with `viewerOf`/`accessOf`;
 * without the middleware a request is anonymous in members mode (the safe reading).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { AppError } from '../../core/app-error.js';
import type { MembersContext } from '../../service/members/members-context.js';
import { ANONYMOUS, type AccessMode, type UserViewer, type Viewer } from '../../service/members/viewer.js';

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer;
    access: AccessMode;
  }
}

/** Server-side options of the members model (createApp `members`). */
export interface MembersServerOptions {
  /** The origin links are made for and writes must come from (e.g. https://kaarten.example.nl); default: the request's own. */
  publicUrl?: string | null;
  /** Take the client address from X-Forwarded-For and the scheme from X-Forwarded-Proto (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Secure cookies and HSTS; default: when the request (or publicUrl) is https. */
  secureCookies?: boolean;
  /** Origins of basemap tiles allowed by the Content-Security-Policy (default: PDOK). */
  tileOrigins?: readonly string[];
}

export interface AuthDeps {
  members: MembersContext;
  options: MembersServerOptions;
}

export function viewerOf(c: Context): Viewer {
  return c.get('viewer') ?? ANONYMOUS;
}

export function accessOf(c: Context): AccessMode {
  return c.get('access') ?? 'members';
}

/** The viewer when it is a logged-in user; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireUser(c: Context): UserViewer {
  const viewer = viewerOf(c);
  if (viewer.kind === 'user') return viewer;
  if (viewer.kind === 'share-link')
    throw new AppError('FORBIDDEN', 'a share link only reads what was shared');
  throw new AppError('UNAUTHENTICATED', 'log in first (POST /api/session)');
}

/** The client's address: the socket's, or behind a trusted proxy the first X-Forwarded-For entry. */
export function clientAddress(c: Context, options: MembersServerOptions): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (app.request) have no socket
  }
}

/** True when the request reached us over https (directly, through a trusted proxy, or by configuration). */
export function isSecure(c: Context, options: MembersServerOptions): boolean {
  if (options.secureCookies !== undefined) return options.secureCookies;
  if (options.publicUrl?.startsWith('https:')) return true;
  if (options.trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https') return true;
  return c.req.url.startsWith('https:'); // (asked on every request: no URL parsing)
}

/** The origin of this deployment: the configured public URL's, else the request's own. */
export function ownOrigin(c: Context, options: MembersServerOptions): string {
  if (options.publicUrl) return new URL(options.publicUrl).origin;
  const url = new URL(c.req.url);
  if (options.trustProxy) {
    const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim();
    const host = c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim();
    if (proto && host) return `${proto}://${host}`;
  }
  return url.origin;
}

/** Parses a JSON request body; USAGE when it is not JSON. */
export async function readJson(c: Context, what: string): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (e) {
    throw new AppError('USAGE', `${c.req.method} ${c.req.path} expects a JSON body (${what})`, { cause: e });
  }
}
