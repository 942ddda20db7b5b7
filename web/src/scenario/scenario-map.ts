/**
 * A small SVG map of an area's buurten coloured by a scenario's projected class (the buurt
 * shapes come from GET /api/maps, display geometry in WGS84). Buurten left out of the run are
 * hatched. SVG, so that it prints sharply and needs no map library or basemap.
 */
import type { ApiBuurtProjection } from '../../../src/api/scenarios.js';
import type { MapFeature } from '../../../src/api/schemas.js';
import { CLASS_COLOURS } from './scenario-messages.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(tag: string, attrs: Record<string, string>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function rings(f: MapFeature): number[][][] {
  const g = f.geometry;
  if (!g) return [];
  return g.type === 'Polygon' ? (g.coordinates as number[][][]) : (g.coordinates as number[][][][]).flat();
}

export interface Projection {
  toXY(p: number[]): [number, number];
  width: number;
  height: number;
}

/** An equirectangular projection of the features' extent into a box 1000 wide. */
export function projectionOf(features: readonly MapFeature[]): Projection | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of features)
    for (const r of rings(f))
      for (const [x, y] of r as [number, number][]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  if (!Number.isFinite(minX) || maxX === minX || maxY === minY) return null;
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = 1000 / ((maxX - minX) * k);
  return {
    toXY: ([x, y]) => [(x! - minX) * k * scale, (maxY - y!) * scale],
    width: 1000,
    height: Math.ceil((maxY - minY) * scale),
  };
}

export function scenarioMap(
  features: readonly MapFeature[],
  buurten: readonly ApiBuurtProjection[],
  label: string,
  describe: (b: ApiBuurtProjection | undefined, f: MapFeature) => string,
): SVGElement {
  const proj = projectionOf(features);
  const svg = el('svg', {
    viewBox: `0 0 ${proj?.width ?? 1000} ${proj?.height ?? 600}`,
    class: 'sc-map',
    role: 'img',
    'aria-label': label,
  });
  const defs = el('defs', {});
  const pattern = el('pattern', { id: 'sc-hatch', width: '8', height: '8', patternUnits: 'userSpaceOnUse' });
  pattern.append(
    el('rect', { width: '8', height: '8', fill: '#ffffff' }),
    el('path', { d: 'M0,8 L8,0', stroke: '#999', 'stroke-width': '1' }),
  );
  defs.append(pattern);
  svg.append(defs);
  if (!proj) return svg;
  const byCode = new Map(buurten.map((b) => [b.code, b]));
  for (const f of features) {
    const b = byCode.get(f.id);
    const d = rings(f)
      .map(
        (r) =>
          `M${r
            .map((p) =>
              proj
                .toXY(p)
                .map((v) => v.toFixed(1))
                .join(','),
            )
            .join('L')}Z`,
      )
      .join('');
    if (!d) continue;
    const path = el('path', {
      d,
      fill: b ? (CLASS_COLOURS[b.projectedClass] ?? '#ccc') : 'url(#sc-hatch)',
      stroke: '#555',
      'stroke-width': '0.8',
      'fill-rule': 'evenodd',
      'data-code': f.id,
      'data-class': b?.projectedClass ?? 'left-out',
    });
    const title = el('title', {});
    title.textContent = describe(b, f);
    path.append(title);
    svg.append(path);
  }
  return svg;
}
