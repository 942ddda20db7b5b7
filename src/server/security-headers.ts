/**
 * Security headers on every response (API, web app, errors): a Content-Security-Policy that
 * runs only the app's own scripts (no inline or injected script, no eval), loads data only from
 * this origin and the basemap's tile server, and may not be framed; no MIME sniffing; no
 * Referer (a share link's token is in its path); HSTS over https. Styles allow 'unsafe-inline'
 * because the map legend's swatches and the charts (Observable Plot) set style attributes; a
 * style cannot run code.
 */
import type { Context, Next } from 'hono';

/** PDOK's BRT-Achtergrondkaart, the default basemap (web/src/app-context.ts). */
export const DEFAULT_TILE_ORIGINS = ['https://service.pdok.nl'] as const;

export function contentSecurityPolicy(tileOrigins: readonly string[]): string {
  const tiles = tileOrigins.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tiles}`.trim(),
    `connect-src 'self' ${tiles}`.trim(),
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(options: {
  tileOrigins: readonly string[];
  secure: (c: Context) => boolean;
}) {
  const csp = contentSecurityPolicy(options.tileOrigins);
  return async (c: Context, next: Next): Promise<void> => {
    await next();
    try {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      c.res = new Response(c.res.body, c.res); // a response with immutable headers: copy it
    }
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.secure(c)) h.set('Strict-Transport-Security', 'max-age=31536000');
  };
}
