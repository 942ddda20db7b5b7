/**
 * The map page: the nine maps of one gemeente or region. It opens on the first map with data
 * there, each map on the newest year or period with data (GET /api/maps/definitions?area=); an
 * empty map says why on the map. Around the map: period/year, legend, "hoe lees je deze kaart",
 * sources, the buurt picker, PNG export, buurt names and the optional basemap; on veerkracht maps
 * the buurten whose class changed since the previous period and a difference view; and the
 * profile of the selected buurt.
 */
import type { MapDefinition, MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import { previousPeriod, previousYear } from '../../../src/domain/maps/area-availability.js';
import { api } from '../api-client.js';
import { areaName, chooseMap, isKnownArea, resolveWhen, type AppContext } from '../app-context.js';
import { announce, h, replaceChildren } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import { exportMapPng } from '../export/map-export.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { createTerms, type Terms } from '../i18n/terms.js';
import { isDemo } from '../layout/app-shell.js';
import type { View } from '../layout/view.js';
import { createProfilePanel } from '../profile/profile-panel.js';
import type { ViewState } from '../state/view-state.js';
import { createMapTable } from '../table/map-table.js';
import {
  classChanges,
  differenceResponse,
  renderChangeList,
  transitionText,
  type ClassChange,
} from './class-changes.js';
import { emptyReasonText, partialCoverage, renderMapNotice } from './empty-notice.js';
import { mapHeading, mapTitle } from './feature-value.js';
import { renderLegend } from './legend-panel.js';
import { renderMapOptions } from './map-options.js';
import { createMapPane } from './map-pane.js';
import { renderSidebar } from './map-sidebar.js';
import { createStageHeader } from './stage-header.js';

interface Shown {
  def: MapDefinition;
  response: MapResponse;
  /** The same map in the previous period, for the class changes (veerkracht maps). */
  previous: { period: string; response: MapResponse; changes: ClassChange[] } | null;
}

export function createMapView(ctx: AppContext): View {
  const { store, data } = ctx;
  const t = (): Messages => messagesFor(store.state.lang);
  const sidebar = h('div', { class: 'map-sidebar' });
  const status = h('div', { class: 'stage-status' });
  const legendSlot = h('div', { class: 'stage-legend' });
  const optionsSlot = h('div', { class: 'map-options-slot' });
  const changesSlot = h('div', { class: 'changes-slot' });
  const header = createStageHeader(
    {
      onDisplay: (display) => store.update({ display }, 'replace'),
      onChooseBuurt: (code) => select(code, false),
      onExport: () => void exportPng(),
    },
    t(),
  );
  const table = createMapTable({
    onSelect: (code) => select(code),
    onHighlight: (code) => pane.setHighlighted(code),
    gemeenteName: (code) => areaName(data, code),
    flagLabel: (flag) => terms.flag(flag, store.state.lang),
  });
  const pane = createMapPane({
    basemapUrl: store.state.basemap ? ctx.config.basemapUrl : null,
    lang: store.state.lang,
    label: t().mapsHeading,
    testId: 'map',
    onSelect: (code) => select(code),
  });
  let basemapFailed = false;
  pane.onBasemapError(() => {
    if (basemapFailed) return;
    basemapFailed = true;
    renderOptions(store.state);
  });
  const profile = createProfilePanel(() => {
    store.update({ buurt: null });
    header.focusPicker();
  });
  const fallbackNote = h('p', { class: 'muted fallback-note', hidden: true });
  void pane.canvas.then((c) => {
    fallbackNote.hidden = c.renderer !== 'leaflet';
    fallbackNote.textContent = t().mapFallback;
  });
  const stage = h(
    'div',
    { class: 'map-stage' },
    header.element,
    status,
    fallbackNote,
    h('div', { class: 'map-wrap' }, pane.element, legendSlot),
    optionsSlot,
    table.element,
    changesSlot,
  );
  const element = h('div', { class: 'map-view', 'data-testid': 'map-view' }, sidebar, stage, profile.element);

  let defs: MapDefinitionsResponse | null = null;
  let defsArea: string | null = null;
  let terms: Terms = createTerms(data.definitions);
  let shown: Shown | null = null;
  let loadedKey = '';
  let focusProfile = false;
  let legendCollapsed = false;
  let failed = false;
  let loadToken = 0;
  let firstProfile = true;

  function select(code: string, focus = true): void {
    focusProfile = focus;
    store.update({ buurt: code });
  }

  function current(state: ViewState): {
    def: MapDefinition | null;
    when: { period: string | null; year: number | null };
  } {
    const def = defs ? (chooseMap(defs, state.map) ?? null) : null;
    return { def, when: def ? resolveWhen(def, state.period, state.year) : { period: null, year: null } };
  }

  /** The previous period (or year) of the shown one among those with data in the area. */
  function previousOf(
    def: MapDefinition,
    when: { period: string | null; year: number | null },
  ): string | null {
    if (def.kind === 'level') {
      const y = when.year !== null ? previousYear(def.years ?? [], when.year) : null;
      return y === null ? null : String(y);
    }
    return when.period ? previousPeriod(def.periods ?? [], when.period) : null;
  }

  function displayed(state: ViewState): MapResponse | null {
    if (!shown) return null;
    if (state.display === 'change' && shown.previous)
      return differenceResponse(shown.response, shown.previous.response, shown.previous.changes, {
        nl: messagesFor('nl'),
        en: messagesFor('en'),
      });
    return shown.response;
  }

  async function exportPng(): Promise<void> {
    const state = store.state;
    const response = displayed(state);
    if (!response || !shown) return;
    const tt = t();
    const name = state.area ? areaName(data, state.area) : response.meta.areaName;
    const reason = emptyReasonText(shown.def, name, state.lang, tt);
    const partial = partialCoverage(shown.def, response.meta.period ?? response.meta.year);
    const warning = reason
      ? `${tt.exportWarningEmpty(name)} ${reason}`
      : partial
        ? tt.exportWarningPartial(partial.n, partial.total)
        : null;
    await exportMapPng({
      map: await pane.snapshot(),
      cssWidth: pane.element.clientWidth,
      response,
      lang: state.lang,
      demo: isDemo(ctx),
      warning,
    });
    announce(warning ? `${tt.exportDone}. ${warning}` : tt.exportDone);
  }

  function renderHeader(state: ViewState): void {
    const tt = t();
    const response = displayed(state);
    const heading = response ? mapHeading(response.meta, state.lang) : null;
    header.render({
      title: heading ? heading.main : failed ? tt.errorTitle : tt.loading,
      detail: heading?.detail ?? null,
      subtitle: state.area ? areaName(data, state.area) : '',
      display: state.display === 'change' && !shown?.previous ? 'map' : state.display,
      canShowChange: shown?.previous !== null && shown?.previous !== undefined,
      canExport: response !== null && state.display !== 'table',
      t: tt,
    });
    header.setBuurten(shown?.response.features ?? [], state.buurt, (code) => areaName(data, code));
  }

  function renderOptions(state: ViewState): void {
    replaceChildren(
      optionsSlot,
      renderMapOptions({
        labels: state.labels,
        basemap: state.basemap,
        basemapAvailable: ctx.config.basemapUrl !== null,
        basemapFailed: state.basemap && basemapFailed,
        t: t(),
        onLabels: (labels) => store.update({ labels }, 'replace'),
        onBasemap: (basemap) => {
          basemapFailed = false;
          store.update({ basemap }, 'replace');
        },
      }),
    );
  }

  function renderAll(state: ViewState): void {
    const tt = t();
    const { def, when } = current(state);
    renderSidebar(sidebar, {
      defs,
      def,
      when,
      response: shown?.response ?? null,
      lang: state.lang,
      t: tt,
      terms,
      onChooseMap: (map) => {
        performance.mark('vk:map-switch');
        store.update({ map, period: state.period, year: state.year });
      },
      onWhen: (w) => store.update({ period: w.period ?? state.period, year: w.year ?? state.year }),
    });
    renderHeader(state);
    const response = displayed(state);
    replaceChildren(
      legendSlot,
      response
        ? renderLegend(response.legend, state.lang, tt, {
            title: pick(state.lang, response.meta.legendTitleNl ?? '', response.meta.legendTitleEn ?? ''),
            scope: pick(state.lang, response.meta.legendScopeNl ?? '', response.meta.legendScopeEn ?? ''),
            collapsible: true,
            collapsed: legendCollapsed,
            onToggle: (c) => (legendCollapsed = c),
          })
        : null,
    );
    renderOptions(state);
    const withData = defs?.maps.find((m) => m.id === defs?.defaultMap);
    pane.setNotice(
      def && state.area
        ? renderMapNotice({
            def,
            areaName: areaName(data, state.area),
            when: when.period ?? when.year,
            response: shown?.def.id === def.id ? shown.response : null,
            lang: state.lang,
            t: tt,
            withData:
              withData && withData.id !== def.id
                ? {
                    def: withData,
                    choose: () => store.update({ map: withData.id, period: null, year: null }),
                  }
                : undefined,
          })
        : null,
    );
    replaceChildren(
      changesSlot,
      shown?.previous && shown.response.meta.period
        ? renderChangeList(
            shown.previous.changes,
            shown.previous.period,
            shown.response.meta.period,
            state.lang,
            tt,
            (code) => select(code),
          )
        : null,
    );
    // The table is built only while shown (479 rows for Amsterdam cost a map switch ~40 ms).
    if (shown && state.display === 'table') table.setData(shown.response, state.lang, tt, state.buurt);
    pane.setLang(state.lang, tt.mapRegionLabel(response ? mapTitle(response.meta, state.lang) : ''));
    const display = state.display === 'change' && !shown?.previous ? 'map' : state.display;
    stage.dataset['display'] = display;
    pane.element.hidden = display === 'table';
    table.element.hidden = display !== 'table';
  }

  /** Draws what the display asks for: the map itself or the difference with the previous period. */
  function drawDisplay(state: ViewState): void {
    if (!shown) return;
    if (state.display === 'change' && shown.previous) {
      const byCode = new Map(shown.previous.changes.map((c) => [c.code, c]));
      pane.setDescriber((f) => {
        const c = byCode.get(f.properties.code);
        return c ? transitionText(c, store.state.lang) : '';
      });
      void pane.showResponse(displayed(state)!);
    } else {
      pane.setDescriber(null);
      void pane.showResponse(shown.response);
    }
  }

  async function loadDefinitions(area: string): Promise<MapDefinitionsResponse | null> {
    if (defs && defsArea === area) return defs;
    const mine = ++loadToken;
    const next = await api.definitions(area);
    if (mine !== loadToken) return null;
    defs = next;
    defsArea = area;
    terms = createTerms(next);
    return next;
  }

  async function load(state: ViewState): Promise<void> {
    const tt = t();
    if (!state.area || !isKnownArea(data, state.area)) {
      replaceChildren(status, h('p', { class: 'error', role: 'alert' }, tt.unknownArea(state.area ?? '?')));
      failed = true;
      renderHeader(state);
      return;
    }
    element.setAttribute('aria-busy', 'true');
    let areaDefs: MapDefinitionsResponse | null;
    try {
      areaDefs = await loadDefinitions(state.area);
    } catch (error) {
      element.removeAttribute('aria-busy');
      replaceChildren(
        status,
        h('p', { class: 'error', role: 'alert' }, `${tt.errorTitle}: ${(error as Error).message}`),
      );
      failed = true;
      renderHeader(state);
      return;
    }
    if (!areaDefs || store.state.area !== state.area) return;
    state = store.state;
    const area = state.area;
    if (!area) return;
    const { def, when } = current(state);
    if (!def) return;
    if (def.id !== state.map || when.period !== state.period || when.year !== state.year) {
      store.update({ map: def.id, period: when.period, year: when.year }, 'replace');
      return; // the update re-enters load with the resolved map and period
    }
    const key = `${area}|${def.id}|${when.period}|${when.year}`;
    if (key === loadedKey) {
      element.removeAttribute('aria-busy');
      return;
    }
    loadedKey = key;
    replaceChildren(status);
    let next: Shown;
    try {
      const result = await pane.show({ area, map: def.id, period: when.period, year: when.year });
      if (!result) return;
      next = { def, response: result.response, previous: null };
      const before = def.kind === 'classification' ? previousOf(def, when) : null;
      if (before) {
        const previous = await api.map({ area, map: def.id, period: before });
        next.previous = {
          period: before,
          response: previous,
          changes: classChanges(result.response, previous),
        };
      }
      failed = false;
    } catch (error) {
      loadedKey = '';
      replaceChildren(
        status,
        h('p', { class: 'error', role: 'alert' }, `${tt.errorTitle}: ${(error as Error).message}`),
      );
      failed = true;
      element.removeAttribute('aria-busy');
      renderHeader(store.state);
      return;
    }
    if (key !== loadedKey) return;
    shown = next;
    element.removeAttribute('aria-busy');
    const now = store.state;
    if (next.response.features.every((f) => f.geometry === null))
      replaceChildren(status, h('p', { class: 'notice' }, t().noGeometry));
    if (now.display === 'change') drawDisplay(now);
    renderAll(now);
    if (now.buurt) showProfile(now, false);
    announce(t().mapLoadedAnnounce(mapTitle(next.response.meta, now.lang), next.response.features.length));
  }

  /** Opens the profile with the map's indicators first, explaining the map's period. */
  function showProfile(state: ViewState, focus: boolean): void {
    const period = shown?.response.meta.period ?? null;
    const before = shown
      ? shown.def.kind === 'level'
        ? null
        : previousOf(shown.def, { period, year: null })
      : null;
    if (state.buurt && firstProfile && window.matchMedia('(max-width: 760px)').matches) {
      // On a phone a deep-linked buurt opens its profile first: the sheet is in view at once.
      element.dataset['sheetFirst'] = 'true';
    }
    firstProfile = false;
    void profile.show({
      code: state.buurt,
      lang: state.lang,
      focus,
      terms,
      mapIndicators: shown?.response.meta.sources.map((s) => s.indicator) ?? [],
      period,
      previousPeriod: before,
    });
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
      previous &&
      state.display !== previous.display &&
      (state.display === 'change' || previous.display === 'change')
    )
      drawDisplay(state);
    if (previous && state.labels !== previous.labels) pane.setLabels(state.labels);
    if (previous && state.basemap !== previous.basemap)
      pane.setBasemap(state.basemap ? ctx.config.basemapUrl : null);
    if (
      !previous ||
      state.lang !== previous.lang ||
      state.display !== previous.display ||
      state.buurt !== previous.buurt ||
      state.labels !== previous.labels ||
      state.basemap !== previous.basemap
    )
      renderAll(state);
    if (!previous || state.buurt !== previous.buurt || state.lang !== previous.lang) {
      pane.setSelected(state.buurt);
      if (shown || !state.buurt) showProfile(state, focusProfile);
      focusProfile = false;
    }
    const response = displayed(state);
    document.title = `${response ? `${mapTitle(response.meta, state.lang)} · ` : ''}${state.area ? areaName(data, state.area) : ''} · ${t().appTitle}`;
  }

  pane.setLabels(store.state.labels);
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
