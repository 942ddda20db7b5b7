/**
 * The only place HTTP errors are shaped: an AppError becomes its status and
 * `{ error: { code, message, details? } }` (a 5xx AppError is logged and answered without its
 * message, which may name server files); anything else is logged and answered with a bare
 * 500 INTERNAL, without message or stack (Hono's default handler does the same).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../core/app-error.js';

export interface ErrorLogger {
  error(message: string, error: unknown): void;
}

/** An onError handler for the app. */
export function errorHandler(logger: ErrorLogger) {
  return (err: Error, c: Context): Response => {
    if (isAppError(err)) {
      if (err.httpStatus >= 500) {
        // a server-side condition: its message may name files of the server; log it, say little
        logger.error(`${err.code} on ${c.req.method} ${c.req.path}`, err);
        const message = 'the server cannot answer this now; the operator can see why in its log';
        return c.json({ error: { code: err.code, message } }, err.httpStatus as ContentfulStatusCode);
      }
      const body = {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      };
      const retry = err.details?.['retryAfterSeconds'];
      const headers: Record<string, string> =
        typeof retry === 'number' ? { 'Retry-After': String(retry) } : {};
      return c.json(body, err.httpStatus as ContentfulStatusCode, headers);
    }
    logger.error(`unexpected error on ${c.req.method} ${c.req.path}`, err);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  };
}
