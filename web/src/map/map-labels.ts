/**
 * Buurt names on the map: an anchor inside each buurt (the centroid of its largest polygon when
 * that lies inside, else the middle of the widest horizontal run through it), and a placement
 * that shows a name only where it fits in its buurt at the current zoom and does not overlap
 * another (larger buurten first, the selected one always). Drawn on a transparent canvas over
 * the map by either renderer, and into the PNG export. Works offline: no font server needed.
 */
import type { Position } from 'geojson';
import type { DrawCollection } from './map-features.js';

export interface LabelFeature {
  code: string;
  name: string;
  /** [lng, lat] inside the buurt. */
  anchor: [number, number];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
}

export interface PlacedLabel {
  code: string;
  name: string;
  x: number;
  y: number;
  width: number;
  selected: boolean;
}

type Ring = Position[];

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return a / 2;
}

function centroid(ring: Ring): [number, number] {
  let x = 0;
  let y = 0;
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]! as [number, number];
    const [x1, y1] = ring[i]! as [number, number];
    const f = x0 * y1 - x1 * y0;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
    a += f;
  }
  if (a === 0) return [ring[0]![0]!, ring[0]![1]!];
  return [x / (3 * a), y / (3 * a)];
}

function inside(point: [number, number], rings: readonly Ring[]): boolean {
  let odd = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]! as [number, number];
      const [xj, yj] = ring[j]! as [number, number];
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
        odd = !odd;
    }
  return odd;
}

/** The middle of the widest inside run of the horizontal lines through the polygon. */
function widestRun(rings: readonly Ring[], south: number, north: number): [number, number] | null {
  let best: { width: number; point: [number, number] } | null = null;
  for (let k = 1; k < 12; k++) {
    const y = south + ((north - south) * k) / 12;
    const xs: number[] = [];
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]! as [number, number];
        const [xj, yj] = ring[j]! as [number, number];
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (!best || width > best.width) best = { width, point: [(xs[i]! + xs[i + 1]!) / 2, y] };
    }
  }
  return best?.point ?? null;
}

/** A label anchor and bbox per buurt with geometry. */
export function labelFeatures(collection: DrawCollection): LabelFeature[] {
  const out: LabelFeature[] = [];
  for (const f of collection.features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let largest: Ring[] | undefined;
    let largestArea = -1;
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    for (const polygon of polygons) {
      const area = Math.abs(ringArea(polygon[0] ?? []));
      if (area > largestArea) {
        largestArea = area;
        largest = polygon;
      }
      for (const [x, y] of polygon[0] ?? []) {
        if (x! < w) w = x!;
        if (x! > e) e = x!;
        if (y! < s) s = y!;
        if (y! > n) n = y!;
      }
    }
    if (!largest || !Number.isFinite(w)) continue;
    const c = centroid(largest[0]!);
    let ls = Infinity;
    let ln = -Infinity;
    for (const [, y] of largest[0]!) {
      if (y! < ls) ls = y!;
      if (y! > ln) ln = y!;
    }
    const anchor = inside(c, largest) ? c : (widestRun(largest, ls, ln) ?? c);
    out.push({ code: f.properties.code, name: f.properties.name, anchor, bbox: [w, s, e, n] });
  }
  return out;
}

export const LABEL_FONT = '600 12px system-ui, "DejaVu Sans", Arial, sans-serif';
const LINE = 14;

/**
 * Which names to show: each fits within its buurt's on-screen box (or is the selected buurt),
 * lies in the view and overlaps no name placed before it; larger buurten are placed first.
 */
export function placeLabels(
  features: readonly LabelFeature[],
  project: (lng: number, lat: number) => [number, number],
  view: { width: number; height: number },
  measure: (text: string) => number,
  selected: string | null,
): PlacedLabel[] {
  const candidates = features.map((f) => {
    const [x, y] = project(f.anchor[0], f.anchor[1]);
    const [x0, y0] = project(f.bbox[0], f.bbox[1]);
    const [x1, y1] = project(f.bbox[2], f.bbox[3]);
    const boxWidth = Math.abs(x1 - x0);
    const boxHeight = Math.abs(y1 - y0);
    return { f, x, y, boxWidth, boxHeight, area: boxWidth * boxHeight };
  });
  candidates.sort((a, b) => (a.f.code === selected ? -1 : b.f.code === selected ? 1 : b.area - a.area));
  const placed: PlacedLabel[] = [];
  const boxes: [number, number, number, number][] = [];
  for (const c of candidates) {
    const isSelected = c.f.code === selected;
    if (c.x < 0 || c.y < 0 || c.x > view.width || c.y > view.height) continue;
    const width = measure(c.f.name);
    if (!isSelected && (width > c.boxWidth * 0.95 || c.boxHeight < LINE * 1.3)) continue;
    const box: [number, number, number, number] = [
      c.x - width / 2 - 3,
      c.y - LINE / 2 - 2,
      c.x + width / 2 + 3,
      c.y + LINE / 2 + 2,
    ];
    if (boxes.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
    boxes.push(box);
    placed.push({ code: c.f.code, name: c.f.name, x: c.x, y: c.y, width, selected: isSelected });
  }
  return placed;
}

/** Draws placed names (dark text with a white halo) onto a 2D context in CSS pixels. */
export function drawLabels(ctx: CanvasRenderingContext2D, labels: readonly PlacedLabel[]): void {
  ctx.save();
  ctx.font = LABEL_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const l of labels) {
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = 'rgba(255,255,255,0.92)';
    ctx.strokeText(l.name, l.x, l.y);
    ctx.fillStyle = l.selected ? '#000000' : '#1f2933';
    ctx.fillText(l.name, l.x, l.y);
  }
  ctx.restore();
}
