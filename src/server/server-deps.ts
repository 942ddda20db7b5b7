/** What every route gets: the store and the engine state; plus query parsing with the API schemas. */
import type { z } from 'zod';
import { AppError } from '../core/app-error.js';
import type { Store } from '../storage/store.js';
import type { EngineState } from './engine-state.js';

export interface ServerDeps {
  store: Store;
  state: EngineState;
}

/** Parses query parameters with a schema; USAGE error naming the parameter otherwise. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AppError('USAGE', `parameter '${issue.path.join('.') || '?'}': ${issue.message}`);
  }
  return r.data;
}
