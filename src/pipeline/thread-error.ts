/**
 * An error crossing from a worker thread: an AppError comes back as the same AppError (code,
 * message, location, details); anything else as an Error with its message and stack, which the
 * edges then report as INTERNAL as they would have on the import's own thread.
 */
import { AppError, formatLocation, type ErrorCode, type FileLocation } from '../core/app-error.js';

export type SerialisedError =
  | {
      app: true;
      code: ErrorCode;
      message: string;
      location?: FileLocation;
      details?: Record<string, unknown>;
    }
  | { app: false; name: string; message: string; stack?: string };

export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof AppError)
    return {
      app: true,
      code: e.code,
      message: e.message,
      ...(e.location ? { location: e.location } : {}),
      ...(e.details ? { details: e.details } : {}),
    };
  const error = e instanceof Error ? e : new Error(String(e));
  return {
    app: false,
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
  };
}

export function deserialiseError(s: SerialisedError): Error {
  if (s.app) {
    // AppError puts the location before the message; give it the message without it.
    const prefix = s.location ? `${formatLocation(s.location)}: ` : '';
    const message = s.message.startsWith(prefix) ? s.message.slice(prefix.length) : s.message;
    return new AppError(s.code, message, {
      ...(s.location ? { location: s.location } : {}),
      ...(s.details ? { details: s.details } : {}),
    });
  }
  const error = new Error(s.message);
  error.name = s.name;
  if (s.stack) error.stack = s.stack;
  return error;
}
