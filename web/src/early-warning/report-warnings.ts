/**
 * The early warning as a page of the gemeente or region report (`?view=report`, its PDF): the
 * ranked buurten that need attention with each reason in words and numbers — the same answer as
 * the early-warning page (GET /api/early-warning), compact for print.
 */
import type { EarlyWarningResponse } from '../../../src/api/early-warning.js';
import { h } from '../dom/element.js';
import { formatCount, pick } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import { fetchEarlyWarning } from './warning-api.js';
import { warningMessages } from './warning-messages.js';

const span = (p: string) => p.replace('-', '–');

/** The early warning of `area` over `period`; null when it cannot be had (the report goes on without it). */
export function loadReportWarnings(
  area: string,
  period: string | null,
): Promise<EarlyWarningResponse | null> {
  return fetchEarlyWarning(area, period).catch(() => null);
}

/** The early-warning page's heading, as the report's contents list names it. */
export function reportWarningsHeading(lang: Lang): string {
  return warningMessages(lang).heading;
}

export function renderReportWarnings(body: EarlyWarningResponse, lang: Lang): HTMLElement {
  const w = warningMessages(lang);
  return h(
    'section',
    { class: 'report-page report-warnings', 'data-testid': 'report-warnings' },
    h('h2', {}, w.heading),
    h(
      'p',
      {},
      w.summary(
        body.warnings.length,
        body.buurten,
        body.area.name,
        span(body.period),
        span(body.previousPeriod),
      ),
    ),
    body.warnings.length === 0
      ? h('p', {}, w.none)
      : h(
          'ol',
          { class: 'warnings' },
          body.warnings.map((e) =>
            h(
              'li',
              { class: 'warning', 'data-code': e.code },
              h('strong', {}, e.name),
              ` (${e.gemeenteName}, ${e.code}${e.inhabitants !== null ? `, ${formatCount(e.inhabitants, lang)} ${lang === 'en' ? 'inhabitants' : 'inwoners'}` : ''})`,
              h(
                'ul',
                { class: 'reasons' },
                e.reasons.map((r) => h('li', { class: 'reason' }, pick(lang, r.textNl, r.textEn))),
              ),
            ),
          ),
        ),
  );
}
