/** A page of the app. The router creates one when the page changes and updates it otherwise. */
import type { ViewState } from '../state/view-state.js';

export interface View {
  readonly element: HTMLElement;
  update(state: ViewState, previous: ViewState): void;
  destroy(): void;
}
