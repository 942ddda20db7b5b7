/**
 * One interactive map: the renderer, the hover tooltip (name and value), buurt names drawn over
 * it where they fit, gemeente borders when it shows a region, the optional basemap, and the
 * loading of a map response into it. Used once on the map page and twice in the side-by-side
 * view. Performance marks `vk:map-drawn` are set when a map is fully drawn
 * (bench/web-map.bench.ts).
 */
import type { MapFeature, MapResponse } from '../../../src/api/schemas.js';
import { api, type MapRequest } from '../api-client.js';
import { h } from '../dom/element.js';
import type { Lang } from '../i18n/messages.js';
import { formatFeatureValue } from './feature-value.js';
import { createMapCanvas, type MapCanvas } from './map-canvas.js';
import {
  drawLabels,
  labelFeatures,
  LABEL_FONT,
  placeLabels,
  type LabelFeature,
  type PlacedLabel,
} from './map-labels.js';
import { toDrawCollection } from './map-features.js';
import { gemeenteBorders } from './region-borders.js';

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
  /** Draws a response made in the app (the difference view); resolves when drawn. */
  showResponse(response: MapResponse): Promise<void>;
  /** Tooltip text of a buurt instead of its value (null: the value). */
  setDescriber(describe: ((feature: MapFeature) => string) | null): void;
  setLabels(on: boolean): void;
  setBasemap(url: string | null): void;
  onBasemapError(listener: () => void): void;
  /** A notice drawn over the map (why it is empty), or none. */
  setNotice(notice: HTMLElement | null): void;
  /** The map as shown, with the buurt names, as a canvas of device pixels (for the PNG export). */
  snapshot(): Promise<HTMLCanvasElement>;
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
  const labelCanvas = h('canvas', { class: 'map-labels', 'aria-hidden': 'true' });
  const noticeSlot = h('div', { class: 'map-notice-slot' });
  const element = h(
    'div',
    { class: 'map-frame', role: 'region', 'aria-label': options.label },
    container,
    labelCanvas,
    noticeSlot,
    tooltip,
  );
  let labelsOn = true;
  let labels: LabelFeature[] = [];
  let placed: PlacedLabel[] = [];
  let labelFrame = 0;
  let describe: ((feature: MapFeature) => string) | null = null;
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
      describe
        ? describe(feature)
        : formatFeatureValue(feature.properties, current.meta, current.legend, lang),
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
  void canvas.then((c) => {
    created = true;
    element.dataset['renderer'] = c.renderer;
    c.onViewChange(scheduleLabels);
    performance.mark('vk:map-ready');
  });

  function drawLabelLayer(c: MapCanvas): void {
    const width = container.clientWidth;
    const height = container.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (
      labelCanvas.width !== Math.round(width * ratio) ||
      labelCanvas.height !== Math.round(height * ratio)
    ) {
      labelCanvas.width = Math.round(width * ratio);
      labelCanvas.height = Math.round(height * ratio);
      labelCanvas.style.width = `${width}px`;
      labelCanvas.style.height = `${height}px`;
    }
    const ctx = labelCanvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!labelsOn || labels.length === 0) {
      placed = [];
      labelCanvas.dataset['labels'] = '0';
      return;
    }
    ctx.font = LABEL_FONT;
    const widths = new Map<string, number>();
    const measure = (text: string): number => {
      let w = widths.get(text);
      if (w === undefined) {
        w = ctx.measureText(text).width;
        widths.set(text, w);
      }
      return w;
    };
    placed = placeLabels(labels, (lng, lat) => c.project(lng, lat), { width, height }, measure, selected);
    drawLabels(ctx, placed);
    labelCanvas.dataset['labels'] = String(placed.length);
  }

  function scheduleLabels(): void {
    if (labelFrame) return;
    labelFrame = requestAnimationFrame(() => {
      labelFrame = 0;
      if (!destroyed) void canvas.then(drawLabelLayer);
    });
  }

  async function draw(response: MapResponse, area: string, mine: number): Promise<void> {
    const map = await canvas;
    if (mine !== token || destroyed) return;
    const fit = lastArea !== area;
    lastArea = area;
    const collection = toDrawCollection(response);
    await map.setData(collection, fit);
    map.setSelected(selected);
    if (fit) {
      labels = labelFeatures(collection);
      const borders = gemeenteBorders(collection);
      map.setBorders(borders);
      element.dataset['borders'] = String(borders?.features.length ?? 0);
    }
    drawLabelLayer(map);
  }
  const resizeObserver = new ResizeObserver(() => {
    tooltip.hidden = true;
    scheduleLabels();
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
      const drawn = draw(response, request.area, mine).then(() => {
        if (mine !== token || destroyed) return;
        performance.mark('vk:map-drawn', { detail: { map: request.map, area: request.area } });
      });
      return { response, drawn };
    },
    async showResponse(response) {
      const mine = ++token;
      current = response;
      byCode = new Map(response.features.map((f) => [f.properties.code, f]));
      await draw(response, response.meta.area, mine);
      if (mine === token && !destroyed)
        performance.mark('vk:map-drawn', { detail: { map: response.meta.map, area: response.meta.area } });
    },
    setNotice(notice) {
      noticeSlot.replaceChildren(...(notice ? [notice] : []));
    },
    setDescriber(next) {
      describe = next;
    },
    setLabels(on) {
      labelsOn = on;
      scheduleLabels();
    },
    setBasemap(url) {
      void canvas.then((c) => c.setBasemap(url));
    },
    onBasemapError(listener) {
      void canvas.then((c) => c.onBasemapError(listener));
    },
    async snapshot() {
      const c = await canvas;
      drawLabelLayer(c);
      const map = c.snapshot();
      const out = document.createElement('canvas');
      out.width = map.width;
      out.height = map.height;
      const ctx = out.getContext('2d')!;
      ctx.drawImage(map, 0, 0);
      if (labelsOn && labelCanvas.width > 0) ctx.drawImage(labelCanvas, 0, 0, map.width, map.height);
      return out;
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
      scheduleLabels();
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
