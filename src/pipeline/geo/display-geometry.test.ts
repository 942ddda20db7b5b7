import polygonClipping, { type Pair } from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../../core/records.js';
import { buildDisplayGeometries } from './display-geometry.js';
import { polygonsOf } from './polygon-measure.js';

/** A border from (x, 320000) to (x, 321000) with 200 wiggly vertices. */
const border = (x: number): number[][] =>
  Array.from({ length: 201 }, (_, i) => [x + (i % 2 === 0 ? 0 : 3 + (i % 7)), 320000 + i * 5]);

function neighbours(): { west: PolygonGeometry; east: PolygonGeometry } {
  const b = border(195000);
  const west = [[194000, 320000], ...b, [194000, 321000], [194000, 320000]];
  const east = [[195000, 320000], [196000, 320000], [196000, 321000], ...[...b].reverse()];
  return { west: { type: 'Polygon', coordinates: [west] }, east: { type: 'Polygon', coordinates: [east] } };
}

const vertices = (g: PolygonGeometry): Set<string> =>
  new Set(
    polygonsOf(g)
      .flat(2)
      .map((p) => p.join(',')),
  );

describe('buildDisplayGeometries(items, minWeight)', () => {
  it('simplifies a shared border once, so both neighbours keep exactly the same border vertices', () => {
    const { west, east } = neighbours();
    const out = buildDisplayGeometries(
      [
        { code: 'BU1', rd: west },
        { code: 'BU2', rd: east },
      ],
      200,
    );
    const w = out.get('BU1')!;
    const e = out.get('BU2')!;
    const shared = [...vertices(w)].filter((v) => vertices(e).has(v));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    expect(shared.length).toBeLessThan(201); // simplified
    // Every vertex of one neighbour on the (simplified) border is a vertex of the other: no gap, no overlap.
    const ring = (g: PolygonGeometry): Pair[] => polygonsOf(g)[0]![0]!.map((p) => [p[0]!, p[1]!] as Pair);
    const overlap = polygonClipping.intersection([ring(w)], [ring(e)]);
    const union = polygonClipping.union([ring(w)], [ring(e)]);
    const area = (mp: Pair[][][]): number =>
      mp.reduce(
        (s, poly) => s + poly.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * Math.abs(shoelace(r)), 0),
        0,
      );
    expect(area(overlap)).toBeLessThan(1e-12);
    expect(union).toHaveLength(1);
    expect(union[0]).toHaveLength(1); // one outer ring, no sliver hole between them
  });

  it('returns WGS84 with at most 6 decimals and keeps tiny islands instead of dropping them', () => {
    const island: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [150000, 460000],
          [150002, 460000],
          [150002, 460002],
          [150000, 460000],
        ],
      ],
    };
    const out = buildDisplayGeometries([{ code: 'BU3', rd: island }], 1000);
    const ring = polygonsOf(out.get('BU3')!)[0]![0]!;
    expect(ring).toHaveLength(4);
    for (const p of ring) for (const v of p) expect(Math.round(v * 1e6) / 1e6).toBe(v);
  });
});

function shoelace(r: Pair[]): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += r[j]![0] * r[i]![1] - r[i]![0] * r[j]![1];
  return s / 2;
}
