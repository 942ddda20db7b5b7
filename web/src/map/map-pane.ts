/**
 * One interactive map: the renderer, the hover tooltip (name and value) and the loading of a
 * map response into it. Used once on the map page and twice in the side-by-side view.
 * Performance marks `vk:map-drawn` are set when a map is fully drawn (bench/web-map.bench.ts).
 */
import type { MapFeature, MapResponse } from '../../../src/api/schemas.js';
import { api, type MapRequest } from '../api-client.js';
import { h } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { formatFeatureValue } from './feature-value.js';
import { createMapCanvas, type MapCanvas } from './map-canvas.js';
import { toDrawCollection } from './map-features.js';

export interface MapPaneOptions {
  basemapUrl: string | null;
  lang: Lang;
  label: string;
  testId: string;
  onSelect(code: string): void;
}

export interface MapPane {
  readonly element: HTMLElement;
  readonly canvas: Promise<MapCanvas>;
  readonly current: MapResponse | null;
  /**
   * Loads a map: resolves with the response as soon as it arrives (null when a newer request
   * overtook it); `drawn` resolves when the map is fully drawn (or never, while it is hidden).
   */
  show(request: MapRequest): Promise<{ response: MapResponse; drawn: Promise<void> } | null>;
  setLang(lang: Lang, label: string): void;
  setSelected(code: string | null): void;
  setHighlighted(code: string | null): void;
  destroy(): void;
}

export function createMapPane(options: MapPaneOptions): MapPane {
  const container = h('div', { class: 'map-container', 'data-testid': options.testId });
  const tooltip = h('div', {
    class: 'map-tooltip',
    role: 'tooltip',
    hidden: true,
    'data-testid': `${options.testId}-tooltip`,
  });
  const element = h(
    'div',
    { class: 'map-frame', role: 'region', 'aria-label': options.label },
    container,
    tooltip,
  );
  let lang = options.lang;
  let current: MapResponse | null = null;
  let byCode = new Map<string, MapFeature>();
  let lastArea: string | null = null;
  let token = 0;
  let selected: string | null = null;
  let destroyed = false;

  const showTooltip = (code: string | null, x: number, y: number): void => {
    const feature = code ? byCode.get(code) : undefined;
    if (!feature || !current) {
      tooltip.hidden = true;
      return;
    }
    tooltip.replaceChildren(
      h('strong', {}, feature.properties.name),
      h('br'),
      formatFeatureValue(feature.properties, current.meta, current.legend, lang),
    );
    tooltip.hidden = false;
    tooltip.style.left = '0px';
    tooltip.style.top = '0px';
    const maxX = element.clientWidth - tooltip.offsetWidth - 4;
    const maxY = element.clientHeight - tooltip.offsetHeight - 4;
    tooltip.style.left = `${Math.max(4, Math.min(x + 14, maxX))}px`;
    tooltip.style.top = `${Math.max(4, Math.min(y + 14, maxY))}px`;
  };

  // The renderer is created once the container is in the page and has a size (a map built in
  // a zero-sized box fits its bounds wrongly); afterwards it follows every size change.
  let sized: () => void = () => {};
  const hasSize = new Promise<void>((resolve) => (sized = resolve));
  const canvas = hasSize.then(() =>
    createMapCanvas(
      container,
      { onHover: showTooltip, onSelect: options.onSelect },
      { basemapUrl: options.basemapUrl, lang },
    ),
  );
  let created = false;
  void canvas.then(() => {
    created = true;
    performance.mark('vk:map-ready');
  });
  const resizeObserver = new ResizeObserver(() => {
    tooltip.hidden = true;
    if (container.clientWidth > 0 && container.clientHeight > 0) sized();
    if (created && !destroyed) void canvas.then((c) => c.resize());
  });
  resizeObserver.observe(container);

  return {
    element,
    canvas,
    get current() {
      return current;
    },
    async show(request) {
      const mine = ++token;
      const response = await api.map(request);
      if (mine !== token || destroyed) return null;
      performance.mark('vk:map-data');
      current = response;
      byCode = new Map(response.features.map((f) => [f.properties.code, f]));
      const drawn = canvas.then(async (map) => {
        if (mine !== token || destroyed) return;
        const fit = lastArea !== request.area;
        lastArea = request.area;
        await map.setData(toDrawCollection(response), fit);
        map.setSelected(selected);
        if (mine !== token || destroyed) return;
        performance.mark('vk:map-drawn', { detail: { map: request.map, area: request.area } });
      });
      return { response, drawn };
    },
    setLang(next, label) {
      lang = next;
      element.setAttribute('aria-label', label);
      container
        .querySelector('canvas.maplibregl-canvas')
        ?.setAttribute('aria-label', next === 'en' ? 'Map' : 'Kaart');
    },
    setSelected(code) {
      selected = code;
      void canvas.then((c) => c.setSelected(code));
    },
    setHighlighted(code) {
      void canvas.then((c) => c.setHighlighted(code));
    },
    destroy() {
      destroyed = true;
      resizeObserver.disconnect();
      void canvas.then((c) => c.destroy());
    },
  };
}
