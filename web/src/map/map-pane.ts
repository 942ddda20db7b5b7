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
  /** Loads and draws a map; resolves with the response, or null when a newer request overtook it. */
  show(request: MapRequest): Promise<MapResponse | null>;
  setLang(lang: Lang, label: string): void;
  setSelected(code: string | null): void;
  setHighlighted(code: string | null): void;
  destroy(): void;
}

export function createMapPane(options: MapPaneOptions): MapPane {
  const container = h('div', { class: 'map-container', 'data-testid': options.testId });
  const tooltip = h('div', { class: 'map-tooltip', role: 'tooltip', hidden: true, 'data-testid': `${options.testId}-tooltip` });
  const element = h('div', { class: 'map-frame', role: 'region', 'aria-label': options.label }, container, tooltip);
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
    const maxX = element.clientWidth - tooltip.offsetWidth - 4;
    const maxY = element.clientHeight - tooltip.offsetHeight - 4;
    tooltip.style.left = `${Math.max(4, Math.min(x + 14, maxX))}px`;
    tooltip.style.top = `${Math.max(4, Math.min(y + 14, maxY))}px`;
  };

  const canvas = createMapCanvas(container, { onHover: showTooltip, onSelect: options.onSelect }, { basemapUrl: options.basemapUrl, lang });

  // Keep the renderer's size in step with its box (layout changes, display toggles).
  const resizeObserver = new ResizeObserver(() => void canvas.then((c) => !destroyed && c.resize()));
  resizeObserver.observe(container);

  return {
    element,
    canvas,
    get current() {
      return current;
    },
    async show(request) {
      const mine = ++token;
      const [response, map] = await Promise.all([api.map(request), canvas]);
      if (mine !== token || destroyed) return null;
      current = response;
      byCode = new Map(response.features.map((f) => [f.properties.code, f]));
      const fit = lastArea !== request.area;
      lastArea = request.area;
      await map.setData(toDrawCollection(response), fit);
      map.setSelected(selected);
      if (mine !== token || destroyed) return null;
      performance.mark('vk:map-drawn', { detail: { map: request.map, area: request.area } });
      return response;
    },
    setLang(next, label) {
      lang = next;
      element.setAttribute('aria-label', label);
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
