/**
 * The results of a scenario run side by side: the assumptions with their sources, the area's
 * totals (start → end per scenario), the concentration per year, a map per scenario coloured by
 * projected class, and the table per buurt. Missing values read "geen gegevens", never 0.
 */
import type { RunScenariosResponse } from '../../../src/api/scenarios.js';
import type { MapFeature } from '../../../src/api/schemas.js';
import { h } from '../dom/element.js';
import { formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { gemeentenTable, inputsTable, perYearTable, totalsTable } from './scenario-area-tables.js';
import { count, pct } from './scenario-format.js';
import { scenarioMap } from './scenario-map.js';
import { CLASS_COLOURS, type ScenarioMessages } from './scenario-messages.js';

const DEFAULT_KEYS = [
  'concentration',
  'corpShare',
  'dwellings',
  'turnover',
  'lettingShare',
  'lettingShift',
  'moveOutRatio',
  'targetRatio',
  'salesRate',
  'demolitionRate',
  'spreadThreshold',
  'years',
] as const;

function defaultValue(key: string, value: number | null, lang: Lang, t: ScenarioMessages): string {
  if (value === null) return key === 'lettingShare' ? '–' : t.noValue;
  if (key === 'dwellings') return count(value, lang);
  if (key === 'years' || key === 'moveOutRatio' || key === 'targetRatio') return formatNumber(value, lang);
  return pct(value, lang, t);
}

export function defaultsPanel(res: RunScenariosResponse, lang: Lang, t: ScenarioMessages): HTMLElement {
  const label: Record<string, string> = {
    concentration: t.rowConcentration,
    corpShare: t.rowCorpShare,
    dwellings: t.rowDwellings,
    turnover: t.turnover,
    lettingShare: t.lettingShare,
    lettingShift: t.lettingShift,
    moveOutRatio: t.moveOutRatio,
    targetRatio: t.targetRatio,
    salesRate: t.salesRate,
    demolitionRate: t.demolitionRate,
    spreadThreshold: t.spreadThreshold,
    years: t.years,
  };
  const missing = res.excluded.map(
    (e) => `${e.name} (${e.missing.map((m) => t.missing[m] ?? m).join(', ')})`,
  );
  return h(
    'section',
    { class: 'sc-defaults', 'data-testid': 'scenario-defaults' },
    h('h2', {}, t.defaultsHeading),
    h(
      'dl',
      {},
      DEFAULT_KEYS.filter((k) => res.defaults[k]).flatMap((k) => {
        const d = res.defaults[k]!;
        return [
          h('dt', {}, label[k] ?? k, ': ', h('strong', {}, defaultValue(k, d.value, lang, t))),
          h(
            'dd',
            {},
            h('span', { class: `sc-kind sc-kind-${d.kind}` }, t.kind[d.kind] ?? d.kind),
            ' ',
            lang === 'en' ? d.en : d.nl,
          ),
        ];
      }),
    ),
    h(
      'p',
      { class: 'sc-sources' },
      `${t.startHeading}: `,
      res.startSources.map((s) => `${s.indicator} ${s.year} (${s.buurten})`).join('; '),
      ` — ${t.division(res.divisionYear)}`,
    ),
    res.excluded.length > 0
      ? h('details', {}, h('summary', {}, t.excluded(res.excluded.length)), h('p', {}, missing.join('; ')))
      : null,
  );
}

function mapsRow(
  res: RunScenariosResponse,
  features: readonly MapFeature[],
  lang: Lang,
  t: ScenarioMessages,
): HTMLElement {
  const label = (id: string) => {
    const c = res.classes.find((x) => x.id === id);
    return c ? (lang === 'en' ? c.en : c.nl) : id;
  };
  return h(
    'section',
    { class: 'sc-maps' },
    h('h2', {}, t.mapsHeading),
    h(
      'div',
      { class: 'sc-map-grid' },
      res.scenarios.map((s, i) => {
        const figure = h('figure', { class: 'sc-map-figure', 'data-testid': `scenario-map-${i}` });
        figure.append(
          scenarioMap(features, s.buurten, `${t.mapsHeading}: ${s.spec.name}`, (b, f) =>
            b
              ? `${b.name}: ${pct(b.start.concentration, lang, t)} → ${pct(b.end.concentration, lang, t)} (${label(b.projectedClass)})`
              : `${f.properties.name}: ${t.notInRun}`,
          ),
          h('figcaption', {}, h('strong', {}, s.spec.name)),
        );
        return figure;
      }),
    ),
    h(
      'ul',
      { class: 'sc-legend', 'data-testid': 'scenario-legend' },
      res.classes.map((c) =>
        h(
          'li',
          {},
          h('span', { class: 'sc-swatch', style: `background:${CLASS_COLOURS[c.id] ?? '#ccc'}` }),
          ` ${lang === 'en' ? c.en : c.nl}: `,
          res.scenarios.map((s) => `${s.spec.name} ${s.classCounts[c.id]}`).join(', '),
        ),
      ),
      h('li', {}, h('span', { class: 'sc-swatch sc-swatch-hatch' }), ` ${t.notInRun}`),
    ),
  );
}

function buurtTable(res: RunScenariosResponse, lang: Lang, t: ScenarioMessages): HTMLElement {
  const first = res.scenarios[0]!;
  const label = (id: string) => {
    const c = res.classes.find((x) => x.id === id);
    return c ? (lang === 'en' ? c.en : c.nl).replace(/ \(.*\)$/, '') : id;
  };
  return h(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t.buurtenHeading },
    h(
      'table',
      { class: 'data-table compact sc-buurten', 'data-testid': 'scenario-buurten' },
      h('caption', {}, t.buurtenHeading),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t.colBuurt),
          h('th', { scope: 'col' }, t.colStart),
          res.scenarios.map((s) => h('th', { scope: 'col', colspan: 3 }, s.spec.name)),
        ),
        h(
          'tr',
          {},
          h('th', {}, ''),
          h('th', {}, ''),
          res.scenarios.flatMap(() => [
            h('th', { scope: 'col' }, t.colEnd),
            h('th', { scope: 'col' }, t.colChange),
            h('th', { scope: 'col' }, t.colClass),
          ]),
        ),
      ),
      h(
        'tbody',
        {},
        first.buurten.map((b, i) =>
          h(
            'tr',
            { 'data-code': b.code },
            h('th', { scope: 'row' }, b.name),
            h('td', { class: 'num' }, pct(b.start.concentration, lang, t)),
            res.scenarios.flatMap((s) => {
              const x = s.buurten[i]!;
              return [
                h('td', { class: 'num' }, pct(x.end.concentration, lang, t)),
                h('td', { class: 'num' }, formatNumber(x.changePoints, lang, { signed: true })),
                h(
                  'td',
                  { 'data-class': x.projectedClass },
                  h('span', {
                    class: 'sc-swatch',
                    style: `background:${CLASS_COLOURS[x.projectedClass] ?? '#ccc'}`,
                  }),
                  ' ',
                  label(x.projectedClass),
                ),
              ];
            }),
          ),
        ),
      ),
    ),
  );
}

export function resultsView(
  res: RunScenariosResponse,
  features: readonly MapFeature[],
  lang: Lang,
  t: ScenarioMessages,
): HTMLElement {
  return h(
    'div',
    { class: 'sc-results', 'data-testid': 'scenario-results' },
    res.demo ? h('p', { class: 'sc-demo' }, t.demo) : null,
    h('h2', { class: 'sc-area-title' }, res.area.name),
    h(
      'div',
      { class: 'sc-side' },
      totalsTable(res, lang, t),
      gemeentenTable(res, lang, t),
      perYearTable(res, lang, t),
      inputsTable(res, lang, t),
    ),
    mapsRow(res, features, lang, t),
    buurtTable(res, lang, t),
    defaultsPanel(res, lang, t),
  );
}
