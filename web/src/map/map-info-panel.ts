/**
 * The "hoe lees je deze kaart" panel: how to read the map, its caveats, and the sources and
 * editions behind it (table, column and years per indicator), harmonisation and measure used.
 */
import type { MapMeta } from '../../../src/api/schemas.js';
import { h } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import { editionLabel, type Terms } from '../i18n/terms.js';

export function renderMapInfo(meta: MapMeta, lang: Lang, t: Messages, terms: Terms): HTMLElement {
  const howTo = pick(lang, meta.howToReadNl, meta.howToReadEn);
  const caveats = pick(lang, meta.caveatsNl, meta.caveatsEn);
  return h(
    'div',
    { class: 'map-info' },
    h(
      'section',
      { class: 'how-to-read', 'data-testid': 'how-to-read' },
      h('h2', { class: 'panel-heading' }, t.howToReadHeading),
      howTo ? h('p', {}, howTo) : null,
      caveats ? h('p', { class: 'caveat' }, h('strong', {}, `${t.caveatsHeading}: `), caveats) : null,
      meta.measureUsed
        ? h(
            'p',
            { 'data-testid': 'measure-used' },
            `${t.measureUsed}: ${terms.label(meta.measureUsed, lang)}`,
          )
        : null,
      meta.sensitivity ? h('p', {}, t.sensitivity(meta.sensitivity.minus50, meta.sensitivity.plus50)) : null,
      h('p', { class: 'method-link' }, h('a', { href: '/docs/method' }, t.methodMore)),
    ),
    h(
      'details',
      { class: 'sources', 'data-testid': 'sources' },
      h('summary', {}, t.sourcesHeading),
      h(
        'ul',
        { class: 'source-list' },
        meta.sources.map((s) =>
          h(
            'li',
            {},
            h('strong', {}, terms.label(s.indicator, lang)),
            ': ',
            editionLabel(s.edition) ?? s.edition,
            s.table && !(editionLabel(s.edition) ?? s.edition).includes(s.table) ? ` (${s.table})` : '',
            ', ',
            t.sourceColumn,
            ' ',
            h('code', {}, s.column),
            s.years.length > 0 ? ` — ${s.years.join(', ')}` : '',
          ),
        ),
      ),
      meta.config
        ? h(
            'p',
            { 'data-testid': 'map-config' },
            h('strong', {}, `${t.configHeading}: `),
            t.configSummary(
              meta.config.thresholds.concentration,
              meta.config.thresholds.nuisance,
              meta.config.minPopulation,
            ),
            ' ',
            h('code', {}, meta.config.hash),
          )
        : null,
      meta.harmonisation
        ? h('p', {}, h('strong', {}, `${t.harmonisationHeading}: `), meta.harmonisation)
        : null,
    ),
  );
}
