/**
 * Making boundary polygons valid (see docs/method.md, "Geometry"):
 *   1. cleanGeometry — safe, local fixes: drop repeated consecutive points, close open rings,
 *      drop rings with fewer than 4 points or zero area, orient shells counter-clockwise and
 *      holes clockwise (RFC 7946).
 *   2. repairGeometry — for what is still invalid (self-touching or self-crossing rings, holes
 *      crossing or outside their shell, overlapping parts): re-node the polygon with a boolean
 *      union (polygon-clipping, non-zero winding rule). Like PostGIS ST_MakeValid it keeps both
 *      lobes of a bow-tie; zero-area spikes and loops vanish.
 */
import polygonClipping, { type MultiPolygon as PcMultiPolygon, type Pair } from 'polygon-clipping';
import type { PolygonGeometry } from '../../core/records.js';
import {
  geometryFromPolygons,
  polygonsOf,
  ringSignedArea,
  type Polygon,
  type Ring,
} from './polygon-measure.js';
import {
  findGeometryProblems,
  findRingProblems,
  MIN_RING_AREA,
  type GeometryProblem,
} from './polygon-validity.js';
import { orient } from './segment-intersection.js';

export type GeometryFix = 'duplicate-points' | 'ring-closed' | 'ring-dropped' | 'orientation' | 'renoded';

export interface NormalisedGeometry {
  /** The cleaned (and where needed re-noded) geometry; null when nothing with an area is left. */
  geometry: PolygonGeometry | null;
  fixes: GeometryFix[];
  /** Problems that remain after every repair (empty when valid). */
  problems: GeometryProblem[];
  /** Problems found before re-noding (what the repair fixed). */
  repaired: GeometryProblem[];
}

function cleanRing(ring: Ring, fixes: Set<GeometryFix>): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const prev = out[out.length - 1];
    if (prev && prev[0] === p[0] && prev[1] === p[1]) fixes.add('duplicate-points');
    else out.push([p[0]!, p[1]!]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push([first[0]!, first[1]!]);
    fixes.add('ring-closed');
  }
  return out;
}

function orientRing(ring: Ring, counterClockwise: boolean, fixes: Set<GeometryFix>): Ring {
  const area = ringSignedArea(ring);
  if (area > 0 === counterClockwise) return ring;
  fixes.add('orientation');
  return [...ring].reverse();
}

/**
 * A ring worth keeping: at least 4 points and not all on one line. A self-crossing ring may
 * have zero signed area (a symmetric bow-tie) and is kept for the repair step.
 */
function usable(ring: Ring, strict: boolean): boolean {
  if (ring.length < 4) return false;
  if (Math.abs(ringSignedArea(ring)) >= MIN_RING_AREA) return true;
  if (strict) return false;
  const a = ring[0]!;
  const b = ring.find((p) => p[0] !== a[0] || p[1] !== a[1]);
  if (!b) return false;
  const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!);
  return ring.some((p) => Math.abs(orient(a[0]!, a[1]!, b[0]!, b[1]!, p[0]!, p[1]!)) / len > 1e-6);
}

/**
 * Safe local fixes; never changes the covered area except by dropping degenerate rings.
 * `strict` also drops non-collinear rings without area (used after re-noding, whose output
 * can hold micro-slivers where two intersection points almost coincide).
 */
export function cleanGeometry(
  g: PolygonGeometry,
  fixes = new Set<GeometryFix>(),
  strict = false,
): PolygonGeometry | null {
  const polys: Polygon[] = [];
  for (const poly of polygonsOf(g)) {
    const rings = poly.map((r) => cleanRing(r, fixes));
    const shell = rings[0];
    if (!shell || !usable(shell, strict)) {
      fixes.add('ring-dropped');
      continue;
    }
    const holes = rings.slice(1).filter((h) => usable(h, strict) || (fixes.add('ring-dropped'), false));
    polys.push([orientRing(shell, true, fixes), ...holes.map((h) => orientRing(h, false, fixes))]);
  }
  return polys.length ? geometryFromPolygons(polys) : null;
}

/**
 * Re-nodes a geometry by a boolean union of its own parts (non-zero winding). Returns null when
 * nothing with an area is left, undefined when the union fails on degenerate input.
 */
export function repairGeometry(g: PolygonGeometry): PolygonGeometry | null | undefined {
  const input = polygonsOf(g).map((poly) => poly.map((ring) => ring.map((p) => [p[0]!, p[1]!] as Pair)));
  let out: PcMultiPolygon;
  try {
    out = polygonClipping.union(input);
  } catch {
    return undefined; // polygon-clipping gives up on some degenerate inputs: the geometry stays invalid
  }
  return out.length ? geometryFromPolygons(out) : null;
}

/** Clean, check, and re-node when still invalid; reports what was done and what is left. */
export function normaliseGeometry(g: PolygonGeometry): NormalisedGeometry {
  const fixes = new Set<GeometryFix>();
  // the first problem findGeometryProblems reports is a ring's, when any ring has one
  if (findRingProblems(g, 1).some((p) => p.kind === 'non-finite')) {
    return { geometry: g, fixes: [], problems: findGeometryProblems(g), repaired: [] };
  }
  const cleaned = cleanGeometry(g, fixes);
  if (!cleaned) return { geometry: null, fixes: [...fixes], problems: [], repaired: [] };
  const before = findGeometryProblems(cleaned);
  if (before.length === 0) return { geometry: cleaned, fixes: [...fixes], problems: [], repaired: [] };
  const renoded = repairGeometry(cleaned);
  if (renoded === undefined) return { geometry: cleaned, fixes: [...fixes], problems: before, repaired: [] };
  const result = renoded ? cleanGeometry(renoded, fixes, true) : null;
  if (!result) return { geometry: null, fixes: [...fixes, 'renoded'], problems: [], repaired: before };
  fixes.add('renoded');
  return { geometry: result, fixes: [...fixes], problems: findGeometryProblems(result), repaired: before };
}
