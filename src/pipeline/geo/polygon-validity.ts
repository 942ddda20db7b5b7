/**
 * Polygon validity in the OGC simple-features sense, checked in planar (RD) coordinates:
 * rings closed, at least 4 points, non-zero area; no ring touches or crosses itself; rings of
 * one polygon do not cross (touching at a point is allowed); holes lie inside their shell; the
 * parts of a MultiPolygon do not overlap. Segment pairs are found with a sort-and-sweep on x,
 * so a buurt with n vertices costs about O(n log n).
 */
import type { PolygonGeometry } from '../../core/records.js';
import { pointInRing, polygonsOf, ringSignedArea, type Polygon, type Ring } from './polygon-measure.js';
import { crossingPoint, segmentContact } from './segment-intersection.js';

export const GEOMETRY_PROBLEM_KINDS = [
  'non-finite',
  'ring-not-closed',
  'too-few-points',
  'zero-area',
  'self-intersection',
  'rings-cross',
  'hole-outside',
  'parts-overlap',
] as const;
export type GeometryProblemKind = (typeof GEOMETRY_PROBLEM_KINDS)[number];

export interface GeometryProblem {
  kind: GeometryProblemKind;
  /** 0-based polygon part and ring (0 = shell). */
  part: number;
  ring: number;
  /** Where, when a point is known (e.g. the self-intersection). */
  at?: [number, number];
}

/** Rings with |area| below this (m² in RD) count as zero-area. */
export const MIN_RING_AREA = 1e-6;

interface Segment {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  part: number;
  ring: number;
  index: number;
  count: number;
}

/** Every problem found (at most `limit`); an empty list means the geometry is valid. */
export function findGeometryProblems(g: PolygonGeometry, limit = 20): GeometryProblem[] {
  const problems = findRingProblems(g, limit);
  if (problems.length) return problems;
  const polys = polygonsOf(g);
  for (const p of intersectionProblems(polys, limit)) problems.push(p);
  if (problems.length) return problems.slice(0, limit);
  for (const p of containmentProblems(polys)) problems.push(p);
  return problems.slice(0, limit);
}

/**
 * The problems of single rings (non-finite, not closed, too few points, zero area), at most
 * `limit`: the first stage of findGeometryProblems, which looks no further when it finds any.
 */
export function findRingProblems(g: PolygonGeometry, limit = 20): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const polys = polygonsOf(g);
  if (polys.length === 0) return [{ kind: 'too-few-points', part: 0, ring: 0 }];
  polys.forEach((poly, part) => {
    if (poly.length === 0) problems.push({ kind: 'too-few-points', part, ring: 0 });
    poly.forEach((ring, r) => {
      for (const p of ringProblems(ring, part, r)) problems.push(p);
    });
  });
  return problems.slice(0, limit);
}

/** True when findGeometryProblems finds nothing. */
export function isValidGeometry(g: PolygonGeometry): boolean {
  return findGeometryProblems(g, 1).length === 0;
}

function ringProblems(ring: Ring, part: number, r: number): GeometryProblem[] {
  if (ring.some((p) => p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
    return [{ kind: 'non-finite', part, ring: r }];
  }
  if (ring.length < 4) return [{ kind: 'too-few-points', part, ring: r }];
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return [{ kind: 'ring-not-closed', part, ring: r }];
  if (Math.abs(ringSignedArea(ring)) < MIN_RING_AREA) return [{ kind: 'zero-area', part, ring: r }];
  return [];
}

function segmentsOf(polys: Polygon[]): Segment[] {
  const segs: Segment[] = [];
  polys.forEach((poly, part) =>
    poly.forEach((ring, r) => {
      const count = ring.length - 1;
      for (let i = 0; i < count; i++) {
        const ax = ring[i]![0]!;
        const ay = ring[i]![1]!;
        const bx = ring[i + 1]![0]!;
        const by = ring[i + 1]![1]!;
        if (ax === bx && ay === by) continue; // repeated point: harmless
        segs.push({
          ax,
          ay,
          bx,
          by,
          minX: Math.min(ax, bx),
          maxX: Math.max(ax, bx),
          minY: Math.min(ay, by),
          maxY: Math.max(ay, by),
          part,
          ring: r,
          index: i,
          count,
        });
      }
    }),
  );
  return segs.sort((s, t) => s.minX - t.minX);
}

function isAdjacent(s: Segment, t: Segment): boolean {
  if (s.part !== t.part || s.ring !== t.ring) return false;
  const d = Math.abs(s.index - t.index);
  return d === 1 || d === s.count - 1;
}

function intersectionProblems(polys: Polygon[], limit: number): GeometryProblem[] {
  const segs = segmentsOf(polys);
  const problems: GeometryProblem[] = [];
  for (let i = 0; i < segs.length && problems.length < limit; i++) {
    const s = segs[i]!;
    for (let j = i + 1; j < segs.length && segs[j]!.minX <= s.maxX; j++) {
      const t = segs[j]!;
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const contact = segmentContact(s.ax, s.ay, s.bx, s.by, t.ax, t.ay, t.bx, t.by);
      if (contact === 'none') continue;
      const kind = classify(s, t, contact);
      if (!kind) continue;
      const at =
        contact === 'cross' ? crossingPoint(s.ax, s.ay, s.bx, s.by, t.ax, t.ay, t.bx, t.by) : undefined;
      problems.push({ kind, part: s.part, ring: s.ring, ...(at ? { at } : {}) });
      if (problems.length >= limit) break;
    }
  }
  return problems;
}

function classify(
  s: Segment,
  t: Segment,
  contact: 'touch' | 'cross' | 'overlap',
): GeometryProblemKind | undefined {
  if (s.part === t.part && s.ring === t.ring) {
    // Neighbouring segments always share a vertex; only folding back onto each other is wrong.
    if (isAdjacent(s, t)) return contact === 'overlap' ? 'self-intersection' : undefined;
    return 'self-intersection';
  }
  if (contact === 'touch') return undefined;
  return s.part === t.part ? 'rings-cross' : 'parts-overlap';
}

/** A vertex of `ring` that is not on `other`'s boundary: -1 outside, 1 inside; 0 if all are on it. */
function sideOf(ring: Ring, other: Ring): -1 | 0 | 1 {
  for (const p of ring) {
    const side = pointInRing(p[0]!, p[1]!, other);
    if (side !== 0) return side;
  }
  return 0;
}

function containmentProblems(polys: Polygon[]): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  polys.forEach((poly, part) => {
    for (let r = 1; r < poly.length; r++) {
      if (sideOf(poly[r]!, poly[0]!) === -1) problems.push({ kind: 'hole-outside', part, ring: r });
    }
  });
  const boxes = polys.map((poly) => ringBox(poly[0]!));
  for (let i = 0; i < polys.length; i++) {
    for (let j = 0; j < polys.length; j++) {
      if (i === j || !boxInside(boxes[i]!, boxes[j]!)) continue;
      const shell = polys[i]![0]!;
      const other = polys[j]!;
      const side = sideOf(shell, other[0]!);
      const inHole = other.slice(1).some((hole) => sideOf(shell, hole) === 1);
      if ((side === 1 && !inHole) || (side === 0 && i < j))
        problems.push({ kind: 'parts-overlap', part: i, ring: 0 });
    }
  }
  return problems;
}

function ringBox(ring: Ring): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    minX = Math.min(minX, p[0]!);
    maxX = Math.max(maxX, p[0]!);
    minY = Math.min(minY, p[1]!);
    maxY = Math.max(maxY, p[1]!);
  }
  return [minX, minY, maxX, maxY];
}

/** Box a lies within box b (a part can only lie inside another part if its box does). */
function boxInside(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! >= b[0]! && a[1]! >= b[1]! && a[2]! <= b[2]! && a[3]! <= b[3]!;
}
