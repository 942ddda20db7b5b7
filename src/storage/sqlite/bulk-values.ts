/**
 * The engine's bulk read of the SQLite store: every value of one division through one raw
 * better-sqlite3 statement (`.raw().iterate()`: arrays instead of objects, no row retained),
 * written straight into typed arrays and dictionaries. About a million values on the national
 * store: one object per row through Kysely takes seconds, this a fraction of that
 * (docs/benchmarks.md, "Engine load").
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

  push(area: number, series: number, value: number | null, flags: number, source: number): void {
    if (this.count === this.area.length) this.grow();
    const i = this.count++;
    this.area[i] = area;
    this.seriesOf[i] = series;
    this.value[i] = value === null ? NaN : value;
    this.flags[i] = flags;
    this.source[i] = source;
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
 * its index, and the series that followed it in the last area. Rows come in key order (area,
 * indicator, year) and most areas hold the same series in the same order, so following `next`
 * finds the row's series without a map lookup.
 */
interface SeriesState {
  key: number;
  index: number;
  lastSourceKey: number;
  lastSource: number;
  next: SeriesState | undefined;
}

/** area id, series key (indicator id · 65536 + year), value, flags, source key (edition id · 2³² + column id). */
type RawRow = [number, number, number | null, number, number];

const SOURCE_KEY = 4294967296;

/** Reads every value of a division (optionally only some indicators, one level) into a BulkValues. */
export function readBulkValues(db: Database.Database, q: BulkValueQuery): BulkValues {
  if (q.indicators?.length === 0) return finish(new Columns(), [], []);
  const editions = readEditions(db);
  const codeOf = readDictionary(db, 'SELECT id, code FROM value_areas');
  const indicatorOf = readDictionary(db, 'SELECT id, indicator FROM value_indicators');
  const columnOf = readDictionary(db, 'SELECT id, source_column FROM value_columns');
  const [sql, params] = bulkQuery(q);
  const stmt = db.prepare(sql).raw();
  const cols = new Columns();
  const areaCodes: string[] = [];
  const areaIndex = new Int32Array(codeOf.length).fill(-1);
  const series: BulkSeries[] = [];
  const seriesIndex = new Map<number, SeriesState>();
  let lastAreaId = -1;
  let lastArea = -1;
  let s: SeriesState | undefined;
  for (const row of stmt.iterate(...params) as IterableIterator<RawRow>) {
    const areaId = row[0];
    const key = row[1];
    if (areaId !== lastAreaId) {
      let a = areaIndex[areaId]!;
      if (a < 0) {
        a = areaCodes.push(codeOf[areaId]!) - 1;
        areaIndex[areaId] = a;
      }
      lastAreaId = areaId;
      lastArea = a;
    }
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
    const sourceKey = row[4];
    if (sourceKey !== s.lastSourceKey) {
      const editionId = Math.floor(sourceKey / SOURCE_KEY);
      s.lastSource = addSource(
        series[s.index]!,
        editions.get(editionId),
        columnOf[sourceKey - editionId * SOURCE_KEY]!,
      );
      s.lastSourceKey = sourceKey;
    }
    cols.push(lastArea, s.index, row[2], row[3], s.lastSource);
  }
  return finish(cols, areaCodes, series);
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

/** The SELECT and its parameters: only the columns the engine needs, ids instead of text. */
function bulkQuery(q: BulkValueQuery): [string, (string | number)[]] {
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
  // Two keys computed by SQLite: fewer columns per row to hand over (each costs about as much as
  // the row's array). Exact: a year is 0–65535 (the series key the engine groups by assumes so),
  // and edition ids stay far below 2²¹.
  const sql = `SELECT area_id, indicator_id * 65536 + year, value, flags, edition_id * ${SOURCE_KEY} + column_id FROM area_values WHERE ${where}`;
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
