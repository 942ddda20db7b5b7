/**
 * Security headers on every response (API, web app, errors). Pages of the web app get a
 * Content-Security-Policy that runs only the app's own scripts (no inline or injected script, no
 * eval), loads data only from this origin and the basemap's tile server, and may not be framed;
 * styles allow 'unsafe-inline' because the map legend's swatches and the charts (Observable Plot)
 * set style attributes — a style cannot run code. API answers (JSON) get the strictest policy
 * (`default-src 'none'`: nothing in them may load or run) and fewer headers, since they are never
 * documents. Everywhere: no MIME sniffing, no framing, no Referer (a share link's token is in its
 * path), HSTS over https.
 */
import type { Context, Next } from 'hono';

/** PDOK's BRT-Achtergrondkaart, the default basemap (web/src/app-context.ts). */
export const DEFAULT_TILE_ORIGINS = ['https://service.pdok.nl'] as const;

/** The policy of the web app's pages. */
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

/** The policy of API answers: JSON is never a document, so nothing in it may load or run. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export type HeaderSet = 'document' | 'api';

/** The headers as a record (a route that builds its response itself adds them: `withSecurityHeaders`). */
export function securityHeaderRecord(set: HeaderSet, csp: string, secure: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': set === 'api' ? API_CSP : csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(set === 'document'
      ? {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
        }
      : {}),
    ...(secure ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/**
 * Adds the security headers to a route's response headers (in place); the middleware then leaves
 * the response alone (setting headers on a finished response costs the server its fast path).
 */
export function withSecurityHeaders(c: Context, headers: Record<string, string>): Record<string, string> {
  const record = c.get('securityHeaders');
  if (!record) return headers;
  c.set('securityHeadersSent', true);
  return Object.assign(headers, record);
}

declare module 'hono' {
  interface ContextVariableMap {
    securityHeaders: Record<string, string>;
    securityHeadersSent: boolean;
  }
}

/** JSON under these prefixes; everything else is (or may be) a page of the web app. */
const API_PREFIXES = ['/api/', '/ogc'];

export function securityHeaders(options: {
  tileOrigins: readonly string[];
  secure: (c: Context) => boolean;
}) {
  const csp = contentSecurityPolicy(options.tileOrigins);
  const records = {
    document: [securityHeaderRecord('document', csp, false), securityHeaderRecord('document', csp, true)],
    api: [securityHeaderRecord('api', csp, false), securityHeaderRecord('api', csp, true)],
  } as const;
  return async (c: Context, next: Next): Promise<void> => {
    const set: HeaderSet = API_PREFIXES.some((p) => c.req.path.startsWith(p)) ? 'api' : 'document';
    const record = records[set][options.secure(c) ? 1 : 0]!;
    c.set('securityHeaders', record);
    await next();
    if (c.get('securityHeadersSent')) return;
    try {
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      c.res = new Response(c.res.body, c.res); // a response with immutable headers: copy it
    }
    const h = c.res.headers;
    for (const [name, value] of Object.entries(record)) h.set(name, value);
  };
}
