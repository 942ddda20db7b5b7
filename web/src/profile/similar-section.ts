/**
 * "Buurten zoals deze" in the buurt profile (GET /api/buurten/:code/similar): the most similar
 * buurten nationally, each with why ("lijkt op … in …; verschilt in …") and a link to its profile,
 * and the positive deviants — alike at the start of the period, better since — to learn from.
 * Loaded after the rest of the profile; the section says so while it waits.
 */
import type { SimilarBuurt, SimilarResponse } from '../../../src/api/similar-buurten.js';
import { h, replaceChildren } from '../dom/element.js';
import { fetchSimilar } from '../early-warning/warning-api.js';
import { warningMessages } from '../early-warning/warning-messages.js';
import { formatNumber, pick } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { formatViewState, parseViewState } from '../state/url-state.js';
import '../early-warning/early-warning.css';
import { errorLine } from '../i18n/error-text.js';

/** The link to a buurt's profile: the current view with the buurt's gemeente and the buurt. */
function profileHref(b: { code: string; gemeente: string }): string {
  const state = parseViewState(window.location.search);
  return formatViewState({ ...state, view: 'map', area: b.gemeente, buurt: b.code }) || '/';
}

function item(b: SimilarBuurt, lang: Lang, extra: string | null): HTMLElement {
  const w = warningMessages(lang);
  return h(
    'li',
    { 'data-code': b.code },
    h('a', { href: profileHref(b), 'data-testid': 'similar-link' }, b.name),
    ` (${b.gemeenteName}) · ${w.distance} ${formatNumber(b.distance, lang)}`,
    h('br'),
    h('span', { class: 'muted' }, pick(lang, b.textNl, b.textEn)),
    extra ? h('br') : null,
    extra ? h('span', { class: 'deviant-outcome' }, extra) : null,
  );
}

function render(body: SimilarResponse, lang: Lang): (HTMLElement | null)[] {
  const w = warningMessages(lang);
  const used = body.indicators.filter((i) => i.weight > 0).length;
  if (body.shared < body.minShared)
    return [h('p', { class: 'muted' }, w.similarNone(body.shared, body.minShared))];
  const start = body.period ? Number(body.period.slice(0, 4)) : null;
  return [
    h('p', { class: 'muted' }, w.similarIntro(body.year, used)),
    h(
      'ol',
      { class: 'similar-list', 'data-testid': 'similar-list' },
      body.similar.map((b) => item(b, lang, null)),
    ),
    start !== null ? h('h4', {}, w.deviantsHeading) : null,
    start !== null ? h('p', { class: 'muted' }, w.deviantsIntro(start)) : null,
    start === null
      ? null
      : body.deviants.length === 0
        ? h('p', {}, w.deviantsNone)
        : h(
            'ul',
            { class: 'similar-list', 'data-testid': 'deviant-list' },
            body.deviants.map((d) => item(d, lang, pick(lang, d.outcomeNl, d.outcomeEn))),
          ),
  ];
}

/** The section; it fills itself when the answer arrives. */
export function similarSection(code: string, lang: Lang): HTMLElement {
  const w = warningMessages(lang);
  const t = messagesFor(lang);
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, t.loading));
  const section = h(
    'section',
    { class: 'similar', 'data-testid': 'profile-similar' },
    h('h3', {}, w.similarHeading),
    body,
  );
  fetchSimilar(code).then(
    (r) => replaceChildren(body, ...render(r, lang)),
    (error: Error) => replaceChildren(body, errorLine(error, lang)),
  );
  return section;
}
