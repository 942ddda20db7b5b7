/**
 * Comparing gemeenten and regions (GET /api/compare): per area the inhabitants and buurten per
 * veerkracht class, corporatiebuurten, the mean concentration index and the correlation between
 * corporation share and nuisance, as charts and as a table.
 */
import type { CompareResponse, LegendEntry } from '../../../src/api/schemas.js';
import { api } from '../api-client.js';
import { areaName, findMapDefinition, resolveWhen, type AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import { formatCount, formatNumber, pick } from '../i18n/format.js';
import { messagesFor, type Lang, type Messages } from '../i18n/messages.js';
import type { View } from '../layout/view.js';
import { renderWhenSelect } from '../map/map-picker.js';
import { createAreaSearch } from '../start/area-search.js';
import type { ViewState } from '../state/view-state.js';
import { errorLine } from '../i18n/error-text.js';

const CLASS_MAP = 'veerkracht-absoluut';

/** "geen gegevens" instead of a dash for a value the API gives as null (never shown as 0). */
function orNoData(text: string, t: Messages): string {
  return text === '–' ? t.noDataShort : text;
}

/** A figure with the year it is of (and a note), when it has one: "−0,52 (2020)". */
function ofYear(text: string, year: number | null, t: Messages, note?: string): string {
  if (text === '–' || year === null) return orNoData(text, t);
  return `${text} (${[year, note].filter(Boolean).join(', ')})`;
}

function keyTable(result: CompareResponse, lang: Lang, t: Messages): HTMLElement {
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'compare-table' },
    h('caption', {}, t.areasTableHeading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          t.colArea,
          t.colBuurten,
          t.colInhabitants,
          t.colCorporatiebuurten,
          t.colMeanIndex,
          t.colCorrelation,
        ].map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      result.areas.map((a) =>
        h(
          'tr',
          { 'data-area': a.area },
          h('th', { scope: 'row' }, a.name),
          h('td', { class: 'num' }, formatCount(a.buurten, lang)),
          h('td', { class: 'num' }, orNoData(formatCount(a.inhabitants, lang), t)),
          h(
            'td',
            { class: 'num' },
            ofYear(formatCount(a.corporatiebuurten, lang), a.corporatiebuurtenYear, t),
          ),
          h(
            'td',
            { class: 'num' },
            ofYear(
              formatNumber(a.meanIndex, lang),
              a.meanIndexYear,
              t,
              a.meanIndexWeighted === false ? t.unweighted : undefined,
            ),
          ),
          h('td', { class: 'num' }, orNoData(formatNumber(a.correlationCorporationNuisance, lang), t)),
        ),
      ),
    ),
  );
}

/** The numbers behind the class charts (the charts themselves are hidden from screen readers). */
function classTable(
  result: CompareResponse,
  classes: readonly { classId: string; label: string }[],
  lang: Lang,
  t: Messages,
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t.areasClassTable },
    h(
      'table',
      { class: 'data-table compact', 'data-testid': 'compare-class-table' },
      h('caption', {}, t.areasClassTable),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.colArea),
          classes.map((c) => h('th', { scope: 'col' }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        result.areas.map((a) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, a.name),
            classes.map((c) => {
              const row = a.perClass.find((p) => p.classId === c.classId);
              return h(
                'td',
                { class: 'num' },
                row
                  ? `${formatCount(row.buurten, lang)} / ${orNoData(formatCount(row.inhabitants, lang), t)}`
                  : t.noDataShort,
              );
            }),
          ),
        ),
      ),
    ),
  );
}

export function createCompareAreasView(ctx: AppContext): View {
  const { store, data } = ctx;
  const t = (): Messages => messagesFor(store.state.lang);
  const controls = h('div', { class: 'areas-controls' });
  const results = h('div', { class: 'areas-results', 'aria-live': 'polite' });
  const element = h('div', { class: 'areas-view', 'data-testid': 'areas-view' }, controls, results);
  let token = 0;

  const classDef = findMapDefinition(data.definitions, CLASS_MAP);

  function period(state: ViewState): string | null {
    return classDef ? resolveWhen(classDef, state.period, null).period : state.period;
  }

  function renderControls(state: ViewState): void {
    const tt = t();
    preserveFocus(controls, () =>
      replaceChildren(
        controls,
        h('h1', {}, tt.areasHeading),
        h('p', { class: 'muted' }, tt.areasIntro),
        h(
          'ul',
          { class: 'chips', 'aria-label': tt.colArea },
          state.areas.map((a) =>
            h(
              'li',
              { class: 'chip' },
              areaName(data, a),
              h(
                'button',
                {
                  type: 'button',
                  class: 'chip-remove',
                  'aria-label': tt.areasRemove(areaName(data, a)),
                  'data-testid': `remove-${a}`,
                  onclick: () => store.update({ areas: state.areas.filter((x) => x !== a) }, 'replace'),
                },
                '×',
              ),
            ),
          ),
        ),
        h(
          'div',
          { class: 'areas-pickers' },
          createAreaSearch(data, { ...tt, searchLabel: tt.areasAdd }, (o) => {
            if (!state.areas.includes(o.code)) store.update({ areas: [...state.areas, o.code] }, 'replace');
          }),
          classDef
            ? renderWhenSelect(
                classDef,
                { period: period(state), year: null },
                tt,
                (w) => store.update({ period: w.period }, 'replace'),
                'areas-period',
              )
            : null,
        ),
      ),
    );
  }

  async function load(state: ViewState): Promise<void> {
    const mine = ++token;
    const tt = t();
    if (state.areas.length === 0) {
      replaceChildren(results, h('p', {}, tt.areasNeedTwo));
      return;
    }
    replaceChildren(results, h('p', {}, tt.loading));
    try {
      const p = period(state);
      const [result, legendSource, charts] = await Promise.all([
        api.compare(state.areas, p),
        api.map({ area: state.areas[0]!, map: CLASS_MAP, period: p }).catch(() => null),
        import('../charts/compare-charts.js'),
      ]);
      if (mine !== token) return;
      const legend: LegendEntry[] = legendSource?.legend ?? [];
      const classIds = [...new Set(result.areas.flatMap((a) => a.perClass.map((c) => c.classId)))];
      const classes = classIds.map((id) => {
        const entry = legend.find((l) => l.classId === id);
        const fromArea = result.areas.flatMap((a) => a.perClass).find((c) => c.classId === id);
        const label = entry
          ? pick(state.lang, entry.label, entry.labelEn)
          : fromArea
            ? pick(state.lang, fromArea.label, fromArea.labelEn ?? '')
            : id;
        return { classId: id, label, color: entry?.color ?? '#bdbdbd' };
      });
      const width = Math.max(320, Math.min(900, results.clientWidth || 800));
      replaceChildren(
        results,
        h('h2', {}, `${tt.periodLabel} ${result.period.replace('-', '–')}`),
        h(
          'figure',
          { class: 'chart' },
          h('figcaption', {}, tt.areasInhabitantsChart),
          h(
            'div',
            { 'aria-hidden': 'true' },
            charts.classBarChart(result.areas, classes, {
              lang: state.lang,
              width,
              key: 'inhabitants',
              share: true,
            }),
          ),
        ),
        h(
          'figure',
          { class: 'chart' },
          h('figcaption', {}, tt.areasBuurtenChart),
          h(
            'div',
            { 'aria-hidden': 'true' },
            charts.classBarChart(result.areas, classes, {
              lang: state.lang,
              width,
              key: 'buurten',
              share: false,
            }),
          ),
        ),
        h(
          'figure',
          { class: 'chart' },
          h('figcaption', {}, tt.areasIndexChart),
          h(
            'div',
            { 'aria-hidden': 'true' },
            charts.meanIndexChart(result.areas, { lang: state.lang, width }),
          ),
        ),
        classTable(result, classes, state.lang, tt),
        keyTable(result, state.lang, tt),
      );
    } catch (error) {
      if (mine !== token) return;
      replaceChildren(results, errorLine(error, state.lang));
    }
  }

  function update(state: ViewState, previous: ViewState | null): void {
    if (state.areas.length === 0 && state.area) {
      store.update({ areas: [state.area] }, 'replace');
      return;
    }
    renderControls(state);
    if (
      !previous ||
      previous.areas.join() !== state.areas.join() ||
      previous.period !== state.period ||
      previous.lang !== state.lang
    )
      void load(state);
  }

  update(store.state, null);
  return { element, update, destroy() {} };
}
