/**
 * The one way a GET route answers with JSON: the query is validated with the route's strict
 * schema (an unknown parameter is a USAGE error, never a new cache entry), the body comes from
 * the response cache or from the read service, and is sent with Cache-Control, a strong ETag
 * (If-None-Match → 304) and gzip when the client accepts it. Errors are never cached.
 *
 * Who asks: the auth middleware has authorised the request before it gets here. A route whose
 * body depends on the viewer (`perViewer`) has the viewer's scope (their organisation, or the
 * share link) and the private-data version in its cache key, so one viewer's private data is
 * never served to another. Only anonymous requests in public mode are `Cache-Control: public`;
 * every other answer is `private, no-cache` (a shared computer's browser revalidates it).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../core/app-error.js';
import { viewerScope } from '../service/members/viewer.js';
import { accessOf, viewerOf } from './auth/request-context.js';
import { markEncoded } from './compress-responses.js';
import { serialise, type SerialisedResponse } from './response-cache.js';
import { withSecurityHeaders } from './security-headers.js';
import type { ServerDeps } from './server-deps.js';

/** Parses query parameters with a strict schema; USAGE error naming the parameter otherwise. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `'${k}'`).join(', ');
      throw new AppError('USAGE', `unknown parameter ${keys}${allowedKeys(schema)}`);
    }
    throw new AppError('USAGE', `parameter '${issue.path.join('.') || '?'}': ${issue.message}`);
  }
  return r.data;
}

function allowedKeys(schema: z.ZodType): string {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const keys = shape ? Object.keys(shape) : [];
  return keys.length ? `; allowed: ${keys.join(', ')}` : '; this route takes no parameters';
}

export interface CachedJsonOptions<S extends z.ZodType> {
  /** Names the route in the cache key. */
  name: string;
  /** Strict query schema. */
  query: S;
  /** Path parameters as they enter the key and the service (e.g. a code in upper case). */
  params?: (c: Context) => Record<string, string>;
  maxAgeSeconds?: number;
  /** The body depends on who asks (private data, or narrowed to a share link): cached per viewer scope. */
  perViewer?: boolean | ((c: Context) => boolean);
  /** Content-Type of the body (default application/json; charset=utf-8). */
  contentType?: string;
  /** Extra headers from the validated query (e.g. Content-Crs of an OGC API response). */
  headers?: (query: z.infer<S>) => Record<string, string>;
}

/** A Hono handler answering from the response cache or from `compute`. */
export function cachedJson<S extends z.ZodType, B>(
  deps: ServerDeps,
  options: CachedJsonOptions<S>,
  compute: (query: z.infer<S>, params: Record<string, string>, c: Context) => Promise<B>,
) {
  return async (c: Context): Promise<Response> => {
    const query = parseQuery(options.query, c.req.query());
    const params = options.params ? options.params(c) : {};
    const version = await deps.read.state.version();
    deps.cache.useVersion(version);
    const perViewer = typeof options.perViewer === 'function' ? options.perViewer(c) : options.perViewer;
    const scope = perViewer
      ? `|${viewerScope(viewerOf(c))}|pv${await deps.read.store.members.privateDataVersion()}`
      : '';
    const key = `${options.name}${scope}|${JSON.stringify(params)}|${canonicalJson(query)}`;
    let r = deps.cache.get(key);
    if (!r) {
      r = serialise(await compute(query, params, c));
      deps.cache.set(key, r);
    }
    return sendCachedJson(c, r, options.maxAgeSeconds ?? 300, {
      ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
      ...options.headers?.(query),
    });
  };
}

/** JSON with object keys sorted, so equal queries give equal keys whatever the parameter order. */
function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** `public, max-age` for anonymous requests in public mode; `private, no-cache` for everybody else. */
export function cacheControl(c: Context, maxAgeSeconds: number): string {
  return accessOf(c) === 'public' && viewerOf(c).kind === 'anonymous'
    ? `public, max-age=${maxAgeSeconds}`
    : 'private, no-cache';
}

/** Sends a serialised body with Cache-Control and ETag; 304 on a matching If-None-Match; gzip when accepted. */
export function sendCachedJson(
  c: Context,
  r: SerialisedResponse,
  maxAgeSeconds: number,
  extraHeaders: Record<string, string> = {},
): Response {
  const headers: Record<string, string> = withSecurityHeaders(c, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': cacheControl(c, maxAgeSeconds),
    ETag: r.etag,
    Vary: 'Accept-Encoding, Cookie, Authorization',
    ...extraHeaders,
  });
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === r.etag)) {
    markEncoded(c); // no body
    return new Response(null, { status: 304, headers });
  }
  if (/\bgzip\b/i.test(c.req.header('Accept-Encoding') ?? '')) {
    markEncoded(c);
    return new Response(r.gzip, { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' } });
  }
  return new Response(r.plain(), { status: 200, headers });
}
