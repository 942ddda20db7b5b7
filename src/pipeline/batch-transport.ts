/**
 * An ImportBatch sent from the parse worker (parse-ahead.ts) to the thread that writes it. Values,
 * RD geometry and display geometry cross as columns in ArrayBuffers, transferred without a copy: a structured
 * clone of half a million value objects costs as much time as parsing them in a second thread
 * saves (docs/decisions/007). Strings cross once per distinct value (area code, indicator, source
 * column, each in its own table); areas, warnings and the edition are small and are cloned. `decodeBatch` gives back a
 * batch equal to the one encoded (test/pipeline/parse-ahead.test.ts).
 */
import type { DisplayGeometry, ImportBatch, ParsedGeometry, PolygonGeometry } from '../core/records.js';
import { ValueColumns, type ValueColumnArrays } from '../core/value-columns.js';

export interface EncodedBatch {
  head: Omit<ImportBatch, 'values' | 'geometries' | 'display'>;
  values: ValueColumnArrays;
  geometries: EncodedGeometries | ParsedGeometry[];
  display?: EncodedDisplay | DisplayGeometry[];
}

interface EncodedGeometries extends EncodedPolygons {
  codes: string[];
  divisionYear: Int32Array;
  areaM2: Float64Array;
}

interface EncodedDisplay extends EncodedPolygons {
  codes: string[];
}

/** The batch as columns, and the buffers to transfer with it. */
export function encodeBatch(batch: ImportBatch): { message: EncodedBatch; transfer: ArrayBuffer[] } {
  const { values, geometries, display, ...head } = batch;
  const encodedValues = values.toArrays();
  const encodedGeometries = encodeGeometries(geometries);
  const encodedDisplay = display ? encodeDisplay(display) : undefined;
  const transfer: ArrayBuffer[] = [
    encodedValues.areaCode,
    encodedValues.indicator,
    encodedValues.column,
    encodedValues.year,
    encodedValues.value,
    encodedValues.isNull,
    encodedValues.flags,
    encodedValues.divisionYear,
    encodedValues.line,
  ].map((a) => a.buffer as ArrayBuffer);
  if (!Array.isArray(encodedGeometries))
    for (const a of [
      encodedGeometries.divisionYear,
      encodedGeometries.areaM2,
      encodedGeometries.shape,
      encodedGeometries.xy,
    ])
      transfer.push(a.buffer as ArrayBuffer);
  if (encodedDisplay && !Array.isArray(encodedDisplay))
    transfer.push(encodedDisplay.shape.buffer as ArrayBuffer, encodedDisplay.xy.buffer as ArrayBuffer);
  const message: EncodedBatch = { head, values: encodedValues, geometries: encodedGeometries };
  if (encodedDisplay) message.display = encodedDisplay;
  return { message, transfer };
}

export function decodeBatch(message: EncodedBatch): ImportBatch {
  const batch: ImportBatch = {
    ...message.head,
    values: ValueColumns.fromArrays(message.values),
    geometries: Array.isArray(message.geometries) ? message.geometries : decodeGeometries(message.geometries),
  };
  if (message.display)
    batch.display = Array.isArray(message.display) ? message.display : decodeDisplay(message.display);
  return batch;
}

/** Polygons as columns: their shapes and their points. */
interface EncodedPolygons {
  /** Per geometry: 0 Polygon | 1 MultiPolygon, polygon count, then per polygon its ring count and per ring its point count. */
  shape: Int32Array;
  /** x, y of every point, in order. */
  xy: Float64Array;
}

/** The polygons as columns; undefined when a point is not x, y (they then cross as objects). */
function encodePolygons(geometries: readonly PolygonGeometry[]): EncodedPolygons | undefined {
  const shape: number[] = [];
  let points = 0;
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    shape.push(g.type === 'Polygon' ? 0 : 1, polygons.length);
    for (const rings of polygons) {
      shape.push(rings.length);
      for (const ring of rings) {
        shape.push(ring.length);
        for (const p of ring) if (p.length !== 2) return undefined;
        points += ring.length;
      }
    }
  }
  const xy = new Float64Array(points * 2);
  let k = 0;
  for (const g of geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of polygons)
      for (const ring of rings)
        for (const p of ring) {
          xy[k++] = p[0]!;
          xy[k++] = p[1]!;
        }
  }
  return { shape: Int32Array.from(shape), xy };
}

function decodePolygons(e: EncodedPolygons, count: number): PolygonGeometry[] {
  const out: PolygonGeometry[] = [];
  let s = 0;
  let k = 0;
  for (let g = 0; g < count; g++) {
    const type = e.shape[s++]!;
    const polygonCount = e.shape[s++]!;
    const polygons: number[][][][] = [];
    for (let p = 0; p < polygonCount; p++) {
      const ringCount = e.shape[s++]!;
      const rings: number[][][] = [];
      for (let r = 0; r < ringCount; r++) {
        const pointCount = e.shape[s++]!;
        const ring: number[][] = new Array<number[]>(pointCount);
        for (let i = 0; i < pointCount; i++, k += 2) ring[i] = [e.xy[k]!, e.xy[k + 1]!];
        rings.push(ring);
      }
      polygons.push(rings);
    }
    out.push(
      type === 0
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons },
    );
  }
  return out;
}

/** Columns of the geometries, or the geometries themselves when a point is not x, y. */
function encodeGeometries(geometries: readonly ParsedGeometry[]): EncodedGeometries | ParsedGeometry[] {
  const polygons = encodePolygons(geometries.map((g) => g.rd));
  if (!polygons) return [...geometries];
  return {
    codes: geometries.map((g) => g.code),
    divisionYear: Int32Array.from(geometries, (g) => g.divisionYear),
    areaM2: Float64Array.from(geometries, (g) => g.areaM2),
    ...polygons,
  };
}

function decodeGeometries(e: EncodedGeometries): ParsedGeometry[] {
  return decodePolygons(e, e.codes.length).map((rd, g) => ({
    code: e.codes[g]!,
    divisionYear: e.divisionYear[g]!,
    rd,
    areaM2: e.areaM2[g]!,
  }));
}

/** Display geometries as columns, or as objects when a point is not x, y. */
function encodeDisplay(display: readonly DisplayGeometry[]): EncodedDisplay | DisplayGeometry[] {
  const polygons = encodePolygons(display.map((d) => d.display));
  return polygons ? { codes: display.map((d) => d.code), ...polygons } : [...display];
}

function decodeDisplay(e: EncodedDisplay): DisplayGeometry[] {
  return decodePolygons(e, e.codes.length).map((display, i) => ({ code: e.codes[i]!, display }));
}
