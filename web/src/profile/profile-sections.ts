/**
 * The parts of a buurt profile: the class for the shown period and the previous one, the full
 * table of every period (behind a disclosure), and one foldable section per indicator with its
 * latest value, a time-series chart and the table of its values (the accessible form of the
 * chart). Measures and index components are named by their titles, never by their ids.
 */
import type { BuurtClassification, BuurtIndicator, BuurtResponse } from '../../../src/api/schemas.js';
import { h } from '../dom/element.js';
import { formatNumber, pick, unitLabel, withUnit } from '../i18n/format.js';
import type { Lang, Messages } from '../i18n/messages.js';
import type { Terms } from '../i18n/terms.js';

function yearsUsedText(c: BuurtClassification, lang: Lang, terms: Terms): string {
  return Object.entries(c.yearsUsed)
    .map(([id, years]) => `${terms.label(id, lang)}: ${years.join('–')}`)
    .join('; ');
}

function classRow(c: BuurtClassification, lang: Lang, rowLabel: string | null): HTMLElement {
  return h(
    'tr',
    { 'data-period': c.period },
    h(
      'th',
      { scope: 'row' },
      c.period.replace('-', '–'),
      rowLabel ? h('span', { class: 'row-note' }, ` (${rowLabel})`) : null,
    ),
    h('td', { 'data-class-id': c.absolute.classId }, pick(lang, c.absolute.label, c.absolute.labelEn)),
    h('td', { 'data-class-id': c.relative.classId }, pick(lang, c.relative.label, c.relative.labelEn)),
  );
}

/** The class in the shown period and in the previous one (when the buurt has them). */
export function shortClassTable(
  buurt: BuurtResponse,
  period: string | null,
  previous: string | null,
  lang: Lang,
  t: Messages,
  terms: Terms,
): HTMLElement {
  const shown = buurt.classifications.find((c) => c.period === period);
  const before = buurt.classifications.find((c) => c.period === previous);
  if (!shown && !before) return h('p', { 'data-testid': 'profile-classes-short' }, t.profileNoClasses);
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'data-table compact', 'data-testid': 'profile-classes-short' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t.profilePeriod, t.profileAbsolute, t.profileRelative].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        shown ? classRow(shown, lang, t.profileShownPeriod) : null,
        before ? classRow(before, lang, t.profilePreviousPeriod) : null,
      ),
    ),
    shown?.measureUsed
      ? h(
          'p',
          { class: 'muted small', 'data-testid': 'profile-measure' },
          `${t.profileMeasure}: ${terms.label(shown.measureUsed, lang)}. ${t.profileYearsUsed}: ${yearsUsedText(shown, lang, terms)}.`,
        )
      : null,
  );
}

/** A period in which the buurt has a class (absolute or relative), not only "insufficient data". */
function hasClass(c: BuurtClassification): boolean {
  const none = new Set(['onvoldoende-gegevens', 'te-weinig-inwoners', 'no-comparison']);
  return !none.has(c.absolute.classId) || !none.has(c.relative.classId);
}

/** Every period in which the buurt has a class, with measure and years, behind a disclosure. */
export function allPeriodsDisclosure(
  buurt: BuurtResponse,
  lang: Lang,
  t: Messages,
  terms: Terms,
): HTMLElement | null {
  const periods = buurt.classifications.filter(hasClass);
  if (periods.length === 0) return null;
  const without = buurt.classifications.length - periods.length;
  return h(
    'details',
    { class: 'all-periods', 'data-testid': 'profile-all-periods' },
    h('summary', {}, t.profileAllPeriods(periods.length)),
    without > 0 ? h('p', { class: 'muted small' }, t.profilePeriodsWithoutClass(without)) : null,
    h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t.profileClasses },
      h(
        'table',
        { class: 'data-table compact', 'data-testid': 'profile-classes' },
        h('caption', { class: 'visually-hidden' }, t.profileClasses),
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
          periods.map((c) =>
            h(
              'tr',
              { 'data-period': c.period },
              h('th', { scope: 'row' }, c.period.replace('-', '–')),
              h(
                'td',
                { 'data-class-id': c.absolute.classId },
                pick(lang, c.absolute.label, c.absolute.labelEn),
              ),
              h(
                'td',
                { 'data-class-id': c.relative.classId },
                pick(lang, c.relative.label, c.relative.labelEn),
              ),
              h('td', {}, c.measureUsed ? terms.label(c.measureUsed, lang) : '–'),
              h('td', {}, yearsUsedText(c, lang, terms)),
            ),
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

/** Why an indicator has no value at all: the kind of the newest point, else "geen waarde". */
function missingText(indicator: BuurtIndicator, lang: Lang, t: Messages, terms: Terms): string {
  const newest = [...indicator.series].sort((a, b) => b.year - a.year)[0];
  return newest?.missing ? terms.missing(newest.missing, lang) : t.valueMissing;
}

export interface IndicatorSection {
  indicator: BuurtIndicator;
  section: HTMLDetailsElement;
  chartSlot: HTMLElement;
}

/** One indicator: title and latest value as the summary; chart and values inside. */
export function indicatorSection(
  indicator: BuurtIndicator,
  lang: Lang,
  t: Messages,
  terms: Terms,
): IndicatorSection {
  const title = pick(lang, indicator.titleNl, indicator.titleEn);
  const chartSlot = h('div', { class: 'chart-slot', 'aria-hidden': 'true' });
  const points = [...indicator.series].sort((a, b) => a.year - b.year);
  const latest = latestKnown(indicator);
  const section = h(
    'details',
    { class: 'indicator', 'data-indicator': indicator.id },
    h(
      'summary',
      {},
      h('span', { class: 'indicator-title' }, title),
      h(
        'span',
        { class: 'indicator-latest' },
        latest
          ? `${withUnit(formatNumber(latest.value, lang), indicator.unit, lang)} (${latest.year})`
          : missingText(indicator, lang, t, terms),
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
                { 'data-year': String(p.year) },
                h('span', { class: 'value' }, formatNumber(p.value, lang)),
                p.value === null && p.missing
                  ? h('span', { class: 'missing-kind' }, ` ${terms.missing(p.missing, lang)}`)
                  : null,
                p.flags.length > 0
                  ? h('span', { class: 'flag' }, ` (${p.flags.map((f) => terms.flag(f, lang)).join(', ')})`)
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return { indicator, section, chartSlot };
}

export async function drawChart(
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
export function makeScrollersFocusable(root: HTMLElement, t: Messages): void {
  for (const scroller of root.querySelectorAll<HTMLElement>('.series-scroll')) {
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      const title = scroller.closest('details')?.querySelector('.indicator-title')?.textContent ?? '';
      scroller.tabIndex = 0;
      scroller.setAttribute('role', 'region');
      scroller.setAttribute('aria-label', t.chartLabel(title));
    }
  }
}
