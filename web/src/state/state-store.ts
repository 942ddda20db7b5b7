/**
 * The one source of truth for the view: holds the ViewState, writes it to the URL (push for
 * navigation, replace for refinements) and tells subscribers what changed. Browser back and
 * forward restore earlier states.
 */
import { formatViewState, parseViewState } from './url-state.js';
import type { ViewState } from './view-state.js';

/** `previous` is null for the first notification (start-up). */
export type StateListener = (state: ViewState, previous: ViewState | null) => void;

export class StateStore {
  #state: ViewState;
  /** The newest requested state, including ones still queued. */
  #latest: ViewState;
  readonly #listeners = new Set<StateListener>();
  readonly #queue: ViewState[] = [];
  #notifying = false;

  constructor(initial: ViewState) {
    this.#state = initial;
    this.#latest = initial;
    window.addEventListener('popstate', () => this.#apply(parseViewState(window.location.search)));
  }

  get state(): ViewState {
    return this.#latest;
  }

  /** Changes the state; `history: 'push'` (default) adds a history entry, 'replace' does not. */
  update(patch: Partial<ViewState>, history: 'push' | 'replace' = 'push'): void {
    const next = { ...this.#latest, ...patch };
    const url = `${window.location.pathname}${formatViewState(next)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    this.#apply(next);
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the listeners about the current state once (at start-up). */
  start(): void {
    this.#notify(this.#state, null);
  }

  // Updates made by a listener while listeners run are queued, so every listener sees the
  // states in order and a view being built never re-enters the router.
  #apply(next: ViewState): void {
    this.#latest = next;
    this.#notify(next, this.#state);
  }

  #notify(next: ViewState, previous: ViewState | null): void {
    if (this.#notifying) {
      this.#queue.push(next);
      return;
    }
    this.#notifying = true;
    try {
      let pending: ViewState | undefined = next;
      let before = previous;
      while (pending) {
        this.#state = pending;
        for (const listener of this.#listeners) listener(pending, before);
        before = pending;
        pending = this.#queue.shift();
      }
    } finally {
      this.#notifying = false;
    }
  }
}
