/**
 * What every read service works on: the store and the engine state derived from it. The
 * server builds one per app, the CLI one per command; both call the same services.
 */
import type { Store } from '../storage/store.js';
import { EngineState, type EngineStateOptions, type EngineStateView } from './engine-state.js';

export interface ReadContext {
  store: Store;
  /** The live state, or (readContextAt) a view of an older data edition. */
  state: EngineStateView;
}

/** A read context on a store; the engine is loaded on first use and rebuilt when the store changes. */
export function createReadContext(store: Store, options: EngineStateOptions = {}): ReadContext {
  return { store, state: new EngineState(store, options) };
}

/**
 * The context of data edition `edition` (the `edition=` parameter): the same context when it is
 * absent or the newest edition. EDITION_NOT_FOUND (404) or EDITION_GONE (410) otherwise.
 */
export async function readContextAt(ctx: ReadContext, edition: number | undefined): Promise<ReadContext> {
  if (edition === undefined) return ctx;
  const state = await ctx.state.at(edition);
  return state === ctx.state ? ctx : { store: ctx.store, state };
}
