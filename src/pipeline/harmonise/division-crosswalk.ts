/**
 * The crosswalk from one division (indeling) to the reference division, per level:
 *   - a code in both divisions whose geometry did not change (or that lacks geometry in one
 *     of them) → carried by code;
 *   - a reference area whose code is new, or whose geometry changed (IoU < SAME_GEOMETRY_IOU,
 *     judged only where the two boundary sets are comparable, COMPARABLE_MEDIAN_IOU)
 *     → area-weighted overlay of the source areas that intersect it;
 *   - a source area used by neither → unmatched.
 */
import { findAreaLevel, gemeenteOf, type AreaCode } from '../../core/area-code.js';
import type { GeometryRow } from '../../storage/store.js';
import { intersectionArea, overlayAreas, ShapeIndex, type OverlayShape } from './overlay-area.js';

/** Same code and intersection-over-union at least this → the area did not change. */
export const SAME_GEOMETRY_IOU = 0.9;
/**
 * Below this median IoU over all same-code pairs of a level, the two boundary sets differ in
 * resolution (e.g. a 300 m-quantised overview file against a detailed one) rather than in
 * division: then IoU says nothing about redrawing, and same codes are carried by code.
 */
export const COMPARABLE_MEDIAN_IOU = 0.9;
/** The resolution check needs this many same-code pairs on a level (a toy gemeente is always comparable). */
export const MIN_PAIRS_FOR_RESOLUTION_CHECK = 20;
/** Contributions smaller than this share of both the source and the target are boundary noise. */
export const SLIVER_SHARE = 0.01;
/** A target covered for less than this share by source areas gets no overlay value. */
export const MIN_COVERAGE = 0.5;

export interface OverlayPart {
  source: string;
  /** Share of the source area that lies in the target (apportioning weight for counts). */
  weight: number;
  /** Share of the target's covered area that comes from this source (weights for means). */
  targetShare: number;
}

export type CrosswalkEntry = { method: 'code'; source: string } | { method: 'overlay'; parts: OverlayPart[] };

export interface Crosswalk {
  from: number;
  to: number;
  /** Target (reference) code → how it gets its values. */
  targets: Map<string, CrosswalkEntry>;
  /** Source codes that reach no target. */
  unmatched: string[];
  /** Remarks for the report, e.g. boundary sets that were not comparable. */
  notes: string[];
  /** Source codes whose geometry came from another division (code → that division's year). */
  borrowed: ReadonlyMap<string, number>;
}

export interface DivisionData {
  year: number;
  codes: readonly string[];
  /** Geometry per code: the division's own, plus any borrowed (see `borrowed`). */
  geometries: ReadonlyMap<string, GeometryRow>;
  /** Codes whose geometry is another division's (code → donor year); borrowed-geometry.ts. */
  borrowed?: ReadonlyMap<string, number>;
}

const shape = (g: GeometryRow): OverlayShape => ({ code: g.code, rd: g.rd, areaM2: g.areaM2, bbox: g.bbox });

/** Same JSON: equal nested arrays of numbers (no string per geometry, as for 13,000 pairs a division). */
function sameJson(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
  return true;
}

function iou(a: GeometryRow, b: GeometryRow): number {
  if (a.rd.type === b.rd.type && sameJson(a.rd.coordinates, b.rd.coordinates)) return 1;
  const inter = intersectionArea(a.rd, b.rd);
  return inter / (a.areaM2 + b.areaM2 - inter);
}

/** IoU of every code with geometry in both divisions, and the levels whose boundary sets are comparable. */
function compareGeometries(
  source: DivisionData,
  reference: DivisionData,
): { ious: Map<string, number>; comparable: Set<string>; notes: string[] } {
  const ious = new Map<string, number>();
  const perLevel = new Map<string, number[]>();
  for (const [code, target] of reference.geometries) {
    const before = source.geometries.get(code);
    if (!before) continue;
    const value = iou(before, target);
    ious.set(code, value);
    const level = findAreaLevel(code) ?? '';
    (perLevel.get(level) ?? perLevel.set(level, []).get(level)!).push(value);
  }
  const comparable = new Set<string>();
  const notes: string[] = [];
  for (const [level, values] of perLevel) {
    const median = values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    if (median >= COMPARABLE_MEDIAN_IOU || values.length < MIN_PAIRS_FOR_RESOLUTION_CHECK)
      comparable.add(level);
    else {
      notes.push(
        `${level} boundaries of indeling ${source.year} and ${reference.year} differ in resolution (median overlap of same codes ${median.toFixed(2)}): same codes carried by code, only new codes by overlay`,
      );
    }
  }
  return { ious, comparable, notes };
}

function overlayEntry(target: GeometryRow, index: ShapeIndex): CrosswalkEntry | undefined {
  const hits = overlayAreas(shape(target), index).filter(
    (h) => h.area >= SLIVER_SHARE * target.areaM2 || h.area >= SLIVER_SHARE * h.source.areaM2,
  );
  const covered = hits.reduce((s, h) => s + h.area, 0);
  if (hits.length === 0 || covered < MIN_COVERAGE * target.areaM2) return undefined;
  return {
    method: 'overlay',
    parts: hits.map((h) => ({
      source: h.source.code,
      weight: h.area / h.source.areaM2,
      targetShare: h.area / covered,
    })),
  };
}

/** Builds the crosswalk from `source` to `reference` (all levels; overlay within a level). */
export function buildCrosswalk(source: DivisionData, reference: DivisionData): Crosswalk {
  const targets = new Map<string, CrosswalkEntry>();
  const sourceCodes = new Set(source.codes);
  // One index per level, built on first use; a level without source shapes is remembered too
  // (undefined), so that its targets do not scan every source geometry again.
  const indexes = new Map<string, ShapeIndex | undefined>();
  const indexFor = (level: string): ShapeIndex | undefined => {
    if (!indexes.has(level)) {
      const shapes = [...source.geometries.values()]
        .filter((g) => findAreaLevel(g.code) === level)
        .map(shape);
      indexes.set(level, shapes.length ? new ShapeIndex(shapes) : undefined);
    }
    return indexes.get(level);
  };
  const { ious, comparable, notes } = compareGeometries(source, reference);
  for (const code of reference.codes) {
    const target = reference.geometries.get(code);
    const overlap = ious.get(code);
    const unchanged =
      overlap === undefined || !comparable.has(findAreaLevel(code) ?? '') || overlap >= SAME_GEOMETRY_IOU;
    if (sourceCodes.has(code) && unchanged) {
      targets.set(code, { method: 'code', source: code });
      continue;
    }
    const index = target ? indexFor(findAreaLevel(code) ?? '') : undefined;
    const entry = target && index ? overlayEntry(target, index) : undefined;
    if (entry) targets.set(code, entry);
  }
  const used = new Set<string>();
  for (const e of targets.values()) {
    if (e.method === 'code') used.add(e.source);
    else for (const p of e.parts) used.add(p.source);
  }
  return {
    from: source.year,
    to: reference.year,
    targets,
    unmatched: source.codes.filter((c) => !used.has(c)),
    notes,
    borrowed: source.borrowed ?? new Map(),
  };
}

/** The gemeente a code belongs to (itself for a gemeente). */
export function gemeenteOfCode(code: string): string {
  return findAreaLevel(code) === 'gemeente' ? code : gemeenteOf(code as AreaCode);
}
