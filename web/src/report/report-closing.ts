/**
 * The closing sections of the area report: the buurten whose veerkracht class changed since the
 * previous comparable period, the buurt table (per buurt the value or class on each map), the
 * method in brief with the settings the maps were made with, and the sources with their editions.
 */
import { h } from '../dom/element.js';
import { formatCount, formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { editionLabel } from '../i18n/terms.js';
import { changedBuurten, transitionText } from '../map/class-changes.js';
import { formatFeatureValue, mapTitle } from '../map/feature-value.js';
import type { ReportMessages } from './report-messages.js';
import { deepLink, whenOf, type ReportData, type ReportMap } from './report-sections.js';

function changeTable(m: ReportMap, lang: Lang, tm: ReportMessages): HTMLElement {
  const changed = changedBuurten(m.previous!.changes);
  const now = whenOf(m);
  return h(
    'div',
    { class: 'report-changes-map' },
    h('h3', {}, `${mapTitle(m.response!.meta, lang)}`),
    h('p', {}, tm.changesIntro(m.previous!.period.replace('-', '–'), now)),
    changed.length === 0
      ? h('p', {}, tm.changesNone)
      : h(
          'table',
          { class: 'report-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [tm.changeBuurt, tm.changeFromTo, tm.changeDirection].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            changed.map((c) =>
              h(
                'tr',
                { 'data-direction': c.direction },
                h('th', { scope: 'row' }, c.name),
                h('td', {}, transitionText(c, lang)),
                h('td', {}, c.direction === 'worse' ? tm.worse : tm.better),
              ),
            ),
          ),
        ),
  );
}

export function renderChanges(data: ReportData, tm: ReportMessages): HTMLElement {
  const veerkracht = data.maps.filter((m) => m.def.kind === 'classification' && m.response);
  return h(
    'section',
    { class: 'report-page report-changes', 'data-testid': 'report-changes' },
    h('h2', {}, tm.changesHeading),
    veerkracht.map((m) =>
      m.previous
        ? changeTable(m, data.lang, tm)
        : h(
            'div',
            {},
            h('h3', {}, mapTitle(m.response!.meta, data.lang)),
            h('p', {}, tm.changesNoPrevious(Number(m.response!.meta.period?.slice(0, 4)), whenOf(m))),
          ),
    ),
  );
}

export function renderBuurtTable(data: ReportData, tm: ReportMessages): HTMLElement {
  const lang = data.lang;
  const shown = data.maps.filter((m) => m.response);
  const byMap = shown.map((m) => new Map(m.response!.features.map((f) => [f.properties.code, f])));
  const buurten = new Map<string, { name: string; gemeente: string }>();
  for (const m of shown)
    for (const f of m.response!.features)
      if (!buurten.has(f.properties.code))
        buurten.set(f.properties.code, { name: f.properties.name, gemeente: f.properties.gemeente });
  const rows = [...buurten].sort(
    (a, b) => a[1].name.localeCompare(b[1].name, 'nl') || a[0].localeCompare(b[0]),
  );
  // the gemeente column where the buurten lie in several (a region, a gemeente formed later)
  const severalGemeenten = new Set(rows.map(([, b]) => b.gemeente)).size > 1;
  return h(
    'section',
    { class: 'report-page report-buurten', 'data-testid': 'report-table' },
    h('h2', {}, tm.tableHeading),
    h('p', {}, tm.tableIntro),
    h(
      'table',
      { class: 'report-table report-buurt-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, tm.tableBuurt),
          severalGemeenten ? h('th', { scope: 'col' }, tm.tableGemeente) : null,
          shown.map((m) =>
            h(
              'th',
              { scope: 'col' },
              mapTitle(m.response!.meta, lang),
              h('br'),
              h('span', { class: 'report-when' }, whenOf(m)),
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map(([code, b]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, b.name, h('span', { class: 'report-code' }, ` ${code}`)),
            severalGemeenten ? h('td', {}, data.gemeenteName(b.gemeente)) : null,
            shown.map((m, i) => {
              const f = byMap[i]!.get(code);
              return h(
                'td',
                {},
                f ? formatFeatureValue(f.properties, m.response!.meta, m.response!.legend, lang) : '–',
              );
            }),
          ),
        ),
      ),
    ),
  );
}

export function renderMethod(data: ReportData, tm: ReportMessages): HTMLElement {
  const config = data.maps.find((m) => m.response?.meta.config)?.response?.meta.config;
  const lang = data.lang;
  return h(
    'section',
    { class: 'report-page report-method', 'data-testid': 'report-method' },
    h('h2', {}, tm.methodHeading),
    tm.method.map((p) => h('p', {}, p)),
    config
      ? h(
          'p',
          {},
          tm.thresholds(
            formatNumber(config.thresholds.concentration, lang),
            formatNumber(config.thresholds.nuisance, lang),
            formatCount(config.minPopulation, lang),
          ),
          ' ',
          h('code', {}, config.hash),
        )
      : null,
    h('p', {}, tm.methodMore, ' ', deepLink('/docs/method')),
    renderSources(data, tm),
  );
}

function renderSources(data: ReportData, tm: ReportMessages): HTMLElement {
  const lang = data.lang;
  const byEdition = new Map<string, { indicators: Set<string>; years: Set<number> }>();
  for (const m of data.maps)
    for (const s of m.response?.meta.sources ?? []) {
      const label = editionLabel(s.edition) ?? s.edition;
      const key = s.table && !label.includes(s.table) ? `${label} (${s.table})` : label;
      const entry = byEdition.get(key) ?? { indicators: new Set(), years: new Set() };
      entry.indicators.add(data.terms.label(s.indicator, lang));
      s.years.forEach((y) => entry.years.add(y));
      byEdition.set(key, entry);
    }
  return h(
    'div',
    { class: 'report-sources', 'data-testid': 'report-sources' },
    h('h2', {}, tm.sourcesHeading),
    h('p', {}, tm.sourcesIntro),
    h(
      'ul',
      {},
      h('li', {}, tm.boundaries),
      [...byEdition]
        .sort((a, b) => a[0].localeCompare(b[0], 'nl'))
        .map(([edition, e]) =>
          h(
            'li',
            {},
            h('strong', {}, edition),
            e.years.size > 0 ? ` (${[...e.years].sort().join(', ')})` : '',
            ': ',
            [...e.indicators].join(', '),
          ),
        ),
    ),
  );
}
