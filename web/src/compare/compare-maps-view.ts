/**
 * Two maps side by side — two periods of one map, or two different maps — with synchronised
 * panning and zooming. The left map is the map page's map; the right one is `map2`.
 */
import type { MapDefinition } from '../../../src/api/schemas.js';
import { areaName, findMapDefinition, resolveWhen, type AppContext } from '../app-context.js';
import { h, replaceChildren } from '../dom/element.js';
import { preserveFocus } from '../dom/focus.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import type { View } from '../layout/view.js';
import { formatFeatureValue, mapTitle, mapWhen } from '../map/feature-value.js';
import { renderLegend } from '../map/legend-panel.js';
import { createMapPane, type MapPane } from '../map/map-pane.js';
import { renderMapSelect, renderWhenSelect } from '../map/map-picker.js';
import type { ViewState } from '../state/view-state.js';

interface Side {
  def: MapDefinition;
  period: string | null;
  year: number | null;
}

/** The right-hand side: as asked, else the same map in another period/year, else the next map. */
export function defaultRightSide(ctx: AppContext, state: ViewState, left: Side): Side {
  const asked = findMapDefinition(ctx.data, state.map2);
  if (asked) return { def: asked, ...resolveWhen(asked, state.period2, state.year2) };
  const options = left.def.kind === 'level' ? (left.def.years ?? []).map(String) : (left.def.periods ?? []);
  const current = left.def.kind === 'level' ? String(left.year) : left.period;
  const other = options.find((o) => o !== current);
  if (other)
    return left.def.kind === 'level'
      ? { def: left.def, period: null, year: Number(other) }
      : { def: left.def, period: other, year: null };
  const maps = ctx.data.definitions.maps;
  const next = maps[(maps.findIndex((m) => m.id === left.def.id) + 1) % maps.length] ?? left.def;
  return { def: next, ...resolveWhen(next, null, null) };
}

export function createCompareMapsView(ctx: AppContext): View {
  const { store, data } = ctx;
  const t = (): Messages => messagesFor(store.state.lang);
  const onSelect = (code: string): void => store.update({ buurt: code }, 'replace');
  const panes: [MapPane, MapPane] = [
    createMapPane({
      basemapUrl: ctx.config.basemapUrl,
      lang: store.state.lang,
      label: t().compareLeft,
      testId: 'map-left',
      onSelect,
    }),
    createMapPane({
      basemapUrl: ctx.config.basemapUrl,
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

  function sides(state: ViewState): [Side, Side] {
    const leftDef = findMapDefinition(data, state.map) ?? data.definitions.maps[0]!;
    const left: Side = { def: leftDef, ...resolveWhen(leftDef, state.period, state.year) };
    return [left, defaultRightSide(ctx, state, left)];
  }

  function renderControls(state: ViewState): void {
    const tt = t();
    const [left, right] = sides(state);
    replaceChildren(
      header,
      h('h1', {}, `${tt.compareHeading} — ${state.area ? areaName(data, state.area) : ''}`),
      h('p', { class: 'muted' }, tt.compareIntro),
    );
    preserveFocus(controls[0], () =>
      replaceChildren(
        controls[0],
        h('h2', { class: 'panel-heading' }, tt.compareLeft),
        renderMapSelect(
          data,
          left.def.id,
          state.lang,
          tt.compareMapLabel,
          (map) => store.update({ map, period: null, year: null }, 'replace'),
          'compare-map-left',
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
          data,
          right.def.id,
          state.lang,
          tt.compareMapLabel,
          (map2) => store.update({ map2, period2: null, year2: null }, 'replace'),
          'compare-map-right',
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
      if (shown)
        replaceChildren(
          legends[i],
          renderLegend(shown.response.legend, store.state.lang, t(), { headingLevel: 'h3' }),
        );
    } catch (error) {
      replaceChildren(
        legends[i],
        h('p', { class: 'error', role: 'alert' }, `${t().errorTitle}: ${(error as Error).message}`),
      );
    }
    renderSelection(store.state);
  }

  function update(state: ViewState, previous: ViewState | null): void {
    renderControls(state);
    const [left, right] = sides(state);
    const [pl, pr] = previous ? sides(previous) : [null, null];
    const same = (a: Side | null, b: Side): boolean =>
      a !== null && a.def.id === b.def.id && a.period === b.period && a.year === b.year;
    const areaChanged = !previous || previous.area !== state.area;
    if (areaChanged || !same(pl, left) || previous?.lang !== state.lang) void loadSide(0, state, left);
    if (areaChanged || !same(pr, right) || previous?.lang !== state.lang) void loadSide(1, state, right);
    for (const p of panes) {
      p.setSelected(state.buurt);
      p.setLang(state.lang, state.lang === 'nl' ? 'Kaart' : 'Map');
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
