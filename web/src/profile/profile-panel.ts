/**
 * The buurt profile, kept short: the plain-language explanation of the shown period, the class
 * in that period and in the previous one, then the indicators (those behind the map first, the
 * others behind a disclosure), and the full table of every period behind another disclosure.
 * On a phone it is a bottom sheet over the map that can be folded to its heading.
 */
import type { BuurtResponse } from '../../../src/api/schemas.js';
import { api, ApiError } from '../api-client.js';
import { announce, h, replaceChildren } from '../dom/element.js';
import { formatCount, pick } from '../i18n/format.js';
import { profileMembersSection } from '../notes/profile-notes.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import type { Terms } from '../i18n/terms.js';
import {
  allPeriodsDisclosure,
  drawChart,
  indicatorSection,
  makeScrollersFocusable,
  shortClassTable,
  type IndicatorSection,
} from './profile-sections.js';
import { similarSection } from './similar-section.js';
import { failedText } from '../i18n/error-text.js';

export interface ProfileRequest {
  code: string | null;
  lang: Lang;
  focus: boolean;
  terms: Terms;
  /** Indicators behind the current map: listed first. */
  mapIndicators?: readonly string[];
  /** The map's period: the explanation is about it. */
  period?: string | null;
  /** The period before it (the class then is shown too). */
  previousPeriod?: string | null;
}

export interface ProfilePanel {
  readonly element: HTMLElement;
  /** Shows a buurt (code null hides the panel). */
  show(request: ProfileRequest): Promise<void>;
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

  function sheetToggle(lang: Lang): HTMLElement {
    const t = messagesFor(lang);
    const button = h(
      'button',
      {
        type: 'button',
        class: 'sheet-toggle',
        'aria-expanded': 'true',
        'data-testid': 'profile-sheet-toggle',
        onclick: () => {
          const folded = element.dataset['sheet'] !== 'folded';
          element.dataset['sheet'] = folded ? 'folded' : 'open';
          button.setAttribute('aria-expanded', folded ? 'false' : 'true');
          button.textContent = folded ? t.profileSheetOpen : t.profileSheetFold;
        },
      },
      t.profileSheetFold,
    );
    return button;
  }

  return {
    element,
    async show(r) {
      const t = messagesFor(r.lang);
      const mine = ++token;
      if (!r.code) {
        element.hidden = true;
        replaceChildren(element);
        return;
      }
      element.hidden = false;
      element.dataset['sheet'] = 'open';
      // The period the explanation is about (tests and curious users read it here).
      if (r.period) element.dataset['period'] = r.period;
      else delete element.dataset['period'];
      element.setAttribute('aria-busy', 'true');
      replaceChildren(element, h('p', {}, t.loading));
      let buurt: BuurtResponse;
      try {
        buurt = await api.buurt(r.code, r.period);
      } catch (error) {
        if (mine !== token) return;
        element.removeAttribute('aria-busy');
        replaceChildren(
          element,
          h(
            'p',
            { class: 'error', role: 'alert' },
            error instanceof ApiError && error.code === 'AREA_NOT_FOUND'
              ? t.profileBuurtUnknown(r.code)
              : failedText(error, r.lang),
          ),
        );
        return;
      }
      if (mine !== token) return;
      const headingId = `profile-heading-${buurt.code}`;
      element.setAttribute('aria-labelledby', headingId);
      const wanted = new Set(r.mapIndicators ?? []);
      const sections: IndicatorSection[] = buurt.indicators.map((i) =>
        indicatorSection(i, r.lang, t, r.terms),
      );
      const mapSections = sections.filter((s) => wanted.has(s.indicator.id));
      const otherSections = sections.filter((s) => !wanted.has(s.indicator.id));
      const heading = h('h2', { id: headingId, tabindex: '-1', 'data-code': buurt.code }, buurt.name);
      replaceChildren(
        element,
        h(
          'div',
          { class: 'profile-header' },
          heading,
          h(
            'div',
            { class: 'profile-header-tools' },
            sheetToggle(r.lang),
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
        ),
        h(
          'div',
          { class: 'profile-body' },
          h(
            'p',
            { class: 'muted' },
            `${buurt.gemeenteName} · ${buurt.code}`,
            buurt.inhabitants !== undefined && buurt.inhabitants !== null
              ? ` · ${t.profileInhabitants}: ${formatCount(buurt.inhabitants, r.lang)}`
              : '',
          ),
          h(
            'section',
            { class: 'explanation', 'data-testid': 'profile-explanation' },
            h('h3', {}, t.profileExplanation),
            h('p', {}, pick(r.lang, buurt.explanation.nl, buurt.explanation.en)),
          ),
          h(
            'section',
            { class: 'profile-class' },
            h('h3', {}, t.profileClassHeading),
            shortClassTable(buurt, r.period ?? null, r.previousPeriod ?? null, r.lang, t, r.terms),
          ),
          h(
            'section',
            { class: 'indicators', 'data-testid': 'profile-indicators' },
            h('h3', {}, mapSections.length > 0 ? t.profileMapIndicators : t.profileIndicators),
            mapSections.map((s) => s.section),
            otherSections.length > 0
              ? mapSections.length > 0
                ? h(
                    'details',
                    { class: 'more-indicators', 'data-testid': 'profile-more-indicators' },
                    h('summary', {}, t.profileAllIndicators(otherSections.length)),
                    otherSections.map((s) => s.section),
                  )
                : otherSections.map((s) => s.section)
              : null,
          ),
          allPeriodsDisclosure(buurt, r.lang, t, r.terms),
          similarSection(buurt.code, r.lang),
          profileMembersSection(buurt, r.lang),
        ),
      );
      element.removeAttribute('aria-busy');
      if (r.focus) heading.focus({ preventScroll: false });
      announce(t.selectedAnnounce(buurt.name));
      const width = Math.max(220, Math.min(420, element.clientWidth - 40));
      for (const s of sections) {
        s.section.addEventListener('toggle', () => {
          if (s.section.open)
            void drawChart(s.indicator, s.chartSlot, r.lang, width).then(() =>
              makeScrollersFocusable(s.section, t),
            );
        });
      }
      // The map's own indicator opens with its chart.
      const first = mapSections[0];
      if (first) first.section.open = true;
      makeScrollersFocusable(element, t);
    },
  };
}
