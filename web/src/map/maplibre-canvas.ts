/**
 * The MapLibre GL 6 renderer. No basemap is needed: the style is a plain background plus the
 * buurt polygons (fill, hatch patterns, outlines, hover and selection lines) and gemeente
 * borders, so it works offline. An optional raster basemap (PDOK BRT-Achtergrondkaart) can be
 * switched on underneath; the buurten then become slightly transparent.
 */
import { Map as MaplibreMap, NavigationControl, prewarm, setWorkerUrl } from 'maplibre-gl';
import type {
  ErrorEvent,
  GeoJSONSource,
  LayerSpecification,
  MapLayerMouseEvent,
  StyleSpecification,
} from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { PATTERN_SIZE, SPECIAL_CLASS_IDS, patternImageData } from './hatch-patterns.js';
import type { MapCamera, MapCanvas, MapCanvasEvents, MapCanvasOptions } from './map-canvas.js';
import { boundsOf, type DrawCollection } from './map-features.js';
import { geometryKey } from './geometry-key.js';

// Vite does not emit MapLibre's worker; the build copies it next to index.html (vite.config.ts).
setWorkerUrl(new URL(`${import.meta.env.BASE_URL}maplibre-gl-worker.mjs`, window.location.href).href);
// Start the workers as soon as this chunk loads, while the app still fetches its data.
prewarm();

const SOURCE = 'buurten';
const NETHERLANDS: [number, number, number, number] = [3.3, 50.7, 7.3, 53.6];

const BORDERS = 'gemeente-borders';
const BASEMAP_ATTRIBUTION = 'Achtergrond: BRT-Achtergrondkaart, PDOK / Kadaster (CC BY 4.0)';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function style(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCE]: { type: 'geojson', data: EMPTY, promoteId: 'code' },
      [BORDERS]: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } },
      // Colours and patterns are feature state: switching maps of the same area repaints
      // without re-tiling the geometry.
      {
        id: 'buurt-fill',
        type: 'fill',
        source: SOURCE,
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'color'], '#d9d9d9'],
          'fill-opacity': 1,
        },
      },
      ...SPECIAL_CLASS_IDS.map((kind): LayerSpecification => ({
        id: `buurt-pattern-${kind}`,
        type: 'fill',
        source: SOURCE,
        paint: {
          'fill-pattern': `pattern-${kind}`,
          'fill-opacity': ['case', ['==', ['feature-state', 'pattern'], kind], 1, 0],
        },
      })),
      {
        id: 'buurt-line',
        type: 'line',
        source: SOURCE,
        paint: {
          'line-color': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            '#000000',
            ['boolean', ['feature-state', 'hover'], false],
            '#1a1a1a',
            '#7b8794',
          ],
          'line-width': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            4,
            ['boolean', ['feature-state', 'hover'], false],
            2.5,
            0.6,
          ],
        },
      },
      {
        id: BORDERS,
        type: 'line',
        source: BORDERS,
        paint: { 'line-color': '#111827', 'line-width': 2.2 },
      },
    ],
  };
}

const LOCALE = {
  nl: {
    'NavigationControl.ZoomIn': 'Inzoomen',
    'NavigationControl.ZoomOut': 'Uitzoomen',
    'NavigationControl.ResetBearing': 'Noorden boven',
    'Map.Title': 'Kaart',
  },
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Reset bearing to north',
    'Map.Title': 'Map',
  },
};

export async function createMaplibreCanvas(
  container: HTMLElement,
  events: MapCanvasEvents,
  options: MapCanvasOptions,
): Promise<MapCanvas> {
  const map = new MaplibreMap({
    container,
    style: style(),
    bounds: NETHERLANDS,
    // preserveDrawingBuffer for the PNG export; no MSAA (costly in software rendering, polygons need none).
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
    locale: LOCALE[options.lang],
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');

  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  for (const kind of SPECIAL_CLASS_IDS) {
    map.addImage(`pattern-${kind}`, patternImageData(kind, PATTERN_SIZE * 2), { pixelRatio: 2 });
  }

  let loadedKey = '';
  let hovered: string | null = null;
  let selected: string | null = null;
  let syncing = false;
  const cameraListeners: ((c: MapCamera) => void)[] = [];
  const viewListeners: (() => void)[] = [];
  const basemapErrorListeners: (() => void)[] = [];
  let basemap: string | null = null;

  function setBasemap(url: string | null): void {
    if (url === basemap) return;
    if (map.getLayer('basemap')) map.removeLayer('basemap');
    if (map.getSource('basemap')) map.removeSource('basemap');
    basemap = url;
    if (url) {
      map.addSource('basemap', {
        type: 'raster',
        tiles: [url],
        tileSize: 256,
        minzoom: 6,
        maxzoom: 19,
        attribution: BASEMAP_ATTRIBUTION,
      });
      map.addLayer({ id: 'basemap', type: 'raster', source: 'basemap' }, 'buurt-fill');
    }
    map.setPaintProperty('buurt-fill', 'fill-opacity', url ? 0.72 : 1);
  }
  setBasemap(options.basemapUrl);
  map.on('error', (e: ErrorEvent & { sourceId?: string }) => {
    if (e.sourceId === 'basemap') for (const l of basemapErrorListeners) l();
  });
  for (const event of ['move', 'resize', 'moveend'] as const)
    map.on(event, () => {
      for (const l of viewListeners) l();
    });

  const setState = (code: string | null, key: 'hover' | 'selected', on: boolean): void => {
    if (code) map.setFeatureState({ source: SOURCE, id: code }, { [key]: on });
  };

  map.on('mousemove', 'buurt-fill', (e: MapLayerMouseEvent) => {
    const code = e.features?.[0]?.properties['code'] as string | undefined;
    if (!code) return;
    if (code !== hovered) {
      setState(hovered, 'hover', false);
      hovered = code;
      setState(hovered, 'hover', true);
    }
    map.getCanvas().style.cursor = 'pointer';
    events.onHover(code, e.point.x, e.point.y);
  });
  map.on('mouseleave', 'buurt-fill', () => {
    setState(hovered, 'hover', false);
    hovered = null;
    map.getCanvas().style.cursor = '';
    events.onHover(null, 0, 0);
  });
  map.on('click', 'buurt-fill', (e: MapLayerMouseEvent) => {
    const code = e.features?.[0]?.properties['code'] as string | undefined;
    if (code) events.onSelect(code);
  });
  map.on('move', () => {
    if (syncing) return;
    const camera = getCamera();
    for (const l of cameraListeners) l(camera);
  });

  // The camera as data attributes, so tests (and curious users) can read it.
  map.on('moveend', () => {
    const c = map.getCenter();
    container.dataset['zoom'] = map.getZoom().toFixed(3);
    container.dataset['center'] = `${c.lng.toFixed(5)},${c.lat.toFixed(5)}`;
  });

  function getCamera(): MapCamera {
    const c = map.getCenter();
    return { center: [c.lng, c.lat], zoom: map.getZoom() };
  }

  return {
    renderer: 'maplibre',
    async setData(collection: DrawCollection, fit: boolean): Promise<void> {
      const drawn = new Promise<void>((resolve) => map.once('idle', () => resolve()));
      const bounds = boundsOf(collection);
      if (fit && bounds) map.fitBounds(bounds, { padding: 16, duration: 0 });
      const key = geometryKey(collection);
      if (key !== loadedKey) {
        // Geometry only (plus code and name); the worker tiles it once per area.
        loadedKey = key;
        (map.getSource(SOURCE) as GeoJSONSource).setData({
          type: 'FeatureCollection',
          features: collection.features.map((f) => ({
            type: 'Feature',
            geometry: f.geometry,
            properties: { code: f.properties.code },
          })),
        });
      }
      for (const f of collection.features) {
        map.setFeatureState(
          { source: SOURCE, id: f.properties.code },
          {
            color: f.properties._color,
            pattern: f.properties._pattern?.replace('pattern-', '') ?? null,
            selected: f.properties.code === selected,
          },
        );
      }
      map.triggerRepaint();
      await drawn;
    },
    setSelected(code: string | null): void {
      setState(selected, 'selected', false);
      selected = code;
      setState(selected, 'selected', true);
    },
    setHighlighted(code: string | null): void {
      setState(hovered, 'hover', false);
      hovered = code;
      setState(hovered, 'hover', true);
    },
    getCamera,
    setCamera(camera: MapCamera): void {
      syncing = true;
      map.jumpTo({ center: camera.center, zoom: camera.zoom });
      syncing = false;
    },
    onCameraChange(listener): void {
      cameraListeners.push(listener);
    },
    setBorders(borders): void {
      (map.getSource(BORDERS) as GeoJSONSource).setData(borders ?? EMPTY);
    },
    setBasemap,
    onBasemapError(listener): void {
      basemapErrorListeners.push(listener);
    },
    project(lng: number, lat: number): [number, number] {
      const p = map.project([lng, lat]);
      return [p.x, p.y];
    },
    onViewChange(listener): void {
      viewListeners.push(listener);
    },
    snapshot(): HTMLCanvasElement {
      return map.getCanvas();
    },
    resize(): void {
      map.resize();
    },
    destroy(): void {
      map.remove();
    },
  };
}
