/**
 * The engine's bulk read on PostgreSQL (Store.getBulkValues without a snapshot, and the read a
 * snapshot is taken from): the division's rows streamed with COPY … TO STDOUT (FORMAT binary), one
 * row per value and every field a number (area, indicator and source column as dictionary ids,
 * migration 10), then put in the engine's order here: areas by code, then indicator and year, as
 * the SQL `ORDER BY` of codes and indicator names gave. Grouping the values per area in the server
 * (`array_agg(ROW(…) ORDER BY indicator, year)`, one message per area) took 0.95 s of server time
 * for the 627,106 values of the four benchmark inputs' reference division; the plain rows take
 * 0.29 s and the ordering here (one native sort of packed keys, value-id-rows.ts) well under that
 * (docs/benchmarks.md, "PostgreSQL bulk read as plain rows").
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { BulkSeries, BulkValueQuery, BulkValues } from '../store.js';
import { IdRows } from '../value-id-rows.js';

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

/** The columns of each COPY row: area_id, indicator_id, year, value, flags, edition_id, column_id. */
const ROW_FIELDS = 7;
/** The shortest such row: field count, six int4 and a NULL value. */
const MIN_ROW_BYTES = 2 + 6 * 8 + 4;

/**
 * Reads the binary COPY rows into `rows` (the area and indicator ids as they are; the value's
 * edition and column too); returns the offset up to which `b` was consumed (a row cut off at the
 * end waits for the next chunk).
 */
function readRows(b: Buffer, start: number, rows: IdRows): number {
  let at = start;
  for (;;) {
    if (at + 2 > b.length) return at;
    const fields = b.readInt16BE(at);
    if (fields === -1) return b.length; // trailer
    if (fields !== ROW_FIELDS) throw new Error('unexpected bulk value row');
    // int4 fields: length 4 (never NULL); value: float8 or NULL (length −1)
    const valueAt = at + 2 + 3 * 8;
    if (valueAt + 4 > b.length) return at;
    const valueLength = b.readInt32BE(valueAt);
    const end = valueAt + 4 + Math.max(valueLength, 0) + 3 * 8;
    if (end > b.length) return at;
    const value = valueLength < 0 ? null : b.readDoubleBE(valueAt + 4);
    const after = valueAt + 4 + Math.max(valueLength, 0);
    rows.push(
      0,
      b.readInt32BE(at + 6),
      b.readInt32BE(at + 14),
      b.readInt32BE(at + 22),
      value,
      b.readInt32BE(after + 4),
      b.readInt32BE(after + 12),
      b.readInt32BE(after + 20),
      null,
    );
    at = end;
  }
}

/**
 * Hands the rows to the collector in the engine's order: areas by code, then indicator (by name)
 * and year, both bytewise as PostgreSQL's COLLATE "C" and SQLite compare them. The area and
 * indicator ids are first replaced by their rank in that order, so IdRows' key order is it.
 */
function collectInOrder(rows: IdRows, codeOf: readonly string[], out: BulkCollector): void {
  const areaRank = rankByName(codeOf, rows.area, rows.count);
  const indicatorRank = rankByName(out.indicatorOf, rows.indicator, rows.count);
  for (let i = 0; i < rows.count; i++) {
    rows.area[i] = areaRank.rank[rows.area[i]!]!;
    rows.indicator[i] = indicatorRank.rank[rows.indicator[i]!]!;
  }
  const order = rows.keyOrder();
  let lastArea = -1;
  let area = -1;
  for (let k = 0; k < rows.count; k++) {
    const i = order[k]!;
    if (rows.area[i] !== lastArea) {
      lastArea = rows.area[i]!;
      area = out.area(areaRank.names[lastArea]!);
    }
    out.value(
      area,
      indicatorRank.names[rows.indicator[i]!]!,
      rows.year[i]!,
      rows.isNull[i] ? NaN : rows.value[i]!,
      rows.flags[i]!,
      rows.edition[i]!,
      out.columnOf[rows.column[i]!]!,
    );
  }
}

/** The ids used in `ids`, ranked by their names (bytewise): rank by id, and names by rank. */
function rankByName(
  nameOf: readonly string[],
  ids: Uint32Array,
  count: number,
): { rank: Uint32Array; names: string[] } {
  const used = new Set<number>();
  for (let i = 0; i < count; i++) used.add(ids[i]!);
  const bytes = new Map([...used].map((id) => [id, Buffer.from(nameOf[id]!)]));
  const byName = [...used].sort((x, y) => Buffer.compare(bytes.get(x)!, bytes.get(y)!));
  const rank = new Uint32Array(nameOf.length);
  byName.forEach((id, r) => (rank[id] = r));
  return { rank, names: byName.map((id) => nameOf[id]!) };
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
  const codeOf = await readDictionary(client, 'SELECT id, code AS name FROM value_areas');
  const rows = new IdRows(0);
  // Header: signature (11 bytes), flags (4), extension length (4) and extension.
  let pending: Buffer | null = null;
  let headerDone = false;
  await pipeline(
    client.query(
      copyTo(
        `COPY (SELECT v.area_id, v.indicator_id, v.year, v.value, v.flags, v.edition_id, v.column_id
               FROM area_values v ${q.indicators ? 'JOIN value_indicators i ON i.id = v.indicator_id' : ''}
               WHERE ${where})
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
          at = readRows(b, at, rows.reserve(Math.ceil((b.length - at) / MIN_ROW_BYTES)));
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
  collectInOrder(rows, codeOf, collector);
  return collector.finish();
}
