import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../../core/records.js';
import { geometryArea } from './polygon-measure.js';
import { cleanGeometry, normaliseGeometry } from './polygon-repair.js';
import { findGeometryProblems, isValidGeometry } from './polygon-validity.js';

const square = (x: number, y: number, s: number): number[][] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];
const poly = (...rings: number[][][]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });

describe('findGeometryProblems(g)', () => {
  it('accepts a square with a hole, in either orientation', () => {
    expect(findGeometryProblems(poly(square(0, 0, 10), square(2, 2, 2)))).toEqual([]);
    expect(findGeometryProblems(poly([...square(0, 0, 10)].reverse()))).toEqual([]);
  });

  it('finds a bow-tie (self-crossing ring) with the crossing point', () => {
    const bowTie = poly([
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ]);
    const problems = findGeometryProblems(bowTie);
    expect(problems[0]?.kind).toBe('zero-area');
    const skewed = poly([
      [0, 0],
      [4, 2],
      [4, 0],
      [0, 3],
      [0, 0],
    ]);
    expect(findGeometryProblems(skewed)).toEqual([
      expect.objectContaining({ kind: 'self-intersection', at: [expect.any(Number), expect.any(Number)] }),
    ]);
  });

  it('finds a ring touching itself at a vertex, a spike, a hole outside and overlapping parts', () => {
    expect(
      findGeometryProblems(
        poly([
          [0, 0],
          [4, 0],
          [4, 4],
          [2, 0],
          [0, 4],
          [0, 0],
        ]),
      )[0]?.kind,
    ).toBe('self-intersection');
    expect(
      findGeometryProblems(
        poly([
          [0, 0],
          [4, 0],
          [6, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ]),
      )[0]?.kind,
    ).toBe('self-intersection');
    expect(findGeometryProblems(poly(square(0, 0, 4), square(10, 10, 1)))[0]?.kind).toBe('hole-outside');
    expect(findGeometryProblems(poly(square(0, 0, 4), square(3, 3, 4)))[0]?.kind).toBe('rings-cross');
    const multi: PolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 4)], [square(1, 1, 1)]],
    };
    expect(findGeometryProblems(multi)[0]?.kind).toBe('parts-overlap');
  });

  it('allows a hole touching its shell at one point and parts touching at a corner', () => {
    expect(
      findGeometryProblems(
        poly(square(0, 0, 4), [
          [0, 2],
          [2, 1],
          [2, 3],
          [0, 2],
        ]),
      ),
    ).toEqual([]);
    const multi: PolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(1, 1, 1)]],
    };
    expect(findGeometryProblems(multi)).toEqual([]);
  });

  it('reports open rings, rings with < 4 points and zero area', () => {
    expect(
      findGeometryProblems(
        poly([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]),
      )[0]?.kind,
    ).toBe('ring-not-closed');
    expect(
      findGeometryProblems(
        poly([
          [0, 0],
          [1, 0],
          [0, 0],
        ]),
      )[0]?.kind,
    ).toBe('too-few-points');
    expect(
      findGeometryProblems(
        poly([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ]),
      )[0]?.kind,
    ).toBe('zero-area');
  });
});

describe('cleanGeometry(g) and normaliseGeometry(g)', () => {
  it('closes rings, drops repeated points and orients shells CCW / holes CW', () => {
    const fixes = new Set<string>();
    const g = cleanGeometry(
      poly(
        [
          [0, 0],
          [0, 4],
          [0, 4],
          [4, 4],
          [4, 0],
        ],
        [
          [1, 1],
          [2, 1],
          [2, 2],
          [1, 2],
          [1, 1],
        ],
      ),
      fixes as never,
    )!;
    expect(g.coordinates[0]).toEqual([
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ]);
    expect(g.coordinates[1]).toEqual([
      [1, 1],
      [1, 2],
      [2, 2],
      [2, 1],
      [1, 1],
    ]);
    expect([...fixes].sort()).toEqual(['duplicate-points', 'orientation', 'ring-closed']);
    expect(isValidGeometry(g)).toBe(true);
  });

  it('repairs a bow-tie into two valid triangles that keep the area', () => {
    const r = normaliseGeometry(
      poly([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.fixes).toContain('renoded');
    expect(r.geometry?.type).toBe('MultiPolygon');
    expect(geometryArea(r.geometry!)).toBeCloseTo(2, 9);
  });

  it('repairs a self-touching ring and drops a spike without changing the area', () => {
    const touching = normaliseGeometry(
      poly([
        [0, 0],
        [4, 0],
        [4, 4],
        [2, 0],
        [0, 4],
        [0, 0],
      ]),
    );
    expect(touching.problems).toEqual([]);
    expect(geometryArea(touching.geometry!)).toBeCloseTo(8, 9);
    const spike = normaliseGeometry(
      poly([
        [0, 0],
        [4, 0],
        [6, 0],
        [4, 0],
        [4, 4],
        [0, 4],
        [0, 0],
      ]),
    );
    expect(spike.problems).toEqual([]);
    expect(geometryArea(spike.geometry!)).toBeCloseTo(16, 9);
  });

  it('returns null geometry when nothing with an area is left, and keeps non-finite input as a problem', () => {
    expect(
      normaliseGeometry(
        poly([
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ]),
      ).geometry,
    ).toBeNull();
    expect(
      normaliseGeometry(
        poly([
          [0, 0],
          [1, Number.NaN],
          [1, 1],
          [0, 0],
        ]),
      ).problems[0]?.kind,
    ).toBe('non-finite');
  });
});
