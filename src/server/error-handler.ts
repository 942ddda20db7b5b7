/**
 * The only place HTTP errors are shaped: an AppError becomes its status and
 * `{ error: { code, message, details? } }`; anything else is logged and answered with a bare
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
      const body = {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      };
      return c.json(body, err.httpStatus as ContentfulStatusCode);
    }
    logger.error(`unexpected error on ${c.req.method} ${c.req.path}`, err);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  };
}
