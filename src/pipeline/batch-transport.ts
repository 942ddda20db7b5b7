/**
 * An ImportBatch sent from the parse worker (parse-ahead.ts) to the thread that writes it. Values
 * and RD geometry cross as columns in ArrayBuffers, transferred without a copy: a structured
 * clone of half a million value objects costs as much time as parsing them in a second thread
 * saves (docs/decisions/007). Strings cross once per distinct value (area code, indicator, source
 * column); areas, warnings and the edition are small and are cloned. `decodeBatch` gives back a
 * batch equal to the one encoded (test/pipeline/batch-transport.test.ts).
 */
import type { ImportBatch, ParsedGeometry, ParsedValue, PolygonGeometry } from '../core/records.js';
import { StringIndex } from '../core/string-index.js';

export interface EncodedBatch {
  head: Omit<ImportBatch, 'values' | 'geometries'>;
  values: EncodedValues;
  geometries: EncodedGeometries | ParsedGeometry[];
}

interface EncodedValues {
  count: number;
  strings: string[];
  areaCode: Uint32Array;
  indicator: Uint32Array;
  column: Uint32Array;
  year: Int32Array;
  value: Float64Array;
  isNull: Uint8Array;
  flags: Int32Array;
  divisionYear: Int32Array;
  /** -1: the value has no line. */
  line: Int32Array;
}

interface EncodedGeometries {
  codes: string[];
  divisionYear: Int32Array;
  areaM2: Float64Array;
  /** Per geometry: 0 Polygon | 1 MultiPolygon, polygon count, then per polygon its ring count and per ring its point count. */
  shape: Int32Array;
  /** x, y of every point, in order. */
  xy: Float64Array;
}

/** The batch as columns, and the buffers to transfer with it. */
export function encodeBatch(batch: ImportBatch): { message: EncodedBatch; transfer: ArrayBuffer[] } {
  const { values, geometries, ...head } = batch;
  const encodedValues = encodeValues(values);
  const encodedGeometries = encodeGeometries(geometries);
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
  return { message: { head, values: encodedValues, geometries: encodedGeometries }, transfer };
}

export function decodeBatch(message: EncodedBatch): ImportBatch {
  return {
    ...message.head,
    values: decodeValues(message.values),
    geometries: Array.isArray(message.geometries) ? message.geometries : decodeGeometries(message.geometries),
  };
}

function encodeValues(values: readonly ParsedValue[]): EncodedValues {
  const n = values.length;
  const table = new StringIndex();
  const out: EncodedValues = {
    count: n,
    strings: table.keys,
    areaCode: new Uint32Array(n),
    indicator: new Uint32Array(n),
    column: new Uint32Array(n),
    year: new Int32Array(n),
    value: new Float64Array(n),
    isNull: new Uint8Array(n),
    flags: new Int32Array(n),
    divisionYear: new Int32Array(n),
    line: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    out.areaCode[i] = table.of(v.areaCode);
    out.indicator[i] = table.of(v.indicator);
    out.column[i] = table.of(v.column);
    out.year[i] = v.year;
    if (v.value === null) out.isNull[i] = 1;
    else out.value[i] = v.value;
    out.flags[i] = v.flags;
    out.divisionYear[i] = v.divisionYear;
    out.line[i] = v.line ?? -1;
  }
  return out;
}

function decodeValues(e: EncodedValues): ParsedValue[] {
  const out = new Array<ParsedValue>(e.count);
  const s = e.strings;
  for (let i = 0; i < e.count; i++) {
    const v: ParsedValue = {
      areaCode: s[e.areaCode[i]!]!,
      year: e.year[i]!,
      indicator: s[e.indicator[i]!]!,
      value: e.isNull[i] ? null : e.value[i]!,
      flags: e.flags[i]!,
      column: s[e.column[i]!]!,
      divisionYear: e.divisionYear[i]!,
    };
    if (e.line[i]! >= 0) v.line = e.line[i]!;
    out[i] = v;
  }
  return out;
}

/** Columns of the geometries, or the geometries themselves when a point is not x, y. */
function encodeGeometries(geometries: readonly ParsedGeometry[]): EncodedGeometries | ParsedGeometry[] {
  const shape: number[] = [];
  let points = 0;
  for (const g of geometries) {
    const polygons = g.rd.type === 'Polygon' ? [g.rd.coordinates] : g.rd.coordinates;
    shape.push(g.rd.type === 'Polygon' ? 0 : 1, polygons.length);
    for (const rings of polygons) {
      shape.push(rings.length);
      for (const ring of rings) {
        shape.push(ring.length);
        for (const p of ring) if (p.length !== 2) return [...geometries];
        points += ring.length;
      }
    }
  }
  const xy = new Float64Array(points * 2);
  let k = 0;
  for (const g of geometries) {
    const polygons = g.rd.type === 'Polygon' ? [g.rd.coordinates] : g.rd.coordinates;
    for (const rings of polygons)
      for (const ring of rings)
        for (const p of ring) {
          xy[k++] = p[0]!;
          xy[k++] = p[1]!;
        }
  }
  return {
    codes: geometries.map((g) => g.code),
    divisionYear: Int32Array.from(geometries, (g) => g.divisionYear),
    areaM2: Float64Array.from(geometries, (g) => g.areaM2),
    shape: Int32Array.from(shape),
    xy,
  };
}

function decodeGeometries(e: EncodedGeometries): ParsedGeometry[] {
  const out: ParsedGeometry[] = [];
  let s = 0;
  let k = 0;
  for (let g = 0; g < e.codes.length; g++) {
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
    const rd: PolygonGeometry =
      type === 0
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons };
    out.push({ code: e.codes[g]!, divisionYear: e.divisionYear[g]!, rd, areaM2: e.areaM2[g]! });
  }
  return out;
}
