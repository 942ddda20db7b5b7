/**
 * gzip for API answers that are not compressed yet (Hono's compress middleware), skipped for the
 * answers that are: the cached JSON routes send their stored gzip (cached-route.ts) and say so on
 * the context. Hono's compress asks every response for its headers, which on @hono/node-server
 * turns the response's plain header object into a full Headers object — on the cached map route
 * the largest cost of a request after the socket write (docs/benchmarks.md, "The map answer's
 * hot path, session 9").
 */
import type { Context, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

declare module 'hono' {
  interface ContextVariableMap {
    /** The response carries its own Content-Encoding (or must not be encoded): compress passes it by. */
    encoded: boolean;
  }
}

/** Marks the context's response as already encoded (or not to be encoded) by its route. */
export function markEncoded(c: Context): void {
  c.set('encoded', true);
}

export function compressResponses(threshold: number): MiddlewareHandler {
  const gzip = compress({ threshold });
  const nothing = async (): Promise<void> => {};
  return async (c, next) => {
    await next();
    if (c.get('encoded') === true) return;
    // compress works on the response once its route has run: here with the route already done
    await gzip(c, nothing);
  };
}
