/** Texts of the API that mark commands with backticks (`veerkracht fetch --sources kwb`). */
import { h } from './element.js';

/** Text with `backtick` parts as code. */
export function withCode(text: string): (string | HTMLElement)[] {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (part.startsWith('`') ? h('code', {}, part.slice(1, -1)) : part));
}
