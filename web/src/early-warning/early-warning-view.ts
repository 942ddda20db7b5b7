/**
 * The early-warning page (`?view=warnings&area=…[&period=…]`, GET /api/early-warning): per
 * gemeente, region or werkgebied the buurten that need attention, ranked, each with its reasons in
 * words and the numbers behind them, and a link to the buurt's profile on the signal map.
 */
import type {
  EarlyWarningEntry,
  EarlyWarningResponse,
  WarningReasonOut,
} from '../../../src/api/early-warning.js';
import { areaName, findMapDefinition, resolveWhen, type AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import {
  classWorsenedFigures,
  concentrationRisingFigures,
  nearThresholdFigures,
  nuisanceAgainstFigures,
} from '../../../src/domain/early-warning/reason-text.js';
import { formatCount, formatNumber, pick } from '../i18n/format.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import type { View } from '../layout/view.js';
import { renderWhenSelect } from '../map/map-picker.js';
import { createAreaSearch } from '../start/area-search.js';
import { formatViewState } from '../state/url-state.js';
import { INITIAL_STATE, type ViewState } from '../state/view-state.js';
import { fetchEarlyWarning } from './warning-api.js';
import { warningMessages } from './warning-messages.js';
import './early-warning.css';
import { errorLine } from '../i18n/error-text.js';

const CLASS_MAP = 'veerkracht-absoluut';

const span = (p: string) => p.replace('-', '–');

/**
 * The numbers of a reason as label–value pairs, printed as its text prints them (the domain's
 * figures: as many decimals as the text's comparison needs, so "net onder de drempel" never
 * stands beside a change that prints as the threshold).
 */
function reasonNumbers(r: WarningReasonOut, lang: Lang): [string, string][] {
  const w = warningMessages(lang);
  switch (r.rule) {
    case 'class-worsened': {
      const f = classWorsenedFigures(r, lang);
      return [
        [`ΔK ${span(r.period)}`, `${f.dK} SD`],
        [`ΔO ${span(r.period)}`, `${f.dO} SD`],
        [w.threshold, `${f.concentrationThreshold} / ${f.nuisanceThreshold}`],
      ];
    }
    case 'near-threshold': {
      const f = nearThresholdFigures(r, lang);
      const q = r.quantity === 'concentration' ? 'ΔK' : 'ΔO';
      return [
        [`${q} ${span(r.previousPeriod)}`, `${f.previousValue} SD`],
        [`${q} ${span(r.period)}`, `${f.value} SD`],
        [w.threshold, f.threshold],
        [w.margin, f.margin],
      ];
    }
    case 'concentration-rising': {
      const f = concentrationRisingFigures(r, lang);
      return [
        [`ΔK ${span(r.previousPeriod)}`, `${f.previousValue} SD`],
        [`ΔK ${span(r.period)}`, `${f.value} SD`],
      ];
    }
    case 'nuisance-against-gemeente': {
      const f = nuisanceAgainstFigures(r, lang);
      return [
        [`ΔO ${span(r.period)}`, `${f.value} SD`],
        [`ΔO ${w.rest}`, `${f.restMean} SD (${formatCount(r.restBuurten, lang)})`],
      ];
    }
  }
}

function profileHref(state: ViewState, body: EarlyWarningResponse, e: EarlyWarningEntry): string {
  return (
    formatViewState({
      ...INITIAL_STATE,
      view: 'map',
      lang: state.lang,
      area: body.area.id,
      map: CLASS_MAP,
      period: body.period,
      buurt: e.code,
    }) || '/'
  );
}

function entryItem(state: ViewState, body: EarlyWarningResponse, e: EarlyWarningEntry): HTMLElement {
  const lang = state.lang;
  const w = warningMessages(lang);
  const cls = (c: { labelNl: string; labelEn: string }) => pick(lang, c.labelNl, c.labelEn);
  return h(
    'li',
    { class: 'warning', 'data-code': e.code, 'data-testid': 'warning' },
    h(
      'div',
      { class: 'warning-head' },
      h('h3', {}, h('a', { href: profileHref(state, body, e), 'data-testid': 'warning-profile' }, e.name)),
      h(
        'p',
        { class: 'muted' },
        `${e.gemeenteName} · ${e.code}`,
        e.inhabitants !== null
          ? ` · ${formatCount(e.inhabitants, lang)} ${lang === 'en' ? 'inhabitants' : 'inwoners'}`
          : '',
        ` · ${w.classNow}: ${cls(e.currentClass)}`,
        e.previousClass ? ` · ${w.classBefore}: ${cls(e.previousClass)}` : '',
        ` · ${w.score} ${formatNumber(e.score, lang)}`,
      ),
    ),
    h(
      'ul',
      { class: 'reasons' },
      e.reasons.map((r) => {
        const text = pick(lang, r.textNl, r.textEn);
        const label = w.rules[r.rule] ?? r.rule;
        // the rule's name in bold, unless the reason's text already starts with it
        return h(
          'li',
          { class: 'reason', 'data-rule': r.rule },
          text.startsWith(label) ? null : h('strong', {}, `${label}. `),
          text,
          h(
            'dl',
            { class: 'reason-numbers', 'aria-label': w.numbers },
            reasonNumbers(r, lang).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
          ),
        );
      }),
    ),
  );
}

function results(state: ViewState, body: EarlyWarningResponse): HTMLElement[] {
  const lang = state.lang;
  const w = warningMessages(lang);
  const cov = body.coverage.previous;
  const out: HTMLElement[] = [
    h(
      'p',
      { class: 'warning-summary', 'data-testid': 'warning-summary' },
      w.summary(
        body.warnings.length,
        body.buurten,
        body.area.name,
        span(body.period),
        span(body.previousPeriod),
      ),
    ),
  ];
  if (cov.classified < body.buurten || cov.dK < body.buurten || cov.dO < body.buurten)
    out.push(
      h(
        'p',
        { class: 'muted' },
        w.coverage(span(body.previousPeriod), cov.classified, cov.dK, cov.dO, body.buurten),
      ),
    );
  out.push(
    body.warnings.length === 0
      ? h('p', {}, w.none)
      : h(
          'ol',
          { class: 'warnings', 'data-testid': 'warnings' },
          body.warnings.map((e) => entryItem(state, body, e)),
        ),
  );
  return out;
}

export function createEarlyWarningView(ctx: AppContext): View {
  const { store, data } = ctx;
  const controls = h('div', { class: 'areas-controls' });
  const list = h('div', { class: 'warning-results', 'aria-live': 'polite' });
  const element = h('div', { class: 'warnings-view', 'data-testid': 'warnings-view' }, controls, list);
  const classDef = findMapDefinition(data.definitions, CLASS_MAP);
  let token = 0;

  const period = (state: ViewState): string | null =>
    classDef ? resolveWhen(classDef, state.period, null).period : state.period;

  function renderControls(state: ViewState): void {
    const t = messagesFor(state.lang);
    const w = warningMessages(state.lang);
    preserveFocus(controls, () =>
      replaceChildren(
        controls,
        h('h1', {}, w.heading),
        h('p', { class: 'muted' }, w.intro),
        h(
          'div',
          { class: 'areas-pickers' },
          createAreaSearch(data, { ...t, searchLabel: w.areaLabel }, (o) => {
            if (o.kind === 'buurt') return;
            store.update({ area: o.code, buurt: null }, 'replace');
          }),
          classDef
            ? renderWhenSelect(
                classDef,
                { period: period(state), year: null },
                t,
                (when) => store.update({ period: when.period }, 'replace'),
                'warnings-period',
              )
            : null,
        ),
        state.area ? h('h2', {}, areaName(data, state.area)) : null,
      ),
    );
  }

  async function load(state: ViewState): Promise<void> {
    const mine = ++token;
    const t = messagesFor(state.lang);
    if (!state.area) {
      replaceChildren(list, h('p', {}, warningMessages(state.lang).chooseArea));
      return;
    }
    replaceChildren(list, h('p', {}, t.loading));
    try {
      const body = await fetchEarlyWarning(state.area, period(state));
      if (mine !== token) return;
      replaceChildren(list, ...results(state, body));
    } catch (error) {
      if (mine !== token) return;
      replaceChildren(list, errorLine(error, state.lang));
    }
  }

  function update(state: ViewState, previous: ViewState | null): void {
    renderControls(state);
    if (
      !previous ||
      previous.area !== state.area ||
      previous.period !== state.period ||
      previous.lang !== state.lang
    )
      void load(state);
  }

  update(store.state, null);
  return { element, update, destroy() {} };
}
