/**
 * Start-up: read the view from the URL, load the data every page needs (gemeenten, regions,
 * map definitions), build the frame, and route state changes to the page views.
 */
import './csp-jitless.js'; // first: before any module builds a zod schema
import { api, setEditionPin } from './api-client.js';
import { isKnownArea, readConfig, type AppContext } from './app-context.js';
import { attachMembers, startMembers } from './auth/members-boot.js';
import { createCompareAreasView } from './compare/compare-areas-view.js';
import { createCompareMapsView } from './compare/compare-maps-view.js';
import { h, replaceChildren } from './dom/element.js';
import { attachEditionBanner } from './edition/edition-banner.js';
import { createEarlyWarningView } from './early-warning/early-warning-view.js';
import { preserveFocus } from './dom/focus.js';
import { messagesFor } from './i18n/messages.js';
import { createAppShell } from './layout/app-shell.js';
import type { View } from './layout/view.js';
import { preloadMapRenderer } from './map/map-canvas.js';
import { createMapView } from './map/map-view.js';
import { createReportView } from './report/report-view.js';
import { createStartView } from './start/start-view.js';
import { StateStore } from './state/state-store.js';
import { formatViewState, parseViewState } from './state/url-state.js';
import type { ViewName, ViewState } from './state/view-state.js';
import './styles/app.css';

function createView(ctx: AppContext, name: ViewName): View {
  switch (name) {
    case 'start':
      return createStartView(ctx);
    case 'map':
      return createMapView(ctx);
    case 'compare':
      return createCompareMapsView(ctx);
    case 'areas':
      return createCompareAreasView(ctx);
    case 'report':
      return createReportView(ctx);
    case 'warnings':
      return createEarlyWarningView(ctx);
    default: {
      const never: never = name;
      throw new Error(`unknown view ${String(never)}`);
    }
  }
}

async function boot(root: HTMLElement): Promise<void> {
  // who asks, and the members' own pages (login, share links, organisation): web/src/auth
  const members = await startMembers(root);
  if (members.kind === 'page') return;
  let initial = parseViewState(window.location.search);
  // a deep link's data edition: every data request of the page asks for it (web/src/edition)
  setEditionPin(initial.edition);
  if (initial.view !== 'start') preloadMapRenderer();
  // The map page needs its area's definitions before its map: ask for them with the rest, as
  // soon as the gemeenten and regions tell the area is known (an unknown one has none: a 404)
  const preloadArea = initial.area;
  if (preloadArea && (initial.view === 'map' || initial.view === 'compare'))
    void Promise.all([api.gemeenten(), api.regions()])
      .then(([gemeenten, regions]) =>
        isKnownArea({ gemeenten, regions }, preloadArea) ? api.definitions(preloadArea) : undefined,
      )
      .catch(() => undefined);
  const t = messagesFor(initial.lang);
  replaceChildren(root, h('p', { class: 'boot-status', role: 'status' }, t.loading));
  let data: AppContext['data'];
  let editions: Awaited<ReturnType<typeof api.editions>> = { current: null, editions: [] };
  try {
    const [gemeenten, regions, definitions, recorded] = await Promise.all([
      api.gemeenten(),
      api.regions(),
      api.definitions(),
      api.editions().catch(() => editions),
    ]);
    editions = recorded;
    data = { gemeenten, regions, definitions };
    performance.mark('vk:app-data');
  } catch (error) {
    replaceChildren(
      root,
      h(
        'div',
        { class: 'boot-error', role: 'alert' },
        h('h1', {}, t.errorTitle),
        h('p', {}, (error as Error).message),
        h('button', { type: 'button', class: 'button', onclick: () => window.location.reload() }, t.retry),
      ),
    );
    return;
  }
  if (initial.edition === null && editions.current) {
    // the URL names the edition on screen, so that a copied deep link keeps showing it
    initial = { ...initial, edition: editions.current.id };
    window.history.replaceState(null, '', `${window.location.pathname}${formatViewState(initial)}`);
    // and the page's data requests ask for it too: an import during the visit changes neither
    setEditionPin(initial.edition);
  }
  const store = new StateStore(initial);
  const ctx: AppContext = { store, data, config: readConfig() };
  const shell = createAppShell(root, ctx);
  attachMembers(root, ctx, members.session);
  attachEditionBanner(root, shell.main, ctx, editions);
  let current: { name: ViewName; view: View } | null = null;

  store.subscribe((state: ViewState, previous: ViewState | null) => {
    preserveFocus(root.querySelector('.site-header') ?? root, () => shell.render(state));
    if (!current || current.name !== state.view) {
      current?.view.destroy();
      const view = createView(ctx, state.view);
      current = { name: state.view, view };
      replaceChildren(shell.main, view.element);
      if (previous) shell.main.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    } else if (previous) {
      current.view.update(state, previous);
    }
  });
  store.start();
  document.documentElement.dataset['ready'] = 'true';
}

void boot(document.getElementById('app')!);
