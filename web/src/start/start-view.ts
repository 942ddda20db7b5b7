/**
 * The start page: search and pick a gemeente or region, the predefined regions, every gemeente
 * with data, and the data editions the server has loaded.
 */
import { areaName, type AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import type { View } from '../layout/view.js';
import type { ViewState } from '../state/view-state.js';
import { createAreaSearch } from './area-search.js';

function openArea(ctx: AppContext, area: string): void {
  ctx.store.update({ view: 'map', area, buurt: null });
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

function editionsTable(ctx: AppContext, t: Messages): HTMLElement {
  const editions = ctx.data.gemeenten.editions;
  if (editions.length === 0) return h('p', {}, t.noData);
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'editions' },
    h('caption', { class: 'visually-hidden' }, t.editionsHeading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.editionsSource),
        h('th', { scope: 'col' }, t.editionsEdition),
        h('th', { scope: 'col' }, t.editionsTable),
      ),
    ),
    h(
      'tbody',
      {},
      editions.map((e) =>
        h('tr', {}, h('td', {}, e.source), h('td', {}, e.edition), h('td', {}, e.table ?? '–')),
      ),
    ),
  );
}

function render(ctx: AppContext, element: HTMLElement, state: ViewState): void {
  const t = messagesFor(state.lang);
  const { gemeenten, divisionYear } = ctx.data.gemeenten;
  const withData = gemeenten.filter((g) => g.buurten > 0).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  replaceChildren(
    element,
    h(
      'section',
      { class: 'start-hero' },
      h('h1', {}, t.startHeading),
      h('p', { class: 'lead' }, t.startIntro),
      createAreaSearch(ctx.data, t, (o) => openArea(ctx, o.code)),
    ),
    h(
      'div',
      { class: 'start-columns' },
      h(
        'section',
        { 'aria-labelledby': 'regions-heading' },
        h('h2', { id: 'regions-heading' }, t.regionsHeading),
        h(
          'ul',
          { class: 'plain-list' },
          ctx.data.regions.regions.map((r) =>
            areaButton(ctx, r.id, r.name, `(${r.gemeenten.map((g) => areaName(ctx.data, g)).join(', ')})`),
          ),
        ),
        h(
          'details',
          { class: 'all-gemeenten' },
          h('summary', {}, `${t.allGemeentenHeading} (${withData.length})`),
          h(
            'ul',
            { class: 'plain-list columns' },
            withData.map((g) => areaButton(ctx, g.code, g.name, `(${t.buurtenCount(g.buurten)})`)),
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'editions-heading' },
        h('h2', { id: 'editions-heading' }, t.editionsHeading),
        divisionYear !== null ? h('p', {}, t.divisionYear(divisionYear)) : null,
        editionsTable(ctx, t),
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
