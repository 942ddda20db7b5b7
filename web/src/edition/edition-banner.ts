/**
 * The data-edition strip under the header: which edition the page shows ("Je bekijkt editie
 * 2026-1"), and — when a deep link or share link pins an older one — that a newer edition
 * exists, with a button to it. For the area on screen, "what changed" between the edition shown
 * and the newest (or, on the newest, since the previous one): per buurt the reason, the classes
 * that moved and the values that differ (GET /api/editions/changes).
 */
import type { EditionChangesResponse, EditionsResponse } from '../../../src/api/editions.js';
import { api } from '../api-client.js';
import type { AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { dataEditionLabel } from '../../../src/domain/editions/data-edition-label.js';
import { formatNumber } from '../i18n/format.js';
import { formatViewState } from '../state/url-state.js';
import type { ViewState } from '../state/view-state.js';
import { editionDate, editionMessages, type EditionMessages } from './edition-messages.js';
import './edition.css';

/** Inserts the strip before `before` (the main region) and keeps it in step with the view. */
export function attachEditionBanner(
  root: HTMLElement,
  before: HTMLElement,
  ctx: AppContext,
  editions: EditionsResponse,
): void {
  if (!editions.current) return; // the store recorded no editions: nothing to say
  const strip = h('div', { class: 'edition-banner', role: 'region', 'data-testid': 'edition-banner' });
  root.insertBefore(strip, before);
  let shownKey = '';
  const render = (state: ViewState): void => {
    const key = `${state.lang}|${state.edition}|${state.area}|${state.view}`;
    if (key === shownKey) return;
    shownKey = key;
    renderStrip(strip, ctx, editions, state);
  };
  ctx.store.subscribe((state) => render(state));
  render(ctx.store.state);
}

function renderStrip(
  strip: HTMLElement,
  ctx: AppContext,
  editions: EditionsResponse,
  state: ViewState,
): void {
  const t = editionMessages(state.lang);
  const current = editions.current!;
  const shownId = state.edition ?? current.id;
  const shown = editions.editions.find((e) => e.id === shownId);
  strip.setAttribute('aria-label', t.region);
  const newest = (): void =>
    window.location.assign(`${window.location.pathname}${formatViewState({ ...state, edition: null })}`);
  const toNewest = h(
    'button',
    { type: 'button', class: 'link-button', 'data-testid': 'edition-newest', onclick: newest },
    t.showNewest,
  );
  if (!shown || !shown.available) {
    replaceChildren(strip, h('p', { 'data-testid': 'edition-status' }, t.gone(shownId), ' ', toNewest));
    return;
  }
  const older = shown.id !== current.id;
  const date = (iso: string) => editionDate(iso, state.lang);
  const status = h(
    'p',
    { 'data-testid': 'edition-status' },
    t.showing(dataEditionLabel(shown.label, state.lang), date(shown.createdAt)),
    ' ',
    older
      ? h(
          'strong',
          { 'data-testid': 'edition-newer' },
          t.newer(dataEditionLabel(current.label, state.lang), date(current.createdAt)),
        )
      : t.newest,
    older ? [' ', toNewest] : null,
  );
  const before = editions.editions.filter((e) => e.id < shown.id && e.available).at(-1);
  const pair = older ? { from: shown.id, to: current.id } : before ? { from: before.id, to: shown.id } : null;
  const area = state.view === 'start' || state.view === 'areas' ? null : state.area;
  replaceChildren(strip, status, pair && area ? changesPanel(ctx, t, area, pair, older, state) : null);
}

function changesPanel(
  ctx: AppContext,
  t: EditionMessages,
  area: string,
  pair: { from: number; to: number },
  older: boolean,
  state: ViewState,
): HTMLElement {
  const body = h('div', { class: 'edition-changes-body' });
  const panel = h(
    'details',
    { class: 'edition-changes', 'data-testid': 'edition-changes' },
    h('summary', {}, older ? t.changesNewer : t.changesSincePrevious),
    body,
  );
  let loaded = false;
  panel.addEventListener('toggle', () => {
    if (!panel.open || loaded) return;
    loaded = true;
    replaceChildren(body, h('p', { role: 'status' }, t.loading));
    api
      .editionChanges(area, pair.from, pair.to)
      .then((r) => replaceChildren(body, changesTable(ctx, t, r, state)))
      .catch((e: Error) => replaceChildren(body, h('p', { class: 'error', role: 'alert' }, e.message)));
  });
  return panel;
}

function changesTable(
  ctx: AppContext,
  t: EditionMessages,
  r: EditionChangesResponse,
  state: ViewState,
): HTMLElement {
  const en = state.lang === 'en';
  const mapTitle = new Map(r.maps.map((m) => [m.map, en ? m.titleEn : m.titleNl]));
  const layers = new Map(ctx.data.definitions.layers.map((l) => [l.id, en ? l.titleEn : l.titleNl]));
  const num = (v: number | null) => formatNumber(v, state.lang, { digits: 2 });
  const summary = h(
    'p',
    { 'data-testid': 'edition-changes-summary' },
    t.summary(
      r.changes.length,
      r.buurten,
      dataEditionLabel(r.from.label, state.lang),
      dataEditionLabel(r.to.label, state.lang),
    ),
  );
  if (r.changes.length === 0) return h('div', {}, summary, h('p', {}, t.noChanges));
  const rows = r.changes.map((c) =>
    h(
      'tr',
      { 'data-code': c.code },
      h('th', { scope: 'row' }, c.name),
      h('td', {}, c.reasons.map((x) => t.reason[x]).join(', ')),
      h(
        'td',
        {},
        c.classes.length === 0
          ? t.none
          : c.classes
              .map(
                (k) =>
                  `${mapTitle.get(k.map) ?? k.map}: ${(en ? k.from?.labelEn : k.from?.label) ?? '–'} → ${(en ? k.to?.labelEn : k.to?.label) ?? '–'}`,
              )
              .join('; '),
      ),
      h(
        'td',
        {},
        c.values.length === 0
          ? t.none
          : c.values
              .map(
                (v) => `${layers.get(v.indicator) ?? v.indicator} ${v.year}: ${num(v.from)} → ${num(v.to)}`,
              )
              .join('; '),
      ),
    ),
  );
  return h(
    'div',
    {},
    summary,
    h(
      'div',
      { class: 'edition-changes-scroll' },
      h(
        'table',
        { class: 'edition-changes-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t.buurt),
            h('th', { scope: 'col' }, t.reasons),
            h('th', { scope: 'col' }, t.maps),
            h('th', { scope: 'col' }, t.values),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}
