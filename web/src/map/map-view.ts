/**
 * The map page: the nine maps of one gemeente or region. It opens on the first map with data
 * there, each map on the newest year or period with data (GET /api/maps/definitions?area=); an
 * empty map says why on the map. Around the map: period/year, legend, "hoe lees je deze kaart",
 * sources, the buurt picker, PNG export, buurt names and the optional basemap; on veerkracht maps
 * the buurten whose class changed since the previous period and a difference view; and the
 * profile of the selected buurt.
 */
import type { MapDefinitionsResponse, MapResponse } from '../../../src/api/schemas.js';
import { previousPeriod } from '../../../src/domain/maps/area-availability.js';
import { ApiError } from '../api-client.js';
import { areaName, formedNote, isKnownArea, type AppContext } from '../app-context.js';
import { unknownAreaText } from './unknown-area.js';
import { announce, h, replaceChildren } from '../dom/element.js';
import { pick } from '../i18n/format.js';
import { downloadMap, type DownloadFormat } from '../export/map-downloads.js';
import { exportMapPng } from '../export/map-export.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import { isDemo } from '../layout/app-shell.js';
import type { View } from '../layout/view.js';
import { createProfilePanel } from '../profile/profile-panel.js';
import { downloadReport } from '../report/report-download.js';
import type { ViewState } from '../state/view-state.js';
import { createMapTable } from '../table/map-table.js';
import { transitionText } from './class-changes.js';
import { renderMapNotice } from './empty-notice.js';
import { mapHeading, mapTitle } from './feature-value.js';
import { renderLegend } from './legend-panel.js';
import { renderMapOptions } from './map-options.js';
import { createMapPane } from './map-pane.js';
import { renderSidebar } from './map-sidebar.js';
import {
  AreaDefinitions,
  classChangesPanel,
  displayedResponse,
  exportWarning,
  withPrevious,
  type ShownMap,
} from './shown-map.js';
import { createStageHeader } from './stage-header.js';
import { errorLine, failedText } from '../i18n/error-text.js';

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
      onDownload: (format) => void download(format),
      onReport: () => void report(),
    },
    t(),
  );
  const table = createMapTable({
    onSelect: (code) => select(code),
    onHighlight: (code) => pane.setHighlighted(code),
    gemeenteName: (code) => areaName(data, code),
    flagLabel: (flag) => definitions.terms.flag(flag, store.state.lang),
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
  const mapWrap = h('div', { class: 'map-wrap' }, pane.element, legendSlot);
  const stage = h(
    'div',
    { class: 'map-stage' },
    header.element,
    status,
    fallbackNote,
    mapWrap,
    optionsSlot,
    table.element,
    changesSlot,
  );
  const element = h('div', { class: 'map-view', 'data-testid': 'map-view' }, sidebar, stage, profile.element);

  const definitions = new AreaDefinitions(data.definitions);
  let shown: ShownMap | null = null;
  let loadedKey = '';
  let focusProfile = false;
  let legendCollapsed = false;
  let failed = false;
  /**
   * The area has no maps (unknown, or AREA_NOT_FOUND: no buurten loaded), or its list failed to
   * load: why, for the side panel and (in the language shown) the alert above the map.
   */
  let listUnavailable: { why: 'no-maps' | 'failed'; alert: (tt: Messages) => string } | null = null;

  function select(code: string, focus = true): void {
    focusProfile = focus;
    store.update({ buurt: code });
  }

  const current = (state: ViewState) => definitions.choose(state.map, state.period, state.year);

  const displayed = (state: ViewState): MapResponse | null => displayedResponse(shown, state.display);

  async function exportPng(): Promise<void> {
    const state = store.state;
    const response = displayed(state);
    if (!response || !shown) return;
    const tt = t();
    const name = state.area ? areaName(data, state.area) : response.meta.areaName;
    const warning = exportWarning(shown, response, name, state.lang, tt);
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

  async function download(format: DownloadFormat): Promise<void> {
    const response = shown?.response;
    if (!response) return;
    try {
      announce(t().downloadDone(await downloadMap(response.meta, format, store.state.lang)));
    } catch (e) {
      announce(e instanceof Error ? e.message : String(e));
    }
  }

  async function report(): Promise<void> {
    const area = store.state.area;
    if (!area) return;
    announce(t().reportPdf);
    try {
      announce(t().downloadDone(await downloadReport(area, store.state.lang)));
    } catch (e) {
      announce(e instanceof Error ? e.message : String(e));
    }
  }

  function renderHeader(state: ViewState): void {
    const tt = t();
    const response = displayed(state);
    const heading = response ? mapHeading(response.meta, state.lang) : null;
    header.render({
      // an area without maps is not an error: say what is the case
      title: heading
        ? heading.main
        : listUnavailable?.why === 'no-maps'
          ? tt.noDataForArea
          : failed
            ? tt.errorTitle
            : tt.loading,
      detail: heading?.detail ?? null,
      subtitle: state.area ? areaName(data, state.area) : '',
      formedNote: state.area ? formedNote(data, state.area, tt) : null,
      display: state.display === 'change' && !shown?.previous ? 'map' : state.display,
      canShowChange: shown?.previous !== null && shown?.previous !== undefined,
      canExport: response !== null && state.display !== 'table',
      canDownload: shown?.response !== undefined && shown.response.features.length > 0,
      canReport: state.area !== null && listUnavailable === null,
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
    // without a list of its own, nothing of an area shown before is chosen or noted
    const { def, when } = listUnavailable
      ? { def: null, when: { period: null, year: null } }
      : current(state);
    renderSidebar(sidebar, {
      defs: definitions.defs,
      def,
      when,
      response: shown?.response ?? null,
      lang: state.lang,
      t: tt,
      terms: definitions.terms,
      unavailable:
        listUnavailable === null
          ? null
          : listUnavailable.why === 'no-maps'
            ? tt.noMapsForArea
            : tt.mapListFailed,
      onChooseMap: (map) => {
        performance.mark('vk:map-switch');
        // A year or period the user chose stays; the default of one map is not carried to the
        // next, which opens on its own newest year or period with data.
        const chosen =
          def !== null &&
          (def.kind === 'level' ? when.year !== def.defaultYear : when.period !== def.defaultPeriod);
        store.update({ map, period: chosen ? state.period : null, year: chosen ? state.year : null });
      },
      onWhen: (w) => store.update({ period: w.period ?? state.period, year: w.year ?? state.year }),
    });
    renderHeader(state);
    if (listUnavailable)
      replaceChildren(status, h('p', { class: 'error', role: 'alert' }, listUnavailable.alert(tt)));
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
    const withData = definitions.defs?.maps.find((m) => m.id === definitions.defs?.defaultMap);
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
      classChangesPanel(shown, state.lang, tt, (code) => select(code)),
    );
    // The table is built only while shown (479 rows for Amsterdam cost a map switch ~40 ms).
    if (shown && state.display === 'table') table.setData(shown.response, state.lang, tt, state.buurt);
    pane.setLang(state.lang, tt.mapRegionLabel(response ? mapTitle(response.meta, state.lang) : ''));
    const display = state.display === 'change' && !shown?.previous ? 'map' : state.display;
    stage.dataset['display'] = display;
    pane.element.hidden = display === 'table';
    table.element.hidden = display !== 'table';
    // an area without maps: no empty map frame, table or map options under what the page says
    const noMaps = listUnavailable?.why === 'no-maps';
    mapWrap.hidden = noMaps;
    optionsSlot.hidden = noMaps;
    if (noMaps) table.element.hidden = true;
  }

  /** An area without a list of maps: the side panel says why instead of loading forever. */
  function showUnavailable(
    state: ViewState,
    why: 'no-maps' | 'failed',
    alert: (tt: Messages) => string,
  ): void {
    listUnavailable = { why, alert };
    failed = true;
    shown = null;
    loadedKey = '';
    renderAll(state);
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

  async function load(state: ViewState): Promise<void> {
    const area = state.area;
    if (!area || !isKnownArea(data, area)) {
      showUnavailable(state, 'no-maps', (m) => (area ? unknownAreaText(data, area, m) : m.unknownArea('?')));
      return;
    }
    element.setAttribute('aria-busy', 'true');
    let areaDefs: MapDefinitionsResponse | null;
    try {
      areaDefs = await definitions.load(area);
    } catch (error) {
      element.removeAttribute('aria-busy');
      if (error instanceof ApiError && error.code === 'AREA_NOT_FOUND')
        showUnavailable(state, 'no-maps', (m) => unknownAreaText(data, area, m));
      else showUnavailable(state, 'failed', () => failedText(error, state.lang));
      return;
    }
    if (!areaDefs || store.state.area !== area) return;
    listUnavailable = null;
    state = store.state;
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
    let next: ShownMap;
    try {
      const result = await pane.show({ area, map: def.id, period: when.period, year: when.year });
      if (!result) return;
      next = await withPrevious(area, def, when, result.response);
      failed = false;
    } catch (error) {
      loadedKey = '';
      replaceChildren(status, errorLine(error, state.lang));
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
    // A period map explains its own period; a level map the newest veerkracht period of the area.
    const classification = definitions.defs?.maps.find(
      (m) => m.kind === 'classification' && m.availability?.hasData !== false,
    );
    const own = shown?.def.kind !== 'level' ? (shown?.response.meta.period ?? null) : null;
    const period = own ?? classification?.defaultPeriod ?? null;
    const periods = (own ? shown?.def.periods : classification?.periods) ?? [];
    void profile.show({
      code: state.buurt,
      lang: state.lang,
      focus,
      terms: definitions.terms,
      mapIndicators: shown?.response.meta.sources.map((s) => s.indicator) ?? [],
      period,
      previousPeriod: period ? previousPeriod(periods, period) : null,
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
