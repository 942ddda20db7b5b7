/**
 * The frame around every page: skip link, header with navigation and language switch, the demo
 * label when the server holds fictitious data, the main region the views render into, a footer
 * naming the sources the server has loaded, and a live region for announcements.
 */
import type { AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { messagesFor } from '../i18n/messages.js';
import type { ViewName, ViewState } from '../state/view-state.js';
import { warningMessages } from '../early-warning/warning-messages.js';
import { loadedSourcesLine } from './loaded-sources.js';

export interface AppShell {
  main: HTMLElement;
  render(state: ViewState): void;
}

export function isDemo(ctx: AppContext): boolean {
  return ctx.data.gemeenten.demo;
}

export function createAppShell(root: HTMLElement, ctx: AppContext): AppShell {
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', tabindex: '-1', class: 'site-main' });
  const footer = h('footer', { class: 'site-footer' });
  const live = h('div', {
    id: 'live-status',
    class: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
  });
  const skip = h('a', { class: 'skip-link', href: '#main' });
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  replaceChildren(root, skip, header, main, footer, live);

  function navLink(view: ViewName, label: string, state: ViewState): HTMLElement {
    const enabled = view === 'start' || state.area !== null || view === 'areas';
    const current = state.view === view;
    const button = h(
      'button',
      {
        type: 'button',
        class: 'nav-link',
        'aria-current': current ? 'page' : null,
        disabled: !enabled,
        'data-view': view,
        onclick: () =>
          ctx.store.update({
            view,
            ...(view === 'areas' && state.areas.length === 0 && state.area ? { areas: [state.area] } : {}),
          }),
      },
      label,
    );
    return h('li', {}, button);
  }

  return {
    main,
    render(state: ViewState): void {
      const t = messagesFor(state.lang);
      document.documentElement.lang = state.lang;
      skip.textContent = t.skipToContent;
      const demo = isDemo(ctx)
        ? h(
            'p',
            { class: 'demo-badge', role: 'note', title: t.demoExplanation, 'data-testid': 'demo-badge' },
            t.demoBadge,
          )
        : null;
      replaceChildren(
        header,
        h(
          'div',
          { class: 'brand' },
          h(
            'a',
            {
              href: state.lang === 'en' ? '/?lang=en' : '/',
              class: 'brand-link',
              onclick: (e: Event) => {
                e.preventDefault();
                ctx.store.update({ view: 'start' });
              },
            },
            h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
            t.appTitle,
          ),
          demo,
        ),
        h(
          'nav',
          { 'aria-label': state.lang === 'en' ? 'Main' : 'Hoofdmenu' },
          h(
            'ul',
            { class: 'nav-list' },
            navLink('start', t.navStart, state),
            navLink('map', t.navMap, state),
            navLink('compare', t.navCompare, state),
            navLink('areas', t.navAreas, state),
            navLink('warnings', warningMessages(state.lang).nav, state),
            // the scenario planner is a page of its own (web/src/scenario)
            h(
              'li',
              {},
              h(
                'a',
                {
                  class: 'nav-link',
                  'data-view': 'scenario',
                  href: `/scenario${state.area ? `?area=${encodeURIComponent(state.area)}` : ''}${state.lang === 'en' ? `${state.area ? '&' : '?'}lang=en` : ''}`,
                },
                state.lang === 'en' ? 'Scenarios' : 'Scenario’s',
              ),
            ),
          ),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'lang-switch',
            lang: state.lang === 'nl' ? 'en' : 'nl',
            'aria-label': t.languageSwitchLabel,
            'data-testid': 'lang-switch',
            onclick: () => ctx.store.update({ lang: state.lang === 'nl' ? 'en' : 'nl' }, 'replace'),
          },
          t.languageSwitch,
        ),
      );
      replaceChildren(
        footer,
        // what the server has loaded (the demo set named as such), never a fixed list of sources
        h('p', { 'data-testid': 'footer-sources' }, loadedSourcesLine(ctx.data.gemeenten, state.lang)),
        // the documents of docs/, rendered by the server (src/server/docs-pages.ts)
        h(
          'p',
          { class: 'footer-docs' },
          h('a', { href: '/docs/method' }, t.docsMethod),
          ' · ',
          h('a', { href: '/docs/data-sources' }, t.docsSources),
          ' · ',
          h('a', { href: '/docs/errors' }, t.docsErrors),
        ),
        demo ? h('p', { class: 'demo-note' }, t.demoExplanation) : null,
      );
    },
  };
}
