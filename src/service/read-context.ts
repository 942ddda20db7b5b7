/**
 * What every read service works on: the store and the engine state derived from it. The
 * server builds one per app, the CLI one per command; both call the same services.
 */
import type { Store } from '../storage/store.js';
import { EngineState, type EngineStateOptions } from './engine-state.js';

export interface ReadContext {
  store: Store;
  state: EngineState;
}

/** A read context on a store; the engine is loaded on first use and rebuilt when the store changes. */
export function createReadContext(store: Store, options: EngineStateOptions = {}): ReadContext {
  return { store, state: new EngineState(store, options) };
}
