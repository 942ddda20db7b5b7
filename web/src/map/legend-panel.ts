/**
 * The legend: one row per class with its swatch (colour, plus a hatch pattern for buurten
 * without a usable value), its label and how many buurten it holds.
 */
import type { LegendEntry } from '../../../src/api/schemas.js';
import { h } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { swatchBackground } from './hatch-patterns.js';

export function renderLegend(legend: readonly LegendEntry[], lang: Lang, t: Messages, headingLevel: 'h2' | 'h3' = 'h2'): HTMLElement {
  return h(
    'section',
    { class: 'legend', 'aria-label': t.legendHeading, 'data-testid': 'legend' },
    h(headingLevel, { class: 'panel-heading' }, t.legendHeading),
    h(
      'ul',
      { class: 'legend-list' },
      legend.map((entry) =>
        h(
          'li',
          { class: 'legend-item', 'data-class-id': entry.classId },
          h('span', { class: 'legend-swatch', 'aria-hidden': 'true', style: `background: ${swatchBackground(entry.color, entry.classId)}` }),
          h('span', { class: 'legend-label' }, pick(lang, entry.label, entry.labelEn)),
          h('span', { class: 'legend-count', 'aria-label': t.legendCount(entry.count) }, String(entry.count)),
        ),
      ),
    ),
  );
}
