/**
 * The buurt profile: the plain-language explanation, its veerkracht class per period (absolute
 * and relative, with the nuisance measure and years used), and every indicator with a
 * time-series chart and a table of its values (the table is the accessible form of the chart).
 */
import type { BuurtIndicator, BuurtResponse } from '../../../src/api/schemas.js';
import { api } from '../api-client.js';
import { announce, h, replaceChildren } from '../dom/element.js';
import { formatCount, formatNumber, pick, unitLabel, withUnit } from '../i18n/format.js';
import { messagesFor, type Lang, type Messages } from '../i18n/messages.js';
import { flagLabel } from '../table/flag-label.js';

export interface ProfilePanel {
  readonly element: HTMLElement;
  /**
   * Shows a buurt (null hides the panel); indicators in `expand` start opened (those behind the
   * current map); the explanation is about `period` (the map's period) when given.
   */
  show(
    code: string | null,
    lang: Lang,
    focus: boolean,
    expand?: readonly string[],
    period?: string | null,
  ): Promise<void>;
}

function classesTable(buurt: BuurtResponse, lang: Lang, t: Messages): HTMLElement {
  if (buurt.classifications.length === 0) return h('p', {}, t.profileNoClasses);
  return h(
    'table',
    { class: 'data-table compact', 'data-testid': 'profile-classes' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [t.profilePeriod, t.profileAbsolute, t.profileRelative, t.profileMeasure, t.profileYearsUsed].map(
          (c) => h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      buurt.classifications.map((c) =>
        h(
          'tr',
          { 'data-period': c.period },
          h('th', { scope: 'row' }, c.period.replace('-', '–')),
          h('td', { 'data-class-id': c.absolute.classId }, pick(lang, c.absolute.label, c.absolute.labelEn)),
          h('td', { 'data-class-id': c.relative.classId }, pick(lang, c.relative.label, c.relative.labelEn)),
          h('td', {}, c.measureUsed ?? '–'),
          h(
            'td',
            {},
            Object.entries(c.yearsUsed)
              .map(([k, years]) => `${k}: ${years.join('–')}`)
              .join('; '),
          ),
        ),
      ),
    ),
  );
}

function latestKnown(indicator: BuurtIndicator): { year: number; value: number } | undefined {
  const known = indicator.series.filter((p): p is typeof p & { value: number } => p.value !== null);
  return known.sort((a, b) => b.year - a.year)[0];
}

function indicatorSection(
  indicator: BuurtIndicator,
  lang: Lang,
  t: Messages,
  open: boolean,
): { section: HTMLElement; chartSlot: HTMLElement } {
  const title = pick(lang, indicator.titleNl, indicator.titleEn);
  const chartSlot = h('div', { class: 'chart-slot', 'aria-hidden': 'true' });
  const points = [...indicator.series].sort((a, b) => a.year - b.year);
  const latest = latestKnown(indicator);
  const section = h(
    'details',
    { class: 'indicator', 'data-indicator': indicator.id, open },
    h(
      'summary',
      {},
      h('span', { class: 'indicator-title' }, title),
      h(
        'span',
        { class: 'indicator-latest' },
        latest
          ? `${withUnit(formatNumber(latest.value, lang), indicator.unit, lang)} (${latest.year})`
          : t.valueMissing,
      ),
    ),
    chartSlot,
    h(
      'div',
      { class: 'series-scroll' },
      h(
        'table',
        { class: 'series-table' },
        h('caption', { class: 'visually-hidden' }, t.chartLabel(title)),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            points.map((p) => h('th', { scope: 'col' }, String(p.year))),
          ),
        ),
        h(
          'tbody',
          {},
          h(
            'tr',
            {},
            points.map((p) =>
              h(
                'td',
                {
                  'data-year': String(p.year),
                  title: `${p.edition}${p.table ? ` · ${p.table}` : ''} · ${p.column}${p.method ? ` · ${p.method}` : ''}`,
                },
                h('span', { class: 'value' }, formatNumber(p.value, lang)),
                p.flags.length > 0
                  ? h('span', { class: 'flag' }, ` (${p.flags.map((f) => flagLabel(f, t)).join(', ')})`)
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return { section, chartSlot };
}

async function drawChart(
  indicator: BuurtIndicator,
  slot: HTMLElement,
  lang: Lang,
  width: number,
): Promise<void> {
  if (slot.childElementCount > 0) return;
  const known = indicator.series.filter((p) => p.value !== null);
  if (known.length < 2) return;
  const { timeSeriesChart } = await import('../charts/time-series-chart.js');
  const points = [...indicator.series]
    .sort((a, b) => a.year - b.year)
    .map((p) => ({ year: p.year, value: p.value }));
  slot.replaceChildren(timeSeriesChart(points, { lang, unit: unitLabel(indicator.unit, lang), width }));
}

/** A series table wider than the panel scrolls; then it must be reachable by keyboard (WCAG 2.1.1). */
function makeScrollersFocusable(root: HTMLElement, t: Messages): void {
  for (const scroller of root.querySelectorAll<HTMLElement>('.series-scroll')) {
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      const title = scroller.closest('section')?.querySelector('h4')?.textContent ?? '';
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'region');
      scroller.setAttribute('aria-label', t.chartLabel(title));
    }
  }
}

export function createProfilePanel(onClose: () => void): ProfilePanel {
  const element = h('aside', { class: 'profile', 'data-testid': 'profile', hidden: true });
  // Escape closes the profile from anywhere inside it.
  element.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  });
  let token = 0;

  return {
    element,
    async show(code, lang, focus, expand = [], period = null) {
      const t = messagesFor(lang);
      const mine = ++token;
      if (!code) {
        element.hidden = true;
        replaceChildren(element);
        return;
      }
      element.hidden = false;
      element.setAttribute('aria-busy', 'true');
      replaceChildren(element, h('p', {}, t.loading));
      let buurt: BuurtResponse;
      try {
        buurt = await api.buurt(code, period);
      } catch (error) {
        if (mine !== token) return;
        element.removeAttribute('aria-busy');
        replaceChildren(
          element,
          h('p', { class: 'error', role: 'alert' }, `${t.errorTitle}: ${(error as Error).message}`),
        );
        return;
      }
      if (mine !== token) return;
      const headingId = `profile-heading-${buurt.code}`;
      element.setAttribute('aria-labelledby', headingId);
      const sections = buurt.indicators.map((i) => ({
        indicator: i,
        ...indicatorSection(i, lang, t, expand.includes(i.id)),
      }));
      const heading = h('h2', { id: headingId, tabindex: '-1', 'data-code': buurt.code }, buurt.name);
      replaceChildren(
        element,
        h(
          'div',
          { class: 'profile-header' },
          heading,
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'aria-label': t.profileClose,
              'data-testid': 'profile-close',
              onclick: onClose,
            },
            '×',
          ),
        ),
        h(
          'p',
          { class: 'muted' },
          `${buurt.gemeenteName} · ${buurt.code}`,
          buurt.inhabitants !== undefined && buurt.inhabitants !== null
            ? ` · ${t.profileInhabitants}: ${formatCount(buurt.inhabitants, lang)}`
            : '',
        ),
        h(
          'section',
          { class: 'explanation', 'data-testid': 'profile-explanation' },
          h('h3', {}, t.profileExplanation),
          h('p', {}, pick(lang, buurt.explanation.nl, buurt.explanation.en)),
        ),
        h('section', {}, h('h3', {}, t.profileClasses), classesTable(buurt, lang, t)),
        h(
          'section',
          { class: 'indicators' },
          h('h3', {}, t.profileIndicators),
          sections.map((s) => s.section),
        ),
      );
      element.removeAttribute('aria-busy');
      makeScrollersFocusable(element, t);
      if (focus) heading.focus();
      announce(t.selectedAnnounce(buurt.name));
      const width = Math.max(220, Math.min(420, element.clientWidth - 40));
      for (const s of sections) {
        s.section.addEventListener('toggle', () => {
          if ((s.section as HTMLDetailsElement).open)
            void drawChart(s.indicator, s.chartSlot, lang, width).then(() =>
              makeScrollersFocusable(s.section, t),
            );
        });
      }
      await Promise.all(
        sections
          .filter((s) => (s.section as HTMLDetailsElement).open)
          .map((s) => drawChart(s.indicator, s.chartSlot, lang, width)),
      );
    },
  };
}
