/**
 * The engine's bulk read of the SQLite store: every value of one division through one raw
 * better-sqlite3 statement, written straight into typed arrays and dictionaries. SQLite hands
 * over one row per area: one JSON array holding an array per column of the area's values
 * (`json_group_array`). Handing over a row costs about as much as parsing its arrays, so one row
 * per area instead of one per value about halves the read (docs/benchmarks.md, "Engine load"
 * and "SQLite bulk read per area, session 7").
 *
 * Exact: SQLite prints a REAL in JSON with 17 significant digits, which JSON.parse reads back as
 * the same double, and NULL as null (NaN in the result). The one double JSON would not carry,
 * -0, never reaches it: a REAL column stores -0 as the integer 0, so the store reads it as 0.
 */
import type Database from 'better-sqlite3';
import type { BulkSeries, BulkValueQuery, BulkValues } from '../store.js';

const LEVEL_PREFIX = { buurt: 'BU', wijk: 'WK', gemeente: 'GM' } as const;

/** Typed arrays that grow by doubling; `finish()` trims them to the rows written. */
class Columns {
  count = 0;
  area = new Uint32Array(1024);
  seriesOf = new Uint32Array(1024);
  value = new Float64Array(1024);
  flags = new Uint16Array(1024);
  source = new Uint8Array(1024);

  /** Makes room for `n` more rows. */
  reserve(n: number): void {
    while (this.count + n > this.area.length) this.grow();
  }

  private grow(): void {
    const n = this.area.length * 2;
    const area = new Uint32Array(n);
    area.set(this.area);
    const seriesOf = new Uint32Array(n);
    seriesOf.set(this.seriesOf);
    const value = new Float64Array(n);
    value.set(this.value);
    const flags = new Uint16Array(n);
    flags.set(this.flags);
    const source = new Uint8Array(n);
    source.set(this.source);
    Object.assign(this, { area, seriesOf, value, flags, source });
  }
}

/**
 * Per series: its index, the last source seen (rows of one series nearly always share it) with
 * its index, and the series that followed it in the last area. Values come in key order (area,
 * indicator, year) and most areas hold the same series in the same order, so following `next`
 * finds the value's series without a map lookup.
 */
interface SeriesState {
  key: number;
  index: number;
  lastSourceKey: number;
  lastSource: number;
  next: SeriesState | undefined;
}

/**
 * One area's values, as parallel arrays: series key (indicator id · 65536 + year), value (null
 * when missing), flags, source key (edition id · sourceKeyOf(columns) + column id).
 */
export interface AreaValues {
  keys: number[];
  values: (number | null)[];
  flags: number[];
  sources: number[];
}

/** area id, and the JSON text of the area's arrays: [keys, values, flags, sources]. */
type AreaRow = [number, string];

/**
 * The factor of the edition id in a source key. 2²⁰ while the column ids stay below it (a
 * million source columns; the store holds hundreds): the keys then stay small integers, which
 * V8 keeps unboxed and the read notices (about 7 %); a larger dictionary takes 2³². Exact either
 * way while edition ids (one per import) stay below 2²¹.
 */
function sourceKeyOf(columnOf: readonly string[]): number {
  return columnOf.length <= 2 ** 20 ? 2 ** 20 : 2 ** 32;
}

/** Reads every value of a division (optionally only some indicators, one level) into a BulkValues. */
export function readBulkValues(db: Database.Database, q: BulkValueQuery): BulkValues {
  if (q.indicators?.length === 0) return finish(new Columns(), [], []);
  // one read transaction: the dictionaries and the values from one snapshot of the store, even
  // while another connection (an import) commits new ids in between (a savepoint inside the
  // caller's transaction)
  return db.transaction(() => readInSnapshot(db, q))();
}

function readInSnapshot(db: Database.Database, q: BulkValueQuery): BulkValues {
  const editions = readEditions(db);
  const codeOf = readDictionary(db, 'SELECT id, code FROM value_areas');
  const indicatorOf = readDictionary(db, 'SELECT id, indicator FROM value_indicators');
  const columnOf = readDictionary(db, 'SELECT id, source_column FROM value_columns');
  const sourceKey = sourceKeyOf(columnOf);
  const [sql, params] = bulkQuery(q, sourceKey);
  const stmt = db.prepare(sql).raw();
  const cols = new Columns();
  const areaCodes: string[] = [];
  const series: BulkSeries[] = [];
  const seriesIndex = new Map<number, SeriesState>();
  let s: SeriesState | undefined;
  for (const row of stmt.iterate(...params) as IterableIterator<AreaRow>) {
    // one row per area (GROUP BY area_id), so each area is new here
    const area = areaCodes.push(codeOf[row[0]]!) - 1;
    const arrays = JSON.parse(row[1]) as [number[], (number | null)[], number[], number[]];
    const { keys, values, flags, sources } = inKeyOrder({
      keys: arrays[0],
      values: arrays[1],
      flags: arrays[2],
      sources: arrays[3],
    });
    const n = keys.length;
    cols.reserve(n);
    const at = cols.count;
    cols.area.fill(area, at, at + n);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (s === undefined || s.key !== key) {
        const previous = s;
        s = previous?.next?.key === key ? previous.next : seriesIndex.get(key);
        if (!s) {
          const indicatorId = Math.floor(key / 65536);
          s = {
            key,
            index:
              series.push({
                indicator: indicatorOf[indicatorId]!,
                year: key - indicatorId * 65536,
                sources: [],
              }) - 1,
            lastSourceKey: -1,
            lastSource: 0,
            next: undefined,
          };
          seriesIndex.set(key, s);
        }
        if (previous) previous.next = s;
      }
      const source = sources[i]!;
      if (source !== s.lastSourceKey) {
        const editionId = Math.floor(source / sourceKey);
        s.lastSource = addSource(
          series[s.index]!,
          editions.get(editionId),
          columnOf[source - editionId * sourceKey]!,
        );
        s.lastSourceKey = source;
      }
      const value = values[i]!;
      cols.seriesOf[at + i] = s.index;
      cols.value[at + i] = value === null ? NaN : value;
      cols.flags[at + i] = flags[i]!;
      cols.source[at + i] = s.lastSource;
    }
    cols.count = at + n;
  }
  return finish(cols, areaCodes, series);
}

/**
 * The area's values in key order (indicator, year). SQLite aggregates them in the order it scans
 * the primary key, which is that order, but does not promise so: values out of order are sorted
 * here rather than trusted.
 */
export function inKeyOrder(area: AreaValues): AreaValues {
  const { keys } = area;
  let ordered = true;
  for (let i = 1; i < keys.length && ordered; i++) ordered = keys[i - 1]! < keys[i]!;
  if (ordered) return area;
  const order = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  return {
    keys: order.map((i) => keys[i]!),
    values: order.map((i) => area.values[i]!),
    flags: order.map((i) => area.flags[i]!),
    sources: order.map((i) => area.sources[i]!),
  };
}

/** A dictionary table as an array indexed by id. */
function readDictionary(db: Database.Database, sql: string): string[] {
  const out: string[] = [];
  for (const [id, name] of db.prepare(sql).raw().iterate() as IterableIterator<[number, string]>)
    out[id] = name;
  return out;
}

function readEditions(db: Database.Database): Map<number, { edition: string; table: string | null }> {
  const rows = db.prepare('SELECT id, edition, table_id AS "table" FROM editions').all() as {
    id: number;
    edition: string;
    table: string | null;
  }[];
  return new Map(rows.map((e) => [e.id, { edition: e.edition, table: e.table }]));
}

/** The SELECT and its parameters: only the columns the engine needs, ids instead of text, one row per area. */
function bulkQuery(q: BulkValueQuery, sourceKey: number): [string, (string | number)[]] {
  const params: (string | number)[] = [q.divisionYear];
  let where = 'division_year = ?';
  if (q.level) {
    // the level's area ids (a code range on the dictionary's unique index); SQLite then seeks
    // (division_year, area_id) on the primary key for each
    const prefix = LEVEL_PREFIX[q.level];
    where += ' AND area_id IN (SELECT id FROM value_areas WHERE code >= ? AND code < ?)';
    params.push(prefix, `${prefix[0]}${String.fromCharCode(prefix.charCodeAt(1) + 1)}`);
  }
  if (q.indicators) {
    where += ` AND indicator_id IN (SELECT id FROM value_indicators WHERE indicator IN (${q.indicators.map(() => '?').join(', ')}))`;
    params.push(...q.indicators);
  }
  // Two keys computed by SQLite: fewer arrays per area to hand over and parse. Exact: a year is
  // 0–65535 (the series key the engine groups by assumes so), and see sourceKeyOf.
  // ORDER BY area_id costs no sort: the grouping already scans the primary key in that order.
  const sql =
    `SELECT area_id, json_array(json_group_array(indicator_id * 65536 + year), json_group_array(value), ` +
    `json_group_array(flags), json_group_array(edition_id * ${sourceKey} + column_id)) ` +
    `FROM area_values WHERE ${where} GROUP BY area_id ORDER BY area_id`;
  return [sql, params];
}

/** Adds a source to the series (once) and returns its index there (at most 255: later ones share the last index). */
function addSource(
  series: BulkSeries,
  edition: { edition: string; table: string | null } | undefined,
  column: string,
): number {
  const name = edition?.edition ?? '';
  const found = series.sources.findIndex((x) => x.edition === name && x.sourceColumn === column);
  if (found >= 0) return Math.min(found, 255);
  series.sources.push({ edition: name, table: edition?.table ?? null, sourceColumn: column });
  return Math.min(series.sources.length - 1, 255);
}

function finish(cols: Columns, areaCodes: string[], series: BulkSeries[]): BulkValues {
  const n = cols.count;
  return {
    count: n,
    areaCodes,
    series,
    area: cols.area.slice(0, n),
    seriesOf: cols.seriesOf.slice(0, n),
    value: cols.value.slice(0, n),
    flags: cols.flags.slice(0, n),
    source: cols.source.slice(0, n),
  };
}
