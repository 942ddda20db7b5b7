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

/**
 * The segments of a geometry as columns (no object per segment: a national boundary file has a
 * few hundred thousand). Segment i runs from (ax[i], ay[i]) to (bx[i], by[i]); it is segment
 * `index` of ring `ring` (of `count` segments) of polygon `part`.
 */
class Segments {
  readonly ax: Float64Array;
  readonly ay: Float64Array;
  readonly bx: Float64Array;
  readonly by: Float64Array;
  readonly part: Int32Array;
  readonly ring: Int32Array;
  readonly index: Int32Array;
  readonly count: Int32Array;
  length = 0;

  constructor(readonly capacity: number) {
    this.ax = new Float64Array(capacity);
    this.ay = new Float64Array(capacity);
    this.bx = new Float64Array(capacity);
    this.by = new Float64Array(capacity);
    this.part = new Int32Array(capacity);
    this.ring = new Int32Array(capacity);
    this.index = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
  }

  minX(i: number): number {
    return Math.min(this.ax[i]!, this.bx[i]!);
  }
  maxX(i: number): number {
    return Math.max(this.ax[i]!, this.bx[i]!);
  }
  minY(i: number): number {
    return Math.min(this.ay[i]!, this.by[i]!);
  }
  maxY(i: number): number {
    return Math.max(this.ay[i]!, this.by[i]!);
  }
}

/** Columns reused by every geometry up to this many segments (larger ones get their own). */
const REUSED_SEGMENTS = 1 << 16;
let reused: Segments | undefined;

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

/** The segments of every ring (repeated points left out), and their order by minimum x (stable). */
function segmentsOf(polys: Polygon[]): { segs: Segments; order: number[] } {
  let total = 0;
  for (const poly of polys) for (const ring of poly) total += Math.max(0, ring.length - 1);
  const segs = total <= REUSED_SEGMENTS ? (reused ??= new Segments(REUSED_SEGMENTS)) : new Segments(total);
  let n = 0;
  polys.forEach((poly, part) =>
    poly.forEach((ring, r) => {
      const count = ring.length - 1;
      for (let i = 0; i < count; i++) {
        const ax = ring[i]![0]!;
        const ay = ring[i]![1]!;
        const bx = ring[i + 1]![0]!;
        const by = ring[i + 1]![1]!;
        if (ax === bx && ay === by) continue; // repeated point: harmless
        segs.ax[n] = ax;
        segs.ay[n] = ay;
        segs.bx[n] = bx;
        segs.by[n] = by;
        segs.part[n] = part;
        segs.ring[n] = r;
        segs.index[n] = i;
        segs.count[n] = count;
        n++;
      }
    }),
  );
  segs.length = n;
  const minX = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    minX[i] = segs.minX(i);
    order[i] = i;
  }
  order.sort((s, t) => minX[s]! - minX[t]!); // Array.prototype.sort is stable
  return { segs, order };
}

function isAdjacent(segs: Segments, s: number, t: number): boolean {
  if (segs.part[s] !== segs.part[t] || segs.ring[s] !== segs.ring[t]) return false;
  const d = Math.abs(segs.index[s]! - segs.index[t]!);
  return d === 1 || d === segs.count[s]! - 1;
}

function intersectionProblems(polys: Polygon[], limit: number): GeometryProblem[] {
  const { segs, order } = segmentsOf(polys);
  const { ax, ay, bx, by } = segs;
  const problems: GeometryProblem[] = [];
  for (let i = 0; i < order.length && problems.length < limit; i++) {
    const s = order[i]!;
    const maxX = segs.maxX(s);
    const minY = segs.minY(s);
    const maxY = segs.maxY(s);
    for (let j = i + 1; j < order.length && segs.minX(order[j]!) <= maxX; j++) {
      const t = order[j]!;
      if (segs.maxY(t) < minY || segs.minY(t) > maxY) continue;
      const contact = segmentContact(ax[s]!, ay[s]!, bx[s]!, by[s]!, ax[t]!, ay[t]!, bx[t]!, by[t]!);
      if (contact === 'none') continue;
      const kind = classify(segs, s, t, contact);
      if (!kind) continue;
      const at =
        contact === 'cross'
          ? crossingPoint(ax[s]!, ay[s]!, bx[s]!, by[s]!, ax[t]!, ay[t]!, bx[t]!, by[t]!)
          : undefined;
      problems.push({ kind, part: segs.part[s]!, ring: segs.ring[s]!, ...(at ? { at } : {}) });
      if (problems.length >= limit) break;
    }
  }
  return problems;
}

function classify(
  segs: Segments,
  s: number,
  t: number,
  contact: 'touch' | 'cross' | 'overlap',
): GeometryProblemKind | undefined {
  const samePart = segs.part[s] === segs.part[t];
  if (samePart && segs.ring[s] === segs.ring[t]) {
    // Neighbouring segments always share a vertex; only folding back onto each other is wrong.
    if (isAdjacent(segs, s, t)) return contact === 'overlap' ? 'self-intersection' : undefined;
    return 'self-intersection';
  }
  if (contact === 'touch') return undefined;
  return samePart ? 'rings-cross' : 'parts-overlap';
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
