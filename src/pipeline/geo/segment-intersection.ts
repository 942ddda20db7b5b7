/**
 * Robust-enough planar segment tests for validity checks: orientation sign and the kind of
 * contact between two segments (none, touching at a point, proper crossing, collinear overlap).
 */

/** Twice the signed area of triangle abc: > 0 when c lies left of a→b. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

export type SegmentContact = 'none' | 'touch' | 'cross' | 'overlap';

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** How segment a→b and segment c→d meet. */
export function segmentContact(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): SegmentContact {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 'cross';
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) return collinearContact(ax, ay, bx, by, cx, cy, dx, dy);
  if (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return 'touch';
  if (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return 'touch';
  if (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return 'touch';
  if (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return 'touch';
  return 'none';
}

function collinearContact(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): SegmentContact {
  // Project on the dominant axis of a→b.
  const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
  const [a0, a1] = useX ? [Math.min(ax, bx), Math.max(ax, bx)] : [Math.min(ay, by), Math.max(ay, by)];
  const [c0, c1] = useX ? [Math.min(cx, dx), Math.max(cx, dx)] : [Math.min(cy, dy), Math.max(cy, dy)];
  const overlap = Math.min(a1, c1) - Math.max(a0, c0);
  if (overlap > 0) return 'overlap';
  return overlap === 0 ? 'touch' : 'none';
}

/** The intersection point of the lines through a→b and c→d (callers know they cross). */
export function crossingPoint(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [number, number] {
  const den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
  const t = den === 0 ? 0 : ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
  return [ax + t * (bx - ax), ay + t * (by - ay)];
}
