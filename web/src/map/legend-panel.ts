/**
 * The legend: one row per class with its swatch (colour, plus a hatch pattern for buurten
 * without a usable value), its label and how many buurten it holds.
 */
import type { LegendEntry } from '../../../src/api/schemas.js';
import { h, uniqueId } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { swatchBackground } from './hatch-patterns.js';

/**
 * `collapsible`: the heading is a toggle button (for the legend drawn over the map, which a user
 * may fold away to see the buurten underneath); `collapsed` is its starting state.
 */
export function renderLegend(
  legend: readonly LegendEntry[],
  lang: Lang,
  t: Messages,
  options: {
    /** What the classes are (year or period, years compared); shown under the heading. */
    title?: string;
    /** Over which buurten the classes were made ("kwintielen van N buurten in …"). */
    scope?: string;
    headingLevel?: 'h2' | 'h3';
    collapsible?: boolean;
    collapsed?: boolean;
    onToggle?: (collapsed: boolean) => void;
  } = {},
): HTMLElement {
  const listId = uniqueId('legend-list');
  const collapsed = options.collapsible === true && options.collapsed === true;
  const heading = options.collapsible
    ? h(
        options.headingLevel ?? 'h2',
        { class: 'panel-heading' },
        h(
          'button',
          {
            type: 'button',
            class: 'legend-toggle',
            'aria-expanded': collapsed ? 'false' : 'true',
            'aria-controls': listId,
            'data-testid': 'legend-toggle',
            onclick: (e: Event) => {
              const button = e.currentTarget as HTMLButtonElement;
              const nowCollapsed = button.getAttribute('aria-expanded') === 'true';
              button.setAttribute('aria-expanded', nowCollapsed ? 'false' : 'true');
              document.getElementById(listId)!.hidden = nowCollapsed;
              options.onToggle?.(nowCollapsed);
            },
          },
          t.legendHeading,
        ),
      )
    : h(options.headingLevel ?? 'h2', { class: 'panel-heading' }, t.legendHeading);
  return h(
    'section',
    { class: 'legend', 'aria-label': t.legendHeading, 'data-testid': 'legend' },
    heading,
    h(
      'div',
      { id: listId, hidden: collapsed },
      options.title ? h('p', { class: 'legend-title', 'data-testid': 'legend-title' }, options.title) : null,
      h(
        'ul',
        { class: 'legend-list' },
        legend.map((entry) =>
          h(
            'li',
            { class: 'legend-item', 'data-class-id': entry.classId },
            h('span', {
              class: 'legend-swatch',
              'aria-hidden': 'true',
              style: `background: ${swatchBackground(entry.color, entry.classId)}`,
            }),
            h('span', { class: 'legend-label' }, pick(lang, entry.label, entry.labelEn)),
            h(
              'span',
              { class: 'legend-count', 'aria-label': t.legendCount(entry.count) },
              String(entry.count),
            ),
          ),
        ),
      ),
      options.scope ? h('p', { class: 'legend-scope', 'data-testid': 'legend-scope' }, options.scope) : null,
    ),
  );
}
