/**
 * Two maps side by side — two periods of one map, or two different maps — with synchronised
 * panning and zooming. The left map is the map page's map; the right one is `map2`.
 */
import type { MapDefinition, MapDefinitionsResponse } from '../../../src/api/schemas.js';
import { periodOverlap, previousPeriod, previousYear } from '../../../src/domain/maps/area-availability.js';
import { api } from '../api-client.js';
import {
  areaName,
  chooseMap,
  findMapDefinition,
  formedNote,
  resolveWhen,
  type AppContext,
} from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import type { View } from '../layout/view.js';
import { formatFeatureValue, mapHeading, mapTitle, mapWhen } from '../map/feature-value.js';
import { renderLegend } from '../map/legend-panel.js';
import { createMapPane, type MapPane } from '../map/map-pane.js';
import { renderMapSelect, renderWhenSelect } from '../map/map-picker.js';
import { formedNoteElement } from '../map/stage-header.js';
import type { ViewState } from '../state/view-state.js';
import { errorLine } from '../i18n/error-text.js';

interface Side {
  def: MapDefinition;
  period: string | null;
  year: number | null;
}

/**
 * The right-hand side: as asked, else the same map in the previous comparable period (same
 * length, ending where the left one starts) or the previous year — of those that give a buurt of
 * the area a value — else another period or year with a value there, else the next map with data.
 */
export function defaultRightSide(defs: MapDefinitionsResponse, state: ViewState, left: Side): Side {
  const asked = findMapDefinition(defs, state.map2);
  if (asked) return { def: asked, ...resolveWhen(asked, state.period2, state.year2) };
  // a year or period that gives no buurt of the area a value would open an empty map
  const counts = left.def.availability?.counts;
  const withData = (when: string): boolean => counts === undefined || (counts[when] ?? 0) > 0;
  if (left.def.kind === 'level') {
    const years = (left.def.years ?? []).filter((y) => y === left.year || withData(String(y)));
    const before = left.year !== null ? previousYear(years, left.year) : null;
    const other = before ?? years.find((y) => y !== left.year) ?? null;
    if (other !== null) return { def: left.def, period: null, year: other };
  } else {
    const periods = (left.def.periods ?? []).filter((p) => p === left.period || withData(p));
    const before = left.period ? previousPeriod(periods, left.period) : null;
    const other = before ?? periods.find((p) => p !== left.period) ?? null;
    if (other !== null) return { def: left.def, period: other, year: null };
  }
  const maps = defs.maps;
  const start = maps.findIndex((m) => m.id === left.def.id);
  for (let i = 1; i <= maps.length; i++) {
    const next = maps[(start + i) % maps.length]!;
    if (next.availability?.hasData !== false) return { def: next, ...resolveWhen(next, null, null) };
  }
  return { def: left.def, period: left.period, year: left.year };
}

/** A note when both sides show one map in periods that share years; nothing otherwise. */
export function overlapNote(left: Side, right: Side, tt: Messages): HTMLElement[] {
  if (left.def.id !== right.def.id || !left.period || !right.period) return [];
  const shared = periodOverlap(left.period, right.period);
  if (!shared) return [];
  const dash = (p: string): string => p.replace('-', '–');
  return [
    h(
      'p',
      { class: 'notice compare-overlap', role: 'note', 'data-testid': 'compare-overlap' },
      tt.compareOverlap(dash(left.period), dash(right.period), `${shared.t0}–${shared.t1}`),
    ),
  ];
}

export function createCompareMapsView(ctx: AppContext): View {
  const { store, data } = ctx;
  const t = (): Messages => messagesFor(store.state.lang);
  const onSelect = (code: string): void => store.update({ buurt: code }, 'replace');
  const panes: [MapPane, MapPane] = [
    createMapPane({
      basemapUrl: store.state.basemap ? ctx.config.basemapUrl : null,
      lang: store.state.lang,
      label: t().compareLeft,
      testId: 'map-left',
      onSelect,
    }),
    createMapPane({
      basemapUrl: store.state.basemap ? ctx.config.basemapUrl : null,
      lang: store.state.lang,
      label: t().compareRight,
      testId: 'map-right',
      onSelect,
    }),
  ];
  const header = h('div', { class: 'compare-header' });
  const controls = [
    h('div', { class: 'compare-controls' }),
    h('div', { class: 'compare-controls' }),
  ] as const;
  const legends = [h('div', { class: 'compare-legend' }), h('div', { class: 'compare-legend' })] as const;
  const selection = h('p', {
    class: 'compare-selection',
    'aria-live': 'polite',
    'data-testid': 'compare-selection',
  });
  const columns = [0, 1].map((i) =>
    h(
      'section',
      { class: 'compare-column', 'data-side': i === 0 ? 'left' : 'right' },
      controls[i]!,
      panes[i]!.element,
      legends[i]!,
    ),
  );
  const element = h(
    'div',
    { class: 'compare-view', 'data-testid': 'compare-view' },
    header,
    selection,
    h('div', { class: 'compare-columns' }, columns),
  );

  // Synchronised pan/zoom: a user move on one side jumps the other side to the same camera.
  void Promise.all([panes[0].canvas, panes[1].canvas]).then(([a, b]) => {
    a.onCameraChange((c) => b.setCamera(c));
    b.onCameraChange((c) => a.setCamera(c));
  });

  let defs: MapDefinitionsResponse | null = null;
  let defsArea: string | null = null;

  function sides(state: ViewState): [Side, Side] | null {
    if (!defs) return null;
    const leftDef = chooseMap(defs, state.map);
    if (!leftDef) return null;
    const left: Side = { def: leftDef, ...resolveWhen(leftDef, state.period, state.year) };
    return [left, defaultRightSide(defs, state, left)];
  }

  function renderControls(state: ViewState): void {
    const tt = t();
    const both = sides(state);
    if (!both || !defs) {
      replaceChildren(header, h('h1', {}, tt.compareHeading), h('p', { class: 'muted' }, tt.loading));
      return;
    }
    const [left, right] = both;
    const areaDefs = defs;
    replaceChildren(
      header,
      h('h1', {}, `${tt.compareHeading} — ${state.area ? areaName(data, state.area) : ''}`),
      h('p', { class: 'muted' }, tt.compareIntro),
      formedNoteElement(state.area ? formedNote(data, state.area, tt) : null),
      overlapNote(left, right, tt),
    );
    preserveFocus(controls[0], () =>
      replaceChildren(
        controls[0],
        h('h2', { class: 'panel-heading' }, tt.compareLeft),
        renderMapSelect(
          areaDefs,
          left.def.id,
          state.lang,
          tt.compareMapLabel,
          (map) => store.update({ map, period: null, year: null }, 'replace'),
          'compare-map-left',
          tt.mapNoData,
        ),
        renderWhenSelect(
          left.def,
          left,
          tt,
          (w) => store.update({ period: w.period ?? state.period, year: w.year ?? state.year }, 'replace'),
          'compare-when-left',
        ),
      ),
    );
    preserveFocus(controls[1], () =>
      replaceChildren(
        controls[1],
        h('h2', { class: 'panel-heading' }, tt.compareRight),
        renderMapSelect(
          areaDefs,
          right.def.id,
          state.lang,
          tt.compareMapLabel,
          (map2) => store.update({ map2, period2: null, year2: null }, 'replace'),
          'compare-map-right',
          tt.mapNoData,
        ),
        renderWhenSelect(
          right.def,
          right,
          tt,
          (w) => store.update({ map2: right.def.id, period2: w.period, year2: w.year }, 'replace'),
          'compare-when-right',
        ),
      ),
    );
  }

  function renderSelection(state: ViewState): void {
    const code = state.buurt;
    const parts = panes.map((p) => {
      const r = p.current;
      const f = r?.features.find((x) => x.properties.code === code);
      return r && f
        ? `${mapTitle(r.meta, state.lang)} ${mapWhen(r.meta)}: ${formatFeatureValue(f.properties, r.meta, r.legend, state.lang)}`
        : null;
    });
    const name = panes
      .map((p) => p.current?.features.find((x) => x.properties.code === code)?.properties.name)
      .find(Boolean);
    replaceChildren(
      selection,
      code && name ? [h('strong', {}, name), ' — ', parts.filter(Boolean).join(' · ')] : [],
    );
  }

  async function loadSide(i: 0 | 1, state: ViewState, side: Side): Promise<void> {
    if (!state.area) return;
    try {
      const shown = await panes[i].show({
        area: state.area,
        map: side.def.id,
        period: side.period,
        year: side.year,
      });
      if (shown) {
        // what this side compares (the years, a fallback measure): two sides of one map can
        // compare different measures, e.g. the Leefbaarometer in one period and police figures in the other
        const compared = mapHeading(shown.response.meta, store.state.lang).detail;
        replaceChildren(
          legends[i],
          compared
            ? h(
                'p',
                {
                  class: 'muted compare-compared',
                  'data-testid': `compare-compared-${i === 0 ? 'left' : 'right'}`,
                },
                compared,
              )
            : [],
          renderLegend(shown.response.legend, store.state.lang, t(), { headingLevel: 'h3' }),
        );
      }
    } catch (error) {
      replaceChildren(legends[i], errorLine(error, store.state.lang));
    }
    renderSelection(store.state);
  }

  async function ensureDefinitions(state: ViewState): Promise<void> {
    if (!state.area || (defs && defsArea === state.area)) return;
    const area = state.area;
    const next = await api.definitions(area);
    if (store.state.area !== area) return;
    defs = next;
    defsArea = area;
    update(store.state, null);
  }

  function update(state: ViewState, previous: ViewState | null): void {
    if (state.area && defsArea !== state.area) {
      defs = null;
      renderControls(state);
      ensureDefinitions(state).catch((error: unknown) =>
        replaceChildren(header, errorLine(error, store.state.lang)),
      );
      return;
    }
    renderControls(state);
    const both = sides(state);
    if (!both) return;
    const [left, right] = both;
    const [pl, pr] = (previous ? sides(previous) : null) ?? [null, null];
    const same = (a: Side | null, b: Side): boolean =>
      a !== null && a.def.id === b.def.id && a.period === b.period && a.year === b.year;
    const areaChanged = !previous || previous.area !== state.area;
    if (areaChanged || !same(pl, left) || previous?.lang !== state.lang) void loadSide(0, state, left);
    if (areaChanged || !same(pr, right) || previous?.lang !== state.lang) void loadSide(1, state, right);
    for (const p of panes) {
      p.setSelected(state.buurt);
      p.setLang(state.lang, state.lang === 'nl' ? 'Kaart' : 'Map');
      p.setLabels(state.labels);
      if (!previous || previous.basemap !== state.basemap)
        p.setBasemap(state.basemap ? ctx.config.basemapUrl : null);
    }
    renderSelection(state);
  }

  update(store.state, null);
  return {
    element,
    update,
    destroy() {
      for (const p of panes) p.destroy();
    },
  };
}
