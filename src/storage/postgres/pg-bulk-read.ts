/**
 * The engine's bulk read on PostgreSQL (Store.getBulkValues without a snapshot, and the read a
 * snapshot is taken from): one row per area, streamed with COPY … TO STDOUT (FORMAT binary), its
 * code and its values as one array of (indicator id, year, value, flags, edition id, column id)
 * records, the ids named from the dictionaries (migration 10) read first. A row per value cost a
 * protocol message, a line split and seven strings per value (510,000 values on the four inputs'
 * reference division); per area it is 13,600 messages and every field of a value is a number.
 * The result is the same BulkValues, in the same order (areas by code, then indicator and year),
 * as one row per value gave.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { BulkSeries, BulkValueQuery, BulkValues } from '../store.js';

const LEVEL_PREFIX = { buurt: 'BU', wijk: 'WK', gemeente: 'GM' } as const;

/** Typed arrays that grow by doubling. */
class Columns {
  count = 0;
  area = new Uint32Array(1 << 14);
  seriesOf = new Uint32Array(1 << 14);
  value = new Float64Array(1 << 14);
  flags = new Uint16Array(1 << 14);
  source = new Uint8Array(1 << 14);

  push(area: number, series: number, value: number, flags: number, source: number): void {
    if (this.count === this.area.length) {
      const n = this.count * 2;
      const grow = <T extends Uint32Array | Float64Array | Uint16Array | Uint8Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.area = grow(this.area, new Uint32Array(n));
      this.seriesOf = grow(this.seriesOf, new Uint32Array(n));
      this.value = grow(this.value, new Float64Array(n));
      this.flags = grow(this.flags, new Uint16Array(n));
      this.source = grow(this.source, new Uint8Array(n));
    }
    const i = this.count++;
    this.area[i] = area;
    this.seriesOf[i] = series;
    this.value[i] = value;
    this.flags[i] = flags;
    this.source[i] = source;
  }
}

/** A source of a series as first seen, with the index its values carry (at most 255). */
interface SeenSource {
  editionId: number;
  column: string;
  index: number;
}

/** Dictionary-encodes values as they arrive (areas, series and sources numbered by first sight). */
class BulkCollector {
  readonly cols = new Columns();
  readonly areaCodes: string[] = [];
  readonly series: BulkSeries[] = [];
  private readonly seriesIndex = new Map<string, Map<number, number>>();
  private readonly seen: SeenSource[][] = [];

  constructor(
    private readonly editions: Map<number, { edition: string; table: string | null }>,
    /** Indicator and source column by dictionary id. */
    readonly indicatorOf: readonly string[],
    readonly columnOf: readonly string[],
  ) {}

  area(code: string): number {
    return this.areaCodes.push(code) - 1;
  }

  value(
    area: number,
    indicator: string,
    year: number,
    value: number,
    flags: number,
    editionId: number,
    column: string,
  ): void {
    let years = this.seriesIndex.get(indicator);
    if (!years) this.seriesIndex.set(indicator, (years = new Map()));
    let s = years.get(year);
    if (s === undefined) {
      s = this.series.push({ indicator, year, sources: [] }) - 1;
      years.set(year, s);
      this.seen.push([]);
    }
    const seen = this.seen[s]!;
    let src = seen.find((x) => x.editionId === editionId && x.column === column)?.index;
    if (src === undefined) {
      const e = this.editions.get(editionId);
      const sources = this.series[s]!.sources;
      sources.push({ edition: e?.edition ?? '', table: e?.table ?? null, sourceColumn: column });
      src = Math.min(sources.length - 1, 255);
      seen.push({ editionId, column, index: src });
    }
    this.cols.push(area, s, value, flags, src);
  }

  finish(): BulkValues {
    const n = this.cols.count;
    return {
      count: n,
      areaCodes: this.areaCodes,
      series: this.series,
      area: this.cols.area.slice(0, n),
      seriesOf: this.cols.seriesOf.slice(0, n),
      value: this.cols.value.slice(0, n),
      flags: this.cols.flags.slice(0, n),
      source: this.cols.source.slice(0, n),
    };
  }
}

/** The fields of each value record, in the order of the query's ROW(…). */
const RECORD_FIELDS = 6;

/**
 * Reads the binary COPY rows (area_code text, values record[]) into the collector; returns the
 * offset up to which `b` was consumed (a row cut off at the end waits for the next chunk).
 */
function readRows(b: Buffer, start: number, out: BulkCollector): number {
  let at = start;
  for (;;) {
    if (at + 2 > b.length) return at;
    const fields = b.readInt16BE(at);
    if (fields === -1) return b.length; // trailer
    // two fields: the code and the array, each with its int32 length
    if (at + 6 > b.length) return at;
    const codeLength = b.readInt32BE(at + 2);
    const arrayAt = at + 6 + codeLength;
    if (arrayAt + 4 > b.length) return at;
    const arrayLength = b.readInt32BE(arrayAt);
    const end = arrayAt + 4 + arrayLength;
    if (end > b.length) return at;
    const area = out.area(b.toString('utf8', at + 6, arrayAt));
    readValueArray(b, arrayAt + 4, area, out);
    at = end;
  }
}

/** A one-dimensional record[] in array_send's layout, each record in record_send's. */
function readValueArray(b: Buffer, start: number, area: number, out: BulkCollector): void {
  const dims = b.readInt32BE(start);
  if (dims === 0) return;
  const count = b.readInt32BE(start + 12); // after ndim, has-null flag, element type: dim 1 size
  let at = start + 20; // and its lower bound
  for (let i = 0; i < count; i++) {
    at += 4; // the record's length
    if (b.readInt32BE(at) !== RECORD_FIELDS) throw new Error('unexpected bulk value record');
    at += 4;
    // per field: type oid (4), length (4; −1 for NULL), bytes
    const indicator = out.indicatorOf[b.readInt32BE(at + 8)]!;
    at += 12;
    const year = b.readInt32BE(at + 8);
    at += 12;
    const valueLength = b.readInt32BE(at + 4);
    const value = valueLength < 0 ? NaN : b.readDoubleBE(at + 8);
    at += 8 + Math.max(valueLength, 0);
    const flags = b.readInt32BE(at + 8);
    at += 12;
    const editionId = b.readInt32BE(at + 8);
    at += 12;
    const column = out.columnOf[b.readInt32BE(at + 8)]!;
    at += 12;
    out.value(area, indicator, year, value, flags, editionId, column);
  }
}

/** A dictionary table (id, name) as an array indexed by id. */
async function readDictionary(client: pg.PoolClient, sql: string): Promise<string[]> {
  const out: string[] = [];
  for (const r of (await client.query<{ id: number; name: string }>(sql)).rows) out[r.id] = r.name;
  return out;
}

/** The engine's bulk read (see the module comment). Needs a client of its own (COPY). */
export async function readBulkValues(client: pg.PoolClient, q: BulkValueQuery): Promise<BulkValues> {
  const editionRows = (
    await client.query<{ id: number; edition: string; table_id: string | null }>(
      'SELECT id, edition, table_id FROM editions',
    )
  ).rows;
  const collector = new BulkCollector(
    new Map(editionRows.map((e) => [e.id, { edition: e.edition, table: e.table_id }])),
    await readDictionary(client, 'SELECT id, indicator AS name FROM value_indicators'),
    await readDictionary(client, 'SELECT id, source_column AS name FROM value_columns'),
  );
  if (q.indicators?.length === 0) return collector.finish();
  if (!Number.isInteger(q.divisionYear)) throw new TypeError(`division year ${q.divisionYear}`);
  let where = `v.division_year = ${q.divisionYear}`;
  if (q.level) {
    // the level's area ids: a code range on the dictionary's unique index
    const p = LEVEL_PREFIX[q.level];
    where += ` AND v.area_id IN (SELECT id FROM value_areas
                 WHERE code >= '${p}' AND code < '${p[0]}${String.fromCharCode(p.charCodeAt(1) + 1)}')`;
  }
  if (q.indicators)
    where += ` AND i.indicator IN (${q.indicators.map((i) => client.escapeLiteral(i)).join(', ')})`;
  // Header: signature (11 bytes), flags (4), extension length (4) and extension.
  let pending: Buffer | null = null;
  let headerDone = false;
  await pipeline(
    client.query(
      copyTo(
        `COPY (SELECT a.code, g.vals FROM (
                 SELECT v.area_id, array_agg(ROW(v.indicator_id, v.year, v.value, v.flags, v.edition_id, v.column_id)
                                             ORDER BY i.indicator, v.year) AS vals
                 FROM area_values v JOIN value_indicators i ON i.id = v.indicator_id
                 WHERE ${where} GROUP BY v.area_id) g
               JOIN value_areas a ON a.id = g.area_id ORDER BY a.code)
         TO STDOUT (FORMAT binary)`,
      ),
    ),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        let b = pending ? Buffer.concat([pending, chunk]) : chunk;
        let at = 0;
        if (!headerDone) {
          if (b.length < 19 || b.length < 19 + b.readInt32BE(15)) {
            pending = b;
            return done();
          }
          at = 19 + b.readInt32BE(15);
          headerDone = true;
        }
        try {
          at = readRows(b, at, collector);
        } catch (e) {
          return done(e as Error);
        }
        b = b.subarray(at);
        pending = b.length > 0 ? Buffer.from(b) : null;
        done();
      },
    }),
  );
  if (pending) throw new Error('bulk read: the COPY stream ended inside a row');
  return collector.finish();
}
