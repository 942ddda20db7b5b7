/**
 * The fallback renderer for browsers without WebGL2: Leaflet with its canvas renderer. Buurten
 * without a usable value get a dashed outline and a lighter fill instead of a hatch pattern.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, Geometry } from 'geojson';
import { drawPattern, findPatternKind, patternCanvas, type SpecialClassId } from './hatch-patterns.js';
import type { MapCamera, MapCanvas, MapCanvasEvents, MapCanvasOptions } from './map-canvas.js';
import { boundsOf, type DrawCollection, type DrawProperties } from './map-features.js';
import type { BorderCollection } from './region-borders.js';

type DrawFeature = Feature<Geometry, DrawProperties>;

const patterns = new Map<string, CanvasPattern | null>();

/** The hatch pattern over the class colour, as a canvas fill (Leaflet's canvas renderer passes fillColor to fillStyle). */
function patternFill(kind: SpecialClassId, color: string): string {
  const key = `${kind}|${color}`;
  if (!patterns.has(key)) {
    const tile = patternCanvas(kind, 8, color);
    patterns.set(key, tile.getContext('2d')!.createPattern(tile, 'repeat'));
  }
  return (patterns.get(key) as unknown as string | null) ?? color;
}

function styleFor(
  feature: DrawFeature | undefined,
  selected: string | null,
  hovered: string | null,
  basemapOn: boolean,
): L.PathOptions {
  const p = feature?.properties;
  const kind = p ? findPatternKind(p.classId) : undefined;
  const special = kind !== undefined;
  const isSelected = p?.code === selected;
  const isHovered = p?.code === hovered;
  return {
    fillColor: kind && p ? patternFill(kind, p._color) : (p?._color ?? '#d9d9d9'),
    fillOpacity: basemapOn ? 0.72 : 1,
    color: isSelected || isHovered ? '#000000' : special ? '#444444' : '#7b8794',
    weight: isSelected ? 4 : isHovered ? 2.5 : special ? 1.2 : 0.6,
    dashArray: special && !isSelected ? '4 3' : '',
  };
}

export async function createLeafletCanvas(
  container: HTMLElement,
  events: MapCanvasEvents,
  options: MapCanvasOptions,
): Promise<MapCanvas> {
  const map = L.map(container, {
    preferCanvas: true,
    zoomSnap: 0.25,
    attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  map.fitBounds([
    [50.7, 3.3],
    [53.6, 7.3],
  ]);
  const viewListeners: (() => void)[] = [];
  const basemapErrorListeners: (() => void)[] = [];
  let basemap: { url: string; layer: L.TileLayer } | null = null;
  const setBasemap = (url: string | null): void => {
    if (basemap?.url === url) return;
    basemap?.layer.remove();
    basemap = null;
    if (url) {
      const layer = L.tileLayer(url, {
        attribution: 'Achtergrond: BRT-Achtergrondkaart, PDOK / Kadaster (CC BY 4.0)',
        minZoom: 6,
        maxZoom: 19,
        crossOrigin: 'anonymous',
      });
      layer.on('tileerror', () => {
        for (const l of basemapErrorListeners) l();
      });
      layer.addTo(map);
      layer.bringToBack();
      basemap = { url, layer };
    }
  };
  setBasemap(options.basemapUrl);
  const borders = L.geoJSON(undefined, {
    style: () => ({ color: '#111827', weight: 2.2, fill: false }),
    interactive: false,
  });
  let borderData: BorderCollection | null = null;
  for (const event of ['move', 'zoom', 'resize', 'moveend', 'viewreset'])
    map.on(event, () => {
      for (const l of viewListeners) l();
    });
  let selected: string | null = null;
  let hovered: string | null = null;
  let collection: DrawCollection = { type: 'FeatureCollection', features: [] };
  let syncing = false;
  const cameraListeners: ((c: MapCamera) => void)[] = [];

  const layer = L.geoJSON(undefined, {
    style: (f) => styleFor(f as DrawFeature | undefined, selected, hovered, basemap !== null),
    onEachFeature: (feature, path) => {
      const code = (feature.properties as DrawProperties).code;
      path.on('mousemove', (e: L.LeafletMouseEvent) => {
        hovered = code;
        layer.resetStyle();
        events.onHover(code, e.containerPoint.x, e.containerPoint.y);
      });
      path.on('mouseout', () => {
        hovered = null;
        layer.resetStyle();
        events.onHover(null, 0, 0);
      });
      path.on('click', () => events.onSelect(code));
    },
  }).addTo(map);

  map.on('move', () => {
    if (syncing) return;
    const camera = getCamera();
    for (const l of cameraListeners) l(camera);
  });

  map.on('moveend', () => {
    const camera = getCamera();
    container.dataset['zoom'] = camera.zoom.toFixed(3);
    container.dataset['center'] = `${camera.center[0].toFixed(5)},${camera.center[1].toFixed(5)}`;
  });

  function getCamera(): MapCamera {
    const c = map.getCenter();
    // Leaflet zoom levels are 256-px based like MapLibre's 512-px levels + 1.
    return { center: [c.lng, c.lat], zoom: map.getZoom() - 1 };
  }

  return {
    renderer: 'leaflet',
    async setData(next: DrawCollection, fit: boolean): Promise<void> {
      collection = next;
      layer.clearLayers();
      layer.addData(next);
      const b = boundsOf(next);
      if (fit && b)
        map.fitBounds(
          [
            [b[1], b[0]],
            [b[3], b[2]],
          ],
          { padding: [16, 16], animate: false },
        );
      await new Promise((resolve) => requestAnimationFrame(resolve));
    },
    setSelected(code: string | null): void {
      selected = code;
      layer.resetStyle();
    },
    setHighlighted(code: string | null): void {
      hovered = code;
      layer.resetStyle();
    },
    getCamera,
    setCamera(camera: MapCamera): void {
      syncing = true;
      map.setView([camera.center[1], camera.center[0]], camera.zoom + 1, { animate: false });
      syncing = false;
    },
    onCameraChange(listener): void {
      cameraListeners.push(listener);
    },
    setBorders(next): void {
      borderData = next;
      borders.clearLayers();
      if (next) {
        borders.addData(next);
        borders.addTo(map);
      } else borders.remove();
    },
    setBasemap(url): void {
      setBasemap(url);
      layer.resetStyle();
    },
    onBasemapError(listener): void {
      basemapErrorListeners.push(listener);
    },
    project(lng: number, lat: number): [number, number] {
      const p = map.latLngToContainerPoint([lat, lng]);
      return [p.x, p.y];
    },
    onViewChange(listener): void {
      viewListeners.push(listener);
    },
    snapshot(): HTMLCanvasElement {
      // Draw the features ourselves: Leaflet's canvas is padded and translated.
      const size = map.getSize();
      const ratio = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(ratio, ratio);
      ctx.fillStyle = '#eef0f2';
      ctx.fillRect(0, 0, size.x, size.y);
      for (const f of collection.features) drawFeature(ctx, map, f, f.properties.code === selected);
      if (borderData) drawBorders(ctx, map, borderData);
      return canvas;
    },
    resize(): void {
      map.invalidateSize();
    },
    destroy(): void {
      map.remove();
    },
  };
}

function drawBorders(ctx: CanvasRenderingContext2D, map: L.Map, borders: BorderCollection): void {
  ctx.beginPath();
  for (const f of borders.features)
    for (const line of f.geometry.coordinates)
      line.forEach((pos, i) => {
        const p = map.latLngToContainerPoint([pos[1]!, pos[0]!]);
        if (i === 0) ctx.moveTo(p.x, p.y);
        else ctx.lineTo(p.x, p.y);
      });
  ctx.strokeStyle = '#111827';
  ctx.lineWidth = 2.2;
  ctx.stroke();
}

function drawFeature(
  ctx: CanvasRenderingContext2D,
  map: L.Map,
  feature: DrawFeature,
  isSelected: boolean,
): void {
  const g = feature.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  ctx.beginPath();
  for (const polygon of polygons) {
    for (const ring of polygon) {
      ring.forEach((pos, i) => {
        const p = map.latLngToContainerPoint([pos[1]!, pos[0]!]);
        if (i === 0) ctx.moveTo(p.x, p.y);
        else ctx.lineTo(p.x, p.y);
      });
      ctx.closePath();
    }
  }
  ctx.fillStyle = feature.properties._color;
  ctx.fill('evenodd');
  const kind = findPatternKind(feature.properties.classId);
  if (kind) {
    const tile = document.createElement('canvas');
    tile.width = tile.height = 8;
    drawPattern(tile.getContext('2d')!, kind, 8);
    const pattern = ctx.createPattern(tile, 'repeat');
    if (pattern) {
      ctx.fillStyle = pattern;
      ctx.fill('evenodd');
    }
  }
  ctx.strokeStyle = isSelected ? '#000000' : '#7b8794';
  ctx.lineWidth = isSelected ? 4 : 0.6;
  ctx.stroke();
}
