/**
 * The area's tables of a scenario comparison: totals (start → end per scenario), the
 * concentration per year, per gemeente for a region, and what each scenario assumed.
 */
import type { ApiTotalRow, RunScenariosResponse } from '../../../src/api/scenarios.js';
import { h } from '../dom/element.js';
import { formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { count, pct } from './scenario-format.js';
import type { ScenarioMessages } from './scenario-messages.js';

export function totalsTable(res: RunScenariosResponse, lang: Lang, t: ScenarioMessages): HTMLElement {
  const rows: [string, (r: ApiTotalRow) => string][] = [
    [t.rowConcentration, (r) => pct(r.concentration, lang, t)],
    [t.rowCorpConcentration, (r) => pct(r.corpConcentration, lang, t)],
    [t.rowCorpShare, (r) => pct(r.corpShare, lang, t)],
    [t.rowDwellings, (r) => count(r.dwellings, lang)],
  ];
  return h(
    'table',
    { class: 'data-table sc-totals', 'data-testid': 'scenario-totals' },
    h('caption', {}, t.totalsHeading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        res.scenarios.map((s) => h('th', { scope: 'col' }, s.spec.name)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([label, f]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          res.scenarios.map((s) => h('td', { class: 'num' }, `${f(s.total[0]!)} → ${f(s.total.at(-1)!)}`)),
        ),
      ),
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, t.rowTargetLettings),
        res.scenarios.map((s) =>
          h(
            'td',
            { class: 'num' },
            count(
              s.total.reduce((a, r) => a + r.targetLettings, 0),
              lang,
            ),
          ),
        ),
      ),
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, t.rowUnplaced),
        res.scenarios.map((s) =>
          h(
            'td',
            { class: 'num' },
            count(
              s.total.reduce((a, r) => a + r.unplaced, 0),
              lang,
            ),
          ),
        ),
      ),
    ),
  );
}

export function perYearTable(res: RunScenariosResponse, lang: Lang, t: ScenarioMessages): HTMLElement {
  const years = Math.max(...res.scenarios.map((s) => s.total.length));
  return h(
    'table',
    { class: 'data-table compact sc-years', 'data-testid': 'scenario-years' },
    h('caption', {}, t.perYearHeading),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.colYear),
        res.scenarios.map((s) => h('th', { scope: 'col' }, s.spec.name)),
      ),
    ),
    h(
      'tbody',
      {},
      Array.from({ length: years }, (_, y) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, String(y)),
          res.scenarios.map((s) =>
            h('td', { class: 'num' }, s.total[y] ? pct(s.total[y]!.concentration, lang, t) : ''),
          ),
        ),
      ),
    ),
  );
}

/** Per gemeente (a region): the concentration at the start and the end of each scenario. */
export function gemeentenTable(
  res: RunScenariosResponse,
  lang: Lang,
  t: ScenarioMessages,
): HTMLElement | null {
  const first = res.scenarios[0]!;
  if (first.gemeenten.length < 2) return null;
  return h(
    'table',
    { class: 'data-table compact sc-gemeenten', 'data-testid': 'scenario-gemeenten' },
    h('caption', {}, `${t.rowConcentration} (${t.perGemeente})`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.gemeente),
        res.scenarios.map((s) => h('th', { scope: 'col' }, s.spec.name)),
      ),
    ),
    h(
      'tbody',
      {},
      first.gemeenten.map((g, i) =>
        h(
          'tr',
          { 'data-gemeente': g.gemeente },
          h('th', { scope: 'row' }, g.name),
          res.scenarios.map((s) => {
            const rows = s.gemeenten[i]!.years;
            return h(
              'td',
              { class: 'num' },
              `${pct(rows[0]!.concentration, lang, t)} → ${pct(rows.at(-1)!.concentration, lang, t)}`,
            );
          }),
        ),
      ),
    ),
  );
}

/** What each scenario assumed (printed with the results, so a PDF says what it shows). */
export function inputsTable(res: RunScenariosResponse, lang: Lang, t: ScenarioMessages): HTMLElement {
  const p = (x: number) => pct(x, lang, t);
  const rows: [string, (s: RunScenariosResponse['scenarios'][number]['spec']) => string][] = [
    [t.years, (s) => String(s.years)],
    [t.turnover, (s) => p(s.turnover)],
    [t.lettingShare, (s) => (s.lettingShare === null ? '–' : p(s.lettingShare))],
    [t.lettingShift, (s) => p(s.lettingShift)],
    [t.moveOutRatio, (s) => formatNumber(s.moveOutRatio, lang)],
    [t.targetRatio, (s) => formatNumber(s.targetRatio, lang)],
    [t.salesRate, (s) => p(s.salesRate)],
    [t.demolitionRate, (s) => p(s.demolitionRate)],
    [t.spread, (s) => (s.spread ? `≥ ${p(s.spread.threshold)}: ${p(s.spread.reduction)}` : '–')],
    [
      t.addSocial,
      (s) => (s.addSocial ? `< ${p(s.addSocial.maxCorpShare)}: ${p(s.addSocial.ratePerYear)}` : '–'),
    ],
    [
      t.addMiddle,
      (s) =>
        s.addMiddle
          ? `≥ ${p(s.addMiddle.minCorpShare)}: ${p(s.addMiddle.ratePerYear)}, ${p(s.addMiddle.targetShare)}`
          : '–',
    ],
  ];
  return h(
    'table',
    { class: 'data-table compact sc-inputs', 'data-testid': 'scenario-inputs' },
    h('caption', {}, t.scenario),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, ''),
        res.scenarios.map((s) => h('th', { scope: 'col' }, s.spec.name)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([label, f]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          res.scenarios.map((s) => h('td', {}, f(s.spec))),
        ),
      ),
    ),
  );
}
