import { describe, expect, it } from 'vitest';
import { lngLat, rdPoint } from '../../core/coordinates.js';
import type { PolygonGeometry } from '../../core/records.js';
import {
  geometryToLngLat,
  geometryToRd,
  lngLatProjector,
  lngLatToRd,
  rdProjector,
  rdToLngLat,
} from './rd-projection.js';

describe('rdToLngLat(p)', () => {
  it('puts the RD origin (155000, 463000) at 52.15517 N, 5.38720 E (with the datum shift)', () => {
    const [lng, lat] = rdToLngLat(rdPoint(155000, 463000));
    expect(lat).toBeCloseTo(52.15517, 5);
    expect(lng).toBeCloseTo(5.3872, 5);
    expect(Math.abs(lat - 52.15517)).toBeLessThanOrEqual(0.00001);
    expect(Math.abs(lng - 5.3872)).toBeLessThanOrEqual(0.00001);
  });

  it('round-trips through lngLatToRd to within a millimetre', () => {
    for (const [x, y] of [
      [155000, 463000],
      [13500, 371000],
      [280000, 610000],
      [196000, 322000],
    ] as const) {
      const back = lngLatToRd(rdToLngLat(rdPoint(x, y)));
      expect(Math.abs(back[0] - x)).toBeLessThan(1e-3);
      expect(Math.abs(back[1] - y)).toBeLessThan(1e-3);
    }
    const heerlen = lngLat(5.98, 50.89);
    const again = rdToLngLat(lngLatToRd(heerlen));
    expect(again[0]).toBeCloseTo(5.98, 7);
    expect(again[1]).toBeCloseTo(50.89, 7);
  });
});

describe('geometryToRd / geometryToLngLat', () => {
  it('reprojects every vertex and rounds (RD to mm, WGS84 to 6 decimals)', () => {
    const rd = geometryToRd({
      type: 'Polygon',
      coordinates: [
        [
          [5.3872, 52.15517],
          [5.39, 52.15517],
          [5.39, 52.16],
          [5.3872, 52.15517],
        ],
      ],
    });
    const first = rd.coordinates[0]![0] as number[];
    expect(first[0]).toBeCloseTo(155000, 0);
    expect(first[1]).toBeCloseTo(463000, 0);
    expect(Number.isInteger(Math.round(first[0]! * 1000))).toBe(true);
    const back = geometryToLngLat(rd);
    expect(back.coordinates[0]![0]).toEqual([5.3872, 52.15517]);
  });
});

describe('rdProjector() / lngLatProjector()', () => {
  /** A grid of squares that share their sides, as neighbouring buurten do (3,000 distinct vertices). */
  const squares = (x0: number, y0: number, step: number): PolygonGeometry[] => {
    const out: PolygonGeometry[] = [];
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 50; j++) {
        const [x, y] = [x0 + i * step, y0 + j * step];
        out.push({
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + step, y],
              [x + step, y + step],
              [x, y + step],
              [x, y],
            ],
          ],
        });
      }
    return out;
  };

  it('gives what geometryToRd / geometryToLngLat give, also for vertices seen before', () => {
    const toRd = rdProjector();
    const toLngLat = lngLatProjector();
    for (const g of squares(5.1, 52.0, 0.0013)) expect(toRd(g)).toEqual(geometryToRd(g));
    for (const g of squares(120000.123, 480000.456, 7.5)) expect(toLngLat(g)).toEqual(geometryToLngLat(g));
  });

  it('returns arrays of its own: changing one result leaves the next alone', () => {
    const toLngLat = lngLatProjector();
    const [a, b] = squares(120000, 480000, 10);
    const first = toLngLat(a!).coordinates[0] as number[][];
    const expected = geometryToLngLat(b!);
    first[3]![0] = 0; // (120000, 480010) is also b's first vertex
    expect(toLngLat(b!)).toEqual(expected);
  });
});
