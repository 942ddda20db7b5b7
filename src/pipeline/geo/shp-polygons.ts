/**
 * Reading the polygons of an ESRI Shapefile's main file (.shp, ESRI Shapefile Technical
 * Description, 1998): a 100-byte header (file code 9994 and length big-endian, version 1000 and
 * shape type little-endian), then records of a big-endian number and length and a little-endian
 * shape. Polygon (5), PolygonZ (15) and PolygonM (25) — Z and M ignored — and null shapes (0).
 * A Shapefile polygon is a list of rings without structure: outer rings run clockwise, holes
 * counter-clockwise, in any order; each hole is given to the smallest outer ring that holds it,
 * and a record with several outer rings is a MultiPolygon. Records are read in order (the .shx
 * index is not needed). Vertices are counted against the bounds before they are decoded.
 */
import { AppError } from '../../core/app-error.js';
import type { PolygonGeometry } from '../../core/records.js';
import type { InputLimits } from '../input-limits.js';
import { tooLarge } from '../input-limits.js';
import {
  geometryFromPolygons,
  pointInRing,
  ringSignedArea,
  type Polygon,
  type Ring,
} from './polygon-measure.js';
import { VertexBudget } from './vertex-budget.js';

export interface ShpRecord {
  /** 1-based record number (the .dbf record of the same number holds its attributes). */
  row: number;
  geometry: PolygonGeometry | null;
}

const SHAPE_NAMES: Record<number, string> = {
  1: 'Point',
  3: 'PolyLine',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};
const POLYGON_TYPES = new Set([5, 15, 25]);
const HEADER_BYTES = 100;

function invalid(file: string, message: string, row?: number): AppError {
  return new AppError('SHAPEFILE_INVALID', message, {
    location: { file, ...(row !== undefined ? { row } : {}) },
  });
}

function unsupported(file: string, type: number, row?: number): AppError {
  const name = SHAPE_NAMES[type] ?? `shape type ${type}`;
  return new AppError('GEOMETRY_UNSUPPORTED', `${name} shapes; boundaries must be polygons`, {
    location: {
      file,
      ...(row !== undefined ? { row } : {}),
      column: 'geometry',
      expected: 'Polygon (shape type 5, 15 or 25)',
      found: name,
    },
  });
}

/** Every record of the .shp in `shp`, at most `limits.maxRows`. */
export function readShpPolygons(shp: Buffer, file: string, limits: InputLimits): ShpRecord[] {
  if (shp.length < HEADER_BYTES)
    throw invalid(file, `the .shp has ${shp.length} bytes, less than its 100-byte header (truncated copy?)`);
  if (shp.readInt32BE(0) !== 9994 || shp.readInt32LE(28) !== 1000)
    throw invalid(file, 'not a Shapefile: the .shp does not start with file code 9994 and version 1000');
  const shapeType = shp.readInt32LE(32);
  if (shapeType !== 0 && !POLYGON_TYPES.has(shapeType)) throw unsupported(file, shapeType);
  const declared = shp.readInt32BE(24) * 2;
  const end = Math.min(declared, shp.length);
  const budget = new VertexBudget(file, limits);
  const records: ShpRecord[] = [];
  let at = HEADER_BYTES;
  while (at < end) {
    const row = records.length + 1;
    if (row > limits.maxRows)
      throw tooLarge({ file }, 'the number of records', `${limits.maxRows}`, `more than ${limits.maxRows}`);
    const length = at + 8 <= shp.length ? shp.readInt32BE(at + 4) * 2 : undefined;
    if (length === undefined || at + 8 + length > shp.length)
      throw invalid(
        file,
        `record ${row} is cut off: the .shp ends at byte ${shp.length} (the header says ${declared}; truncated copy?)`,
        row,
      );
    if (length < 4) throw invalid(file, `record ${row} has a length of ${length} bytes`, row);
    records.push({ row, geometry: readShape(shp.subarray(at + 8, at + 8 + length), file, row, budget) });
    at += 8 + length;
  }
  if (declared > shp.length)
    throw invalid(
      file,
      `the .shp ends after record ${records.length} at byte ${shp.length}; its header says ${declared} bytes (truncated copy?)`,
      records.length + 1,
    );
  return records;
}

function readShape(content: Buffer, file: string, row: number, budget: VertexBudget): PolygonGeometry | null {
  if (content.length < 4) throw invalid(file, `record ${row} has no shape type`, row);
  const type = content.readInt32LE(0);
  if (type === 0) return null;
  if (!POLYGON_TYPES.has(type)) throw unsupported(file, type, row);
  if (content.length < 44) throw invalid(file, `record ${row} is shorter than a polygon header`, row);
  const numParts = content.readInt32LE(36);
  const numPoints = content.readInt32LE(40);
  const pointsAt = 44 + 4 * numParts;
  if (numParts < 1 || numPoints < 0 || pointsAt + 16 * numPoints > content.length)
    throw invalid(
      file,
      `record ${row} declares ${numParts} rings and ${numPoints} points, more than its ${content.length} bytes hold`,
      row,
    );
  budget.spend(numPoints, row);
  const rings: Ring[] = [];
  for (let p = 0; p < numParts; p++) {
    const first = content.readInt32LE(44 + 4 * p);
    const last = p + 1 < numParts ? content.readInt32LE(44 + 4 * (p + 1)) : numPoints;
    if (first < 0 || last > numPoints || last < first || (p === 0 && first !== 0))
      throw invalid(file, `record ${row}: ring ${p + 1} starts at point ${first} of ${numPoints}`, row);
    const ring: Ring = [];
    for (let i = first; i < last; i++)
      ring.push([content.readDoubleLE(pointsAt + 16 * i), content.readDoubleLE(pointsAt + 16 * i + 8)]);
    rings.push(ring);
  }
  return geometryFromPolygons(polygonsFromRings(rings));
}

function bboxOf(ring: Ring): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x! < minX) minX = x!;
    if (x! > maxX) maxX = x!;
    if (y! < minY) minY = y!;
    if (y! > maxY) maxY = y!;
  }
  return [minX, minY, maxX, maxY];
}

/** Whether `hole` lies in `shell`: decided by its first vertex that is not on the shell (holes may touch it). */
function holds(shell: Ring, hole: Ring): boolean {
  for (const [x, y] of hole) {
    const where = pointInRing(x!, y!, shell);
    if (where !== 0) return where === 1;
  }
  return true;
}

/**
 * Rings by orientation into polygons: clockwise rings (negative signed area) are outer rings,
 * counter-clockwise ones holes of the smallest outer ring holding them. A hole that no outer
 * ring holds is an outer ring of its own (some writers orient every ring the same way).
 */
export function polygonsFromRings(rings: readonly Ring[]): Polygon[] {
  const shells: { ring: Ring; area: number; bbox: [number, number, number, number]; holes: Ring[] }[] = [];
  const holes: Ring[] = [];
  for (const ring of rings) {
    const area = ringSignedArea(ring);
    if (area > 0) holes.push(ring);
    else shells.push({ ring, area: -area, bbox: bboxOf(ring), holes: [] });
  }
  for (const hole of holes) {
    const [minX, minY, maxX, maxY] = bboxOf(hole);
    let best: (typeof shells)[number] | undefined;
    for (const s of shells) {
      const [sx, sy, sX, sY] = s.bbox;
      if (minX < sx || minY < sy || maxX > sX || maxY > sY) continue;
      if ((!best || s.area < best.area) && holds(s.ring, hole)) best = s;
    }
    if (best) best.holes.push(hole);
    else shells.push({ ring: hole, area: ringSignedArea(hole), bbox: [minX, minY, maxX, maxY], holes: [] });
  }
  return shells.map((s) => [s.ring, ...s.holes]);
}
