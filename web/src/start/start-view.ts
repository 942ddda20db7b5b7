/**
 * The start page: search a gemeente (also by its common name), region or buurt, the regions with
 * data (their gemeenten without data named as such), every gemeente with data, and the data the
 * server has loaded per source.
 */
import { areaName, type AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { messagesFor, type Lang, type Messages } from '../i18n/messages.js';
import { editionLabel } from '../i18n/terms.js';
import { loadedSourceTitle } from '../layout/loaded-sources.js';
import type { View } from '../layout/view.js';
import type { ViewState } from '../state/view-state.js';
import { createAreaSearch } from './area-search.js';
import { offeredRegions } from './offered-regions.js';

function openArea(ctx: AppContext, area: string, buurt: string | null = null): void {
  ctx.store.update({ view: 'map', area, buurt, map: null, period: null, year: null, display: 'map' });
}

function areaButton(ctx: AppContext, code: string, label: string, detail: string): HTMLElement {
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'link-button', 'data-area': code, onclick: () => openArea(ctx, code) },
      label,
    ),
    h('span', { class: 'muted' }, ` ${detail}`),
  );
}

/** The loaded data per source, in words: edition names without the files they came from. */
function editionsTable(ctx: AppContext, t: Messages, lang: Lang): HTMLElement {
  // per source its edition labels, each with the gemeenten it reaches (null: boundaries)
  const bySource = new Map<string, Map<string, number | null>>();
  for (const e of ctx.data.gemeenten.editions) {
    const label = editionLabel(e.edition);
    if (!label) continue;
    const labels = bySource.get(e.source) ?? new Map<string, number | null>();
    const key = e.table && !label.includes(e.table) ? `${label} (${e.table})` : label;
    const reach = e.gemeenten ?? null;
    const before = labels.get(key);
    labels.set(key, before === undefined || before === null ? reach : Math.max(before, reach ?? 0));
    bySource.set(e.source, labels);
  }
  if (bySource.size === 0) return h('p', {}, t.noData);
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'editions' },
    h('caption', { class: 'visually-hidden' }, t.editionsHeading),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, t.editionsSource), h('th', { scope: 'col' }, t.editionsEdition)),
    ),
    h(
      'tbody',
      {},
      [...bySource].map(([source, labels]) =>
        h(
          'tr',
          { 'data-source': source },
          h('th', { scope: 'row' }, loadedSourceTitle(source, lang)),
          h(
            'td',
            {},
            h(
              'ul',
              { class: 'edition-list' },
              [...labels]
                .sort(([a], [b]) => a.localeCompare(b, 'nl'))
                .map(([l, reach]) =>
                  h(
                    'li',
                    {},
                    l,
                    reach === null
                      ? null
                      : h(
                          'span',
                          { class: 'muted', 'data-testid': 'edition-reach' },
                          ` · ${t.editionReach(reach)}`,
                        ),
                  ),
                ),
            ),
          ),
        ),
      ),
    ),
  );
}

function render(ctx: AppContext, element: HTMLElement, state: ViewState): void {
  const t = messagesFor(state.lang);
  const { gemeenten, divisionYear } = ctx.data.gemeenten;
  const withData = gemeenten.filter((g) => g.buurten > 0).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const regions = offeredRegions(ctx.data);
  const gemeentenHeading = `${t.allGemeentenHeading} (${withData.length})`;
  const gemeenteList = h(
    'ul',
    { class: 'plain-list columns' },
    withData.map((g) => areaButton(ctx, g.code, g.name, `(${t.buurtenCount(g.buurten)})`)),
  );
  replaceChildren(
    element,
    h(
      'section',
      { class: 'start-hero' },
      h('h1', {}, t.startHeading),
      h('p', { class: 'lead' }, t.startIntro),
      createAreaSearch(
        ctx.data,
        t,
        (o) => (o.kind === 'buurt' ? openArea(ctx, o.gemeente!, o.code) : openArea(ctx, o.code)),
        { buurten: true },
      ),
    ),
    h(
      'div',
      { class: 'start-columns' },
      h(
        'section',
        { 'aria-labelledby': 'regions-heading' },
        ...(regions.length > 0
          ? [
              h('h2', { id: 'regions-heading' }, t.regionsHeading),
              h(
                'ul',
                { class: 'plain-list', 'data-testid': 'start-regions' },
                regions.map(({ region, withData: members, withoutData }) =>
                  areaButton(
                    ctx,
                    region.id,
                    region.name,
                    `(${members.map((g) => areaName(ctx.data, g)).join(', ')}${withoutData.length ? `; ${withoutData.join(', ')}: ${t.noDataShort}` : ''})`,
                  ),
                ),
              ),
              h('details', { class: 'all-gemeenten' }, h('summary', {}, gemeentenHeading), gemeenteList),
            ]
          : // no region has data (the demo set): the column is the list of gemeenten
            [h('h2', { id: 'regions-heading' }, gemeentenHeading), gemeenteList]),
      ),
      h(
        'section',
        { 'aria-labelledby': 'editions-heading' },
        h('h2', { id: 'editions-heading' }, t.editionsHeading),
        divisionYear !== null ? h('p', {}, t.divisionYear(divisionYear)) : null,
        editionsTable(ctx, t, state.lang),
      ),
    ),
  );
}

export function createStartView(ctx: AppContext): View {
  const element = h('div', { class: 'start-view', 'data-testid': 'start-view' });
  render(ctx, element, ctx.store.state);
  return {
    element,
    update(state, previous) {
      if (state.lang !== previous.lang) render(ctx, element, state);
    },
    destroy() {},
  };
}
