/**
 * The map page: the nine maps of one gemeente or region with period/year selector, legend,
 * "hoe lees je deze kaart" and sources; the map (or its table) with PNG/CSV export and a buurt
 * list for keyboard users; and the profile of the selected buurt.
 */
import type { MapResponse } from '../../../src/api/schemas.js';
import { areaName, findMapDefinition, isKnownArea, resolveWhen, type AppContext } from '../app-context.js';
import { announce, h, replaceChildren, uniqueId } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import { exportMapPng } from '../export/map-export.js';
import { pick } from '../i18n/format.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { isDemo } from '../layout/app-shell.js';
import type { View } from '../layout/view.js';
import { createProfilePanel } from '../profile/profile-panel.js';
import type { ViewState } from '../state/view-state.js';
import { createMapTable } from '../table/map-table.js';
import { mapTitle, mapWhen } from './feature-value.js';
import { renderLegend } from './legend-panel.js';
import { renderMapInfo } from './map-info-panel.js';
import { createMapPane } from './map-pane.js';
import { renderMapList, renderWhenSelect } from './map-picker.js';

export function createMapView(ctx: AppContext): View {
  const { store, data } = ctx;
  const sidebar = h('div', { class: 'map-sidebar' });
  const stageHeader = h('div', { class: 'stage-header' });
  const status = h('div', { class: 'stage-status' });
  const legendSlot = h('div', { class: 'stage-legend' });
  const table = createMapTable({
    onSelect: (code) => select(code),
    onHighlight: (code) => pane.setHighlighted(code),
    gemeenteName: (code) => areaName(data, code),
  });
  const pane = createMapPane({
    basemapUrl: ctx.config.basemapUrl,
    lang: store.state.lang,
    label: messagesFor(store.state.lang).mapsHeading,
    testId: 'map',
    onSelect: (code) => select(code),
  });
  const profile = createProfilePanel(() => {
    store.update({ buurt: null });
    element.querySelector<HTMLElement>('.buurt-picker select')?.focus();
  });
  const fallbackNote = h('p', { class: 'muted fallback-note', hidden: true });
  void pane.canvas.then((c) => {
    fallbackNote.hidden = c.renderer !== 'leaflet';
    fallbackNote.textContent = t().mapFallback;
  });
  const stage = h(
    'div',
    { class: 'map-stage' },
    stageHeader,
    status,
    fallbackNote,
    pane.element,
    legendSlot,
    table.element,
  );
  const element = h('div', { class: 'map-view', 'data-testid': 'map-view' }, sidebar, stage, profile.element);
  let loadedKey = '';
  let response: MapResponse | null = null;
  let focusProfile = false;
  let legendCollapsed = false;
  let failed = false;
  /** The profile was opened before the first map arrived (deep link): re-open it once the map is there. */
  let profileWithoutMap = false;

  /** Selects a buurt; `focus` moves keyboard focus to its profile (not for the buurt list). */
  function select(code: string, focus = true): void {
    focusProfile = focus;
    store.update({ buurt: code });
  }

  function t(): Messages {
    return messagesFor(store.state.lang);
  }

  function renderSidebar(state: ViewState): void {
    const def = findMapDefinition(data, state.map) ?? data.definitions.maps[0];
    if (!def) return;
    const when = resolveWhen(def, state.period, state.year);
    preserveFocus(sidebar, () =>
      replaceChildren(
        sidebar,
        renderMapList(data, def, state.lang, t(), (map) => {
          performance.mark('vk:map-switch');
          store.update({ map, period: state.period, year: state.year });
        }),
        renderWhenSelect(def, when, t(), (w) =>
          store.update({ period: w.period ?? state.period, year: w.year ?? state.year }),
        ),
        response ? renderMapInfo(response.meta, state.lang, t()) : null,
      ),
    );
  }

  function renderStageHeader(state: ViewState): void {
    const tt = t();
    const pickerId = uniqueId('buurt-picker');
    const features = response
      ? [...response.features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'nl'))
      : [];
    const displayButton = (display: 'map' | 'table', label: string): HTMLElement =>
      h(
        'button',
        {
          type: 'button',
          class: 'segment',
          'aria-pressed': state.display === display ? 'true' : 'false',
          'data-display': display,
          onclick: () => store.update({ display }, 'replace'),
        },
        label,
      );
    preserveFocus(stageHeader, () =>
      replaceChildren(
        stageHeader,
        h(
          'div',
          { class: 'stage-title' },
          h(
            'h1',
            { 'data-testid': 'map-title' },
            response ? mapTitle(response.meta, state.lang) : failed ? tt.errorTitle : tt.loading,
          ),
          h(
            'p',
            { class: 'muted' },
            state.area ? areaName(data, state.area) : '',
            response ? ` · ${mapWhen(response.meta)}` : '',
          ),
        ),
        h(
          'div',
          { class: 'stage-tools' },
          h(
            'div',
            { class: 'segmented', role: 'group', 'aria-label': tt.displayChoice },
            displayButton('map', tt.showMap),
            displayButton('table', tt.showTable),
          ),
          h(
            'div',
            { class: 'field buurt-picker' },
            h('label', { for: pickerId }, tt.buurtPicker),
            h(
              'select',
              {
                id: pickerId,
                'data-testid': 'buurt-picker',
                onchange: (e: Event) => {
                  const code = (e.target as HTMLSelectElement).value;
                  if (code) select(code, false);
                },
              },
              h('option', { value: '' }, tt.buurtPickerNone),
              features.map((f) =>
                h(
                  'option',
                  { value: f.properties.code, selected: f.properties.code === state.buurt },
                  f.properties.name,
                ),
              ),
            ),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              'data-testid': 'export-png',
              disabled: !response || state.display !== 'map',
              onclick: async () => {
                if (!response) return;
                await exportMapPng(
                  await pane.canvas,
                  pane.element.clientWidth,
                  response,
                  store.state.lang,
                  isDemo(ctx),
                );
                announce(t().exportDone);
              },
            },
            tt.exportPng,
          ),
        ),
      ),
    );
  }

  function applyDisplay(state: ViewState): void {
    stage.dataset['display'] = state.display;
    pane.element.hidden = state.display !== 'map';
    table.element.hidden = state.display !== 'table';
  }

  async function load(state: ViewState): Promise<void> {
    const tt = t();
    if (!state.area || !isKnownArea(data, state.area)) {
      replaceChildren(status, h('p', { class: 'error', role: 'alert' }, tt.unknownArea(state.area ?? '?')));
      failed = true;
      renderStageHeader(state);
      return;
    }
    const def = findMapDefinition(data, state.map) ?? data.definitions.maps[0];
    if (!def) return;
    const when = resolveWhen(def, state.period, state.year);
    if (def.id !== state.map || when.period !== state.period || when.year !== state.year) {
      store.update(
        { map: def.id, period: when.period ?? state.period, year: when.year ?? state.year },
        'replace',
      );
      if (def.id !== state.map) return; // the update re-enters load with the resolved map
    }
    const key = `${state.area}|${def.id}|${when.period}|${when.year}`;
    if (key === loadedKey) return;
    loadedKey = key;
    element.setAttribute('aria-busy', 'true');
    replaceChildren(status);
    try {
      const next = await pane.show({ area: state.area, map: def.id, period: when.period, year: when.year });
      if (!next) return;
      response = next.response;
      failed = false;
    } catch (error) {
      loadedKey = '';
      replaceChildren(
        status,
        h('p', { class: 'error', role: 'alert' }, `${tt.errorTitle}: ${(error as Error).message}`),
      );
      failed = true;
      renderStageHeader(store.state);
      return;
    } finally {
      element.removeAttribute('aria-busy');
    }
    const now = store.state;
    if (response.features.every((f) => f.geometry === null))
      replaceChildren(status, h('p', { class: 'notice' }, t().noGeometry));
    renderAll(now);
    if (profileWithoutMap && now.buurt) showProfile(now, false);
    announce(t().mapLoadedAnnounce(mapTitle(response.meta, now.lang), response.features.length));
  }

  /** Opens the profile with the indicators behind the current map expanded. */
  function showProfile(state: ViewState, focus: boolean): void {
    profileWithoutMap = response === null;
    void profile.show(
      state.buurt,
      state.lang,
      focus,
      response?.meta.sources.map((s) => s.indicator) ?? [],
      response?.meta.period ?? null,
    );
  }

  function renderAll(state: ViewState): void {
    renderSidebar(state);
    renderStageHeader(state);
    replaceChildren(
      legendSlot,
      response
        ? renderLegend(response.legend, state.lang, t(), {
            collapsible: true,
            collapsed: legendCollapsed,
            onToggle: (c) => (legendCollapsed = c),
          })
        : null,
    );
    // The table is built only while shown (479 rows for Amsterdam cost a map switch ~40 ms).
    if (response && state.display === 'table') table.setData(response, state.lang, t(), state.buurt);
    pane.setLang(state.lang, t().mapRegionLabel(response ? mapTitle(response.meta, state.lang) : ''));
    applyDisplay(state);
  }

  function update(state: ViewState, previous: ViewState | null): void {
    const dataChanged =
      !previous ||
      state.area !== previous.area ||
      state.map !== previous.map ||
      state.period !== previous.period ||
      state.year !== previous.year;
    if (dataChanged) void load(state);
    if (
      !previous ||
      state.lang !== previous.lang ||
      state.display !== previous.display ||
      state.buurt !== previous.buurt
    )
      renderAll(state);
    if (!previous || state.buurt !== previous.buurt || state.lang !== previous.lang) {
      pane.setSelected(state.buurt);
      showProfile(state, focusProfile);
      focusProfile = false;
    }
    document.title = `${response ? `${mapTitle(response.meta, state.lang)} · ` : ''}${state.area ? areaName(data, state.area) : ''} · ${t().appTitle}`;
  }

  renderAll(store.state);
  update(store.state, null);
  return {
    element,
    update,
    destroy() {
      pane.destroy();
    },
  };
}

/** Title text used by other views for a map id. */
export function mapDefinitionTitle(ctx: AppContext, id: string): string {
  const def = findMapDefinition(ctx.data, id);
  return def ? pick(ctx.store.state.lang, def.titleNl, def.titleEn) : id;
}
