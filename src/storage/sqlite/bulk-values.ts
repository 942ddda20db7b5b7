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

/** Per series: its index, and the last source seen (rows of one series nearly always share it) with its index. */
interface SeriesState {
  index: number;
  lastEdition: number;
  lastColumn: number;
  lastSource: number;
}

type RawRow = [number, number, number, number | null, number, number, number];

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
  let lastKey = -1;
  let s: SeriesState | undefined;
  for (const row of stmt.iterate(...params) as IterableIterator<RawRow>) {
    const [areaId, indicatorId, year, value, flags, editionId, columnId] = row;
    if (areaId !== lastAreaId) {
      let a = areaIndex[areaId]!;
      if (a < 0) {
        a = areaCodes.push(codeOf[areaId]!) - 1;
        areaIndex[areaId] = a;
      }
      lastAreaId = areaId;
      lastArea = a;
    }
    const key = indicatorId * 65536 + year;
    if (key !== lastKey || !s) {
      s = seriesIndex.get(key);
      if (!s) {
        s = {
          index: series.push({ indicator: indicatorOf[indicatorId]!, year, sources: [] }) - 1,
          lastEdition: -1,
          lastColumn: -1,
          lastSource: 0,
        };
        seriesIndex.set(key, s);
      }
      lastKey = key;
    }
    if (editionId !== s.lastEdition || columnId !== s.lastColumn) {
      s.lastSource = addSource(series[s.index]!, editions.get(editionId), columnOf[columnId]!);
      s.lastEdition = editionId;
      s.lastColumn = columnId;
    }
    cols.push(lastArea, s.index, value, flags, s.lastSource);
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
  const sql = `SELECT area_id, indicator_id, year, value, flags, edition_id, column_id FROM area_values WHERE ${where}`;
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
