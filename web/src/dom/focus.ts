/**
 * Re-rendering replaces elements; this keeps keyboard focus on "the same" control afterwards,
 * matched by a stable data attribute or id.
 */
const KEYS = [
  'data-map',
  'data-display',
  'data-sort',
  'data-testid',
  'data-code',
  'data-view',
  'id',
] as const;

function keyOf(el: Element): string | null {
  for (const attr of KEYS) {
    const value = el.getAttribute(attr);
    if (value) return `[${attr}="${CSS.escape(value)}"]`;
  }
  return null;
}

/** Runs `render` and, if focus was inside `container`, moves it to the matching new element. */
export function preserveFocus(container: Element, render: () => void): void {
  const active = document.activeElement;
  const selector = active && container.contains(active) ? keyOf(active) : null;
  render();
  if (selector) {
    const next = container.querySelector<HTMLElement>(selector);
    if (next && next !== document.activeElement) next.focus();
  }
}
