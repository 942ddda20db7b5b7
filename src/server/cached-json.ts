/**
 * Sends a serialised JSON response with Cache-Control and a strong ETag, answering
 * If-None-Match with 304, and the pre-compressed gzip body when the client accepts it.
 */
import type { Context } from 'hono';
import type { SerialisedResponse } from './map-response.js';

export function sendCachedJson(c: Context, r: SerialisedResponse, maxAgeSeconds = 300): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': `public, max-age=${maxAgeSeconds}`,
    ETag: r.etag,
    Vary: 'Accept-Encoding',
  };
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === r.etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (/\bgzip\b/i.test(c.req.header('Accept-Encoding') ?? '')) {
    return new Response(r.gzip, { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' } });
  }
  return new Response(r.json, { status: 200, headers });
}
