import { describe, expect, it } from 'vitest';
import type { GeometryRow } from '../../storage/store.js';
import { geometryArea, geometryBbox } from '../geo/polygon-measure.js';
import { buildCrosswalk, type DivisionData } from './division-crosswalk.js';

function strip(code: string, x0: number, x1: number, year: number): GeometryRow {
  const rd = {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x0, 0],
        [x1, 0],
        [x1, 1000],
        [x0, 1000],
        [x0, 0],
      ],
    ],
  };
  return { code, divisionYear: year, rd, areaM2: geometryArea(rd), bbox: geometryBbox(rd), display: null };
}

function division(year: number, strips: [string, number, number][]): DivisionData {
  const geometries = new Map(strips.map(([c, a, b]) => [c, strip(c, a, b, year)]));
  return { year, codes: strips.map(([c]) => c), geometries };
}

const row = (n: number, shift = 0): [string, number, number][] =>
  Array.from({ length: n }, (_, i) => [
    `BU099900${String(i).padStart(2, '0')}`,
    i * 1000 + shift,
    (i + 1) * 1000 + shift,
  ]);

describe('buildCrosswalk(source, reference)', () => {
  it('carries unchanged codes by code and overlays a redrawn one', () => {
    const before = division(2018, row(5));
    const after = division(2019, [...row(4), ['BU09990004', 4000, 4500], ['BU09990005', 4500, 5000]]);
    const cw = buildCrosswalk(before, after);
    expect(cw.targets.get('BU09990000')).toEqual({ method: 'code', source: 'BU09990000' });
    expect(cw.targets.get('BU09990004')).toEqual({
      method: 'overlay',
      parts: [{ source: 'BU09990004', weight: 0.5, targetShare: 1 }],
    });
    expect(cw.targets.get('BU09990005')).toEqual({
      method: 'overlay',
      parts: [{ source: 'BU09990004', weight: 0.5, targetShare: 1 }],
    });
    expect(cw.unmatched).toEqual([]);
    expect(cw.notes).toEqual([]);
  });

  it('ignores slivers from slightly different boundary lines', () => {
    const before = division(2018, [
      ['BU09990000', 0, 1000],
      ['BU09990001', 1000, 2000],
    ]);
    const after = division(2019, [
      ['BU09990000', 0, 1005],
      ['BU09990002', 1005, 2000],
    ]);
    const cw = buildCrosswalk(before, after);
    expect(cw.targets.get('BU09990000')).toEqual({ method: 'code', source: 'BU09990000' });
    expect(cw.targets.get('BU09990002')).toMatchObject({
      method: 'overlay',
      parts: [{ source: 'BU09990001' }],
    });
  });

  it('treats boundary sets of different resolution as not comparable: same codes by code, with a note', () => {
    const before = division(2014, row(25, 450)); // every buurt shifted by 45%: IoU ≈ 0.38
    const after = division(2019, row(25));
    const cw = buildCrosswalk(before, after);
    expect([...cw.targets.values()].every((e) => e.method === 'code')).toBe(true);
    expect(cw.notes[0]).toMatch(/buurt boundaries of indeling 2014 and 2019 differ in resolution/);
  });

  it('counts source codes that reach no target as unmatched', () => {
    const before: DivisionData = { year: 2018, codes: ['BU09990000', 'BU09990099'], geometries: new Map() };
    const after: DivisionData = { year: 2019, codes: ['BU09990000'], geometries: new Map() };
    const cw = buildCrosswalk(before, after);
    expect(cw.unmatched).toEqual(['BU09990099']);
  });
});
