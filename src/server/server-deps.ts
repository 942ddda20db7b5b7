/** What every route gets: the read context (store + engine state) and the response cache. */
import type { ReadContext } from '../service/read-context.js';
import type { ResponseCache } from './response-cache.js';

export interface ServerDeps {
  read: ReadContext;
  cache: ResponseCache;
}
