/**
 * What the app needs from a map renderer. Two implementations: MapLibre GL (WebGL2) and a
 * Leaflet canvas fallback for browsers without WebGL. Both are loaded lazily, so the start page
 * does not pay for them.
 */
import type { DrawCollection } from './map-features.js';
import type { BorderCollection } from './region-borders.js';

export interface MapCamera {
  center: [number, number];
  zoom: number;
}

export interface MapCanvasEvents {
  /** Pointer over a buurt (null when it leaves); x/y relative to the map container. */
  onHover(code: string | null, x: number, y: number): void;
  onSelect(code: string): void;
}

export interface MapCanvas {
  readonly renderer: 'maplibre' | 'leaflet';
  /** Draws the collection; resolves when it is fully drawn. `fit` zooms to its bounds. */
  setData(collection: DrawCollection, fit: boolean): Promise<void>;
  setSelected(code: string | null): void;
  setHighlighted(code: string | null): void;
  getCamera(): MapCamera;
  setCamera(camera: MapCamera): void;
  /** Called after the user moved the map (not after setCamera). */
  onCameraChange(listener: (camera: MapCamera) => void): void;
  /** Gemeente borders drawn over the buurten (region views); null removes them. */
  setBorders(borders: BorderCollection | null): void;
  /** A raster basemap under the buurten (tile URL template), or none. */
  setBasemap(url: string | null): void;
  /** Called when basemap tiles fail to load (e.g. offline). */
  onBasemapError(listener: () => void): void;
  /** Screen position (CSS pixels, relative to the container) of a point. */
  project(lng: number, lat: number): [number, number];
  /** Called whenever the view moves, zooms or resizes. */
  onViewChange(listener: () => void): void;
  /** The current view as a canvas of the map's pixel size (device pixels). */
  snapshot(): HTMLCanvasElement;
  resize(): void;
  destroy(): void;
}

export interface MapCanvasOptions {
  /** The basemap to start with (tile URL template), null = none (offline default). */
  basemapUrl: string | null;
  lang: 'nl' | 'en';
}

let forced: string | null = null;
/** `?renderer=leaflet` in the first URL forces the fallback (kept for the session). */
function forcedRenderer(): string | null {
  if (forced !== null) return forced;
  const fromUrl = new URLSearchParams(window.location.search).get('renderer');
  if (fromUrl) window.sessionStorage.setItem('vk-renderer', fromUrl);
  forced = fromUrl ?? window.sessionStorage.getItem('vk-renderer') ?? '';
  return forced;
}

let webgl2: boolean | undefined;
export function hasWebGl2(): boolean {
  if (webgl2 === undefined) {
    try {
      const canvas = document.createElement('canvas');
      const gl = canvas.getContext('webgl2');
      webgl2 = gl !== null;
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webgl2 = false;
    }
  }
  return webgl2;
}

/** Creates the best renderer this browser supports inside `container`. */
export async function createMapCanvas(
  container: HTMLElement,
  events: MapCanvasEvents,
  options: MapCanvasOptions,
): Promise<MapCanvas> {
  if (forcedRenderer() !== 'leaflet' && hasWebGl2()) {
    const { createMaplibreCanvas } = await import('./maplibre-canvas.js');
    return createMaplibreCanvas(container, events, options);
  }
  const { createLeafletCanvas } = await import('./leaflet-canvas.js');
  return createLeafletCanvas(container, events, options);
}

/** Starts loading the renderer code early (used while the map data is being fetched). */
export function preloadMapRenderer(): void {
  if (forcedRenderer() !== 'leaflet' && hasWebGl2()) void import('./maplibre-canvas.js');
  else void import('./leaflet-canvas.js');
}
