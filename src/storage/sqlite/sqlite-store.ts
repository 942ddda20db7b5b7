/**
 * SQLite implementation of the Store (better-sqlite3 for bulk writes, Kysely for typed reads).
 * One connection; transactions are BEGIN/COMMIT on it, so everything a caller writes inside
 * `transaction()` — raw or through Kysely — commits or rolls back together; the unit of work
 * handed to the callback is the store itself.
 *
 * Which transaction a call belongs to, and independent transactions taking turns:
 * sqlite-transactions.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { AppError } from '../../core/app-error.js';
import type { AreaLevel } from '../../core/area-code.js';
import type { ImportBatch, PolygonGeometry } from '../../core/records.js';
import { MIGRATIONS } from '../migrations.js';
import { areaFromSql, indicatorFromSql } from '../store-rows.js';
import type {
  AreaRow,
  BulkValueQuery,
  BulkValues,
  EditionRow,
  GeometryRow,
  HarmonisationLogRow,
  HarmonisedValueRow,
  ImportLogRow,
  IndicatorRow,
  RegionRow,
  Store,
  ValueQuery,
  ValueRow,
  WriteBatchResult,
} from '../store.js';
import { writeSqliteBatch } from './batch-write.js';
import { SqliteTransactions } from './sqlite-transactions.js';
import { readBulkValues } from './bulk-values.js';
import { queryValues } from './value-query.js';
import { clearHarmonisation, copyValuesByCode, type CopyByCodeQuery } from './harmonised-values.js';
import { CodedValueRows } from './value-rows.js';
import type { SqliteSchema } from './schema.js';
import { isSnapshotQuery, readBulkSnapshot, writeBulkSnapshot } from './bulk-snapshot.js';
import type { MembersStore } from '../members-store.js';
import { accountMethods } from '../accounts-sql.js';
import { memberDataMethods } from '../member-data-sql.js';
import { scenarioMethods } from '../scenarios-sql.js';
import { sqliteRunner } from './sqlite-runner.js';
import type { PostcodeStore } from '../postcode-store.js';
import { postcodeMethods } from './postcodes.js';
import type { DataEditionContent, DataEditionRow, NewDataEdition } from '../data-editions.js';
import { dataEditionMethods } from './data-editions.js';

export interface OpenSqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
  readonly?: boolean;
}

/** Page size of a store file created by openSqliteStore. */
export const NEW_STORE_PAGE_SIZE = 16384;

export function openSqliteStore(options: OpenSqliteOptions): SqliteStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    // 16 KiB pages for a new store (SQLite's default is 4 KiB; an existing file keeps its size,
    // and the pragma does nothing once a page is written). An import writes ~100 MB in one
    // transaction, page by page: with 4 KiB pages, 159,000 pwrite and 69,000 pread calls for the
    // four benchmark inputs; with 16 KiB the import took 17 % less wall time (docs/benchmarks.md,
    // "Page size"). Set before WAL mode, which fixes it.
    db.pragma(`page_size = ${NEW_STORE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // 16 MB of page cache (SQLite's default is 2 MB): an import writes in key order, so a bigger
  // cache bought no CPU time (national import 28.8 s CPU with 16 and 64 MB; KWB, 4 editions, 6.7
  // against 6.3 s with 200 MB), but it is resident memory while the one transaction of an import
  // run holds its pages (docs/benchmarks.md, "import memory").
  db.pragma('cache_size = -16384');
  const store = new SqliteStore(db);
  try {
    if (options.readonly) store.checkSchema();
    else store.migrate();
  } catch (e) {
    db.close();
    throw e;
  }
  return store;
}

const LATEST_SCHEMA = Math.max(...MIGRATIONS.map((m) => m.version));

export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly kysely: Kysely<SqliteSchema>;
  private readonly transactions: SqliteTransactions;
  private membersStore: MembersStore | undefined;
  private postcodeStore: PostcodeStore | undefined;

  constructor(db: Database.Database) {
    this.db = db;
    this.kysely = new Kysely<SqliteSchema>({ dialect: new SqliteDialect({ database: db }) });
    this.transactions = new SqliteTransactions(db);
  }

  migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    this.refuseNewer(Math.max(0, ...applied));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  private refuseNewer(version: number): void {
    if (version > LATEST_SCHEMA) {
      throw new AppError(
        'STORE_SCHEMA_TOO_NEW',
        `the store has schema version ${version}; this program knows up to ${LATEST_SCHEMA}`,
      );
    }
  }

  /**
   * For a read-only open, which cannot migrate: the store must have exactly the schema this
   * program knows. Older → STORE_SCHEMA_TOO_OLD, newer → STORE_SCHEMA_TOO_NEW.
   */
  checkSchema(): void {
    const hasTable = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    const version = hasTable ? this.schemaVersion() : 0;
    this.refuseNewer(version);
    if (version < LATEST_SCHEMA) {
      throw new AppError(
        'STORE_SCHEMA_TOO_OLD',
        `the store ${this.db.name} has schema version ${version}; this program needs ${LATEST_SCHEMA} and cannot migrate a store opened read-only: open it once read-write (any veerkracht command) to migrate`,
      );
    }
  }

  schemaVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  /**
   * One connection: the unit of work is the store itself. BEGIN IMMEDIATE, or a savepoint when
   * called within a transaction's async context; independent transactions run one after the other
   * (sqlite-transactions.ts).
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.transactions.run(() => fn(this));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** The SQL shared with PostgreSQL, on this connection; several statements run as one `transaction`. */
  get members(): MembersStore {
    if (!this.membersStore) {
      const sql = sqliteRunner(this.db, (fn) => this.transaction(fn));
      this.membersStore = { ...accountMethods(sql), ...memberDataMethods(sql), ...scenarioMethods(sql) };
    }
    return this.membersStore;
  }

  /** Prepared on first use, like `members`. */
  get postcodes(): PostcodeStore {
    this.postcodeStore ??= postcodeMethods(this.db);
    return this.postcodeStore;
  }

  async writeBatch(batch: ImportBatch, report: unknown): Promise<WriteBatchResult> {
    return this.transaction(async () => writeSqliteBatch(this.db, batch, report));
  }

  async findImport(checksum: string): Promise<ImportLogRow | undefined> {
    return (await this.listImports()).find((r) => r.checksum === checksum);
  }

  async listImports(): Promise<ImportLogRow[]> {
    const rows = await this.kysely
      .selectFrom('import_log')
      .leftJoin('editions', 'editions.id', 'import_log.edition_id')
      .select(['import_log.id', 'file', 'checksum', 'editions.edition', 'imported_at', 'report'])
      .orderBy('import_log.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      file: r.file,
      checksum: r.checksum,
      edition: r.edition,
      importedAt: r.imported_at,
      report: JSON.parse(r.report) as unknown,
    }));
  }

  async listEditions(): Promise<EditionRow[]> {
    const rows = await this.kysely.selectFrom('editions').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      source: r.source as EditionRow['source'],
      edition: r.edition,
      table: r.table_id,
      publisher: r.publisher,
      divisionYear: r.division_year,
    }));
  }

  async editionIdOf(edition: string): Promise<number | undefined> {
    const row = await this.kysely
      .selectFrom('editions')
      .select('id')
      .where('edition', '=', edition)
      .executeTakeFirst();
    return row?.id;
  }

  async upsertIndicators(rows: readonly IndicatorRow[]): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT INTO indicators (id, title_nl, title_en, unit, source, definition) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title_nl = excluded.title_nl, title_en = excluded.title_en, unit = excluded.unit,
         source = excluded.source, definition = excluded.definition`,
    );
    this.db.transaction(() => {
      for (const r of rows) stmt.run(r.id, r.titleNl, r.titleEn, r.unit, r.source, r.definition);
    })();
  }

  async listIndicators(): Promise<IndicatorRow[]> {
    const rows = await this.kysely.selectFrom('indicators').selectAll().orderBy('id').execute();
    return rows.map(indicatorFromSql);
  }

  async listAreas(q: {
    level?: AreaLevel;
    gemeente?: string;
    divisionYear?: number;
    codes?: readonly string[];
  }): Promise<AreaRow[]> {
    let query = this.kysely.selectFrom('areas').selectAll();
    if (q.level) query = query.where('level', '=', q.level);
    if (q.gemeente)
      query = query.where((eb) =>
        eb.or([eb('gemeente_code', '=', q.gemeente!), eb('code', '=', q.gemeente!)]),
      );
    if (q.divisionYear !== undefined) query = query.where('division_year', '=', q.divisionYear);
    if (q.codes)
      query = q.codes.length ? query.where('code', 'in', [...q.codes]) : query.where(sql<boolean>`0 = 1`);
    const rows = await query.orderBy('code').orderBy('division_year').execute();
    return rows.map(areaFromSql);
  }

  async listDivisionYears(level?: AreaLevel): Promise<number[]> {
    let query = this.kysely.selectFrom('areas').select('division_year').distinct();
    if (level) query = query.where('level', '=', level);
    const rows = await query.orderBy('division_year').execute();
    return rows.map((r) => r.division_year);
  }

  async listAreaNames(gemeente: string): Promise<{ code: string; name: string; level: string }[]> {
    return this.kysely
      .selectFrom('area_names')
      .select(['code', 'name', 'level'])
      .where('gemeente_code', '=', gemeente)
      .orderBy('code')
      .execute();
  }

  async findGemeenteByName(name: string): Promise<string[]> {
    const rows = await this.kysely
      .selectFrom('area_names')
      .select('code')
      .distinct()
      .where('level', '=', 'gemeente')
      .where((eb) => eb.fn('lower', ['name']), '=', name.trim().toLowerCase())
      .execute();
    return rows.map((r) => r.code);
  }

  async getValues(q: ValueQuery): Promise<ValueRow[]> {
    return queryValues(this.db, this.kysely, q);
  }

  async getBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (isSnapshotQuery(q)) {
      const snapshot = readBulkSnapshot(this.db, q, await this.dataVersion());
      if (snapshot) return snapshot;
    }
    return readBulkValues(this.db, q);
  }

  async refreshBulkSnapshot(q: BulkValueQuery): Promise<void> {
    if (!isSnapshotQuery(q)) return;
    const values = readBulkValues(this.db, q);
    writeBulkSnapshot(this.db, q, values, await this.dataVersion());
  }

  async listGeometryCodes(divisionYear: number): Promise<string[]> {
    return this.db
      .prepare('SELECT code FROM geometries WHERE division_year = ? ORDER BY code')
      .pluck()
      .all(divisionYear) as string[];
  }

  async writeHarmonisedValues(
    rows: readonly HarmonisedValueRow[],
    editionOf: (row: HarmonisedValueRow) => number,
  ): Promise<number> {
    return this.transaction(async () => {
      const coded = new CodedValueRows(this.db, rows.length);
      coded.preload(
        rows.map((r) => r.areaCode),
        [],
      );
      for (const r of rows) {
        coded.push(
          r.divisionYear,
          r.areaCode,
          r.indicator,
          r.year,
          r.value,
          r.flags,
          editionOf(r),
          r.sourceColumn,
          r.method,
          r.fromDivision,
        );
      }
      coded.write();
      return rows.length;
    });
  }

  async copyValuesByCode(q: CopyByCodeQuery): Promise<number> {
    return this.transaction(async () => copyValuesByCode(this.db, q));
  }

  async clearHarmonisation(q: { fromDivision: number; toDivision: number }): Promise<number> {
    return this.transaction(async () => clearHarmonisation(this.db, q));
  }

  async getGeometries(q: {
    divisionYear: number;
    codes?: readonly string[];
    gemeente?: string;
  }): Promise<GeometryRow[]> {
    let query = this.kysely.selectFrom('geometries').selectAll().where('division_year', '=', q.divisionYear);
    if (q.codes)
      query = q.codes.length ? query.where('code', 'in', [...q.codes]) : query.where(sql<boolean>`0 = 1`);
    if (q.gemeente) query = query.where('code', 'like', `BU${q.gemeente.slice(2)}%`);
    const rows = await query.orderBy('code').execute();
    return rows.map((r) => ({
      code: r.code,
      divisionYear: r.division_year,
      rd: JSON.parse(r.rd_geojson) as PolygonGeometry,
      areaM2: r.area_m2,
      bbox: [r.min_x, r.min_y, r.max_x, r.max_y],
      display: r.display_geojson ? (JSON.parse(r.display_geojson) as PolygonGeometry) : null,
    }));
  }

  async setDisplayGeometries(
    divisionYear: number,
    rows: readonly { code: string; display: PolygonGeometry }[],
  ): Promise<void> {
    const stmt = this.db.prepare(
      'UPDATE geometries SET display_geojson = ? WHERE code = ? AND division_year = ?',
    );
    await this.transaction(async () => {
      for (const r of rows) stmt.run(JSON.stringify(r.display), r.code, divisionYear);
    });
  }

  async listRegions(): Promise<RegionRow[]> {
    const rows = await this.kysely.selectFrom('regions').selectAll().orderBy('name').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      gemeenten: JSON.parse(r.gemeenten) as string[],
      predefined: r.predefined === 1,
      ...(r.organisation_id !== null ? { organisationId: r.organisation_id } : {}),
    }));
  }

  async upsertRegion(row: RegionRow): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO regions (id, name, gemeenten, predefined, created_at, organisation_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, gemeenten = excluded.gemeenten`,
      )
      .run(
        row.id,
        row.name,
        JSON.stringify(row.gemeenten),
        row.predefined ? 1 : 0,
        new Date().toISOString(),
        row.organisationId ?? null,
      );
    this.db.prepare('UPDATE private_data_version SET version = version + 1 WHERE id = 1').run();
  }

  async logHarmonisation(rows: readonly HarmonisationLogRow[]): Promise<void> {
    const del = this.db.prepare(
      'DELETE FROM harmonisation_log WHERE from_division = ? AND to_division = ? AND gemeente_code = ?',
    );
    const ins = this.db.prepare(
      `INSERT INTO harmonisation_log (from_division, to_division, gemeente_code, by_code, by_overlay, unmatched, run_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    await this.transaction(async () => {
      const now = new Date().toISOString();
      for (const r of rows) {
        del.run(r.fromDivision, r.toDivision, r.gemeenteCode);
        ins.run(r.fromDivision, r.toDivision, r.gemeenteCode, r.byCode, r.byOverlay, r.unmatched, now);
      }
    });
  }

  async listHarmonisation(): Promise<HarmonisationLogRow[]> {
    const rows = await this.kysely
      .selectFrom('harmonisation_log')
      .selectAll()
      .orderBy('gemeente_code')
      .execute();
    return rows.map((r) => ({
      fromDivision: r.from_division,
      toDivision: r.to_division,
      gemeenteCode: r.gemeente_code,
      byCode: r.by_code,
      byOverlay: r.by_overlay,
      unmatched: r.unmatched,
    }));
  }

  async addDataEdition(e: NewDataEdition, options: { retain: number; now?: Date }): Promise<DataEditionRow> {
    return this.transaction(async () => dataEditionMethods(this.db).addDataEdition(e, options));
  }

  async listDataEditions(): Promise<DataEditionRow[]> {
    return dataEditionMethods(this.db).listDataEditions();
  }

  async readDataEdition(id: number): Promise<DataEditionContent | undefined> {
    return dataEditionMethods(this.db).readDataEdition(id);
  }

  async dataVersion(): Promise<string> {
    const i = this.db.prepare('SELECT COUNT(*) AS n, MAX(id) AS m FROM import_log').get() as {
      n: number;
      m: number | null;
    };
    const h = this.db.prepare('SELECT COUNT(*) AS n, MAX(id) AS m FROM harmonisation_log').get() as {
      n: number;
      m: number | null;
    };
    return `${i.n}|${i.m ?? 0}|${h.n}|${h.m ?? 0}`;
  }

  async coverage(): Promise<
    { indicator: string; divisionYear: number; year: number; areas: number; missing: number }[]
  > {
    // Grouping the values by (division, indicator, year) directly sorts every row (1.1 s for 2.3 M).
    // Instead one scan in key order (division, area, …) collects each area's set of keys
    // `indicator_id * 4096 + year` (negative when the value is NULL) — no sort — and areas with the
    // same set, which is most of them (a few hundred sets nationally), are counted once; only those
    // sets are expanded and grouped. 0.25 s on the national store.
    return this.db
      .prepare(
        `WITH per_area AS (
           SELECT division_year AS d,
                  json_group_array(CASE WHEN value IS NULL THEN -(indicator_id * 4096 + year)
                                        ELSE indicator_id * 4096 + year END) AS keys
           FROM area_values GROUP BY division_year, area_id),
         key_sets AS (SELECT d, keys, COUNT(*) AS n FROM per_area GROUP BY d, keys),
         g AS (
           SELECT d, abs(k.value) AS key, SUM(n) AS areas, SUM(CASE WHEN k.value < 0 THEN n ELSE 0 END) AS missing
           FROM key_sets, json_each(key_sets.keys) AS k GROUP BY d, abs(k.value))
         SELECT i.indicator, g.d AS divisionYear, g.key % 4096 AS year, g.areas, g.missing
         FROM g JOIN value_indicators i ON i.id = g.key / 4096
         ORDER BY i.indicator, g.d, year`,
      )
      .all() as { indicator: string; divisionYear: number; year: number; areas: number; missing: number }[];
  }

  async areaCounts(): Promise<
    { level: string; divisionYear: number; count: number; withGeometry: number }[]
  > {
    return this.db
      .prepare(
        `SELECT a.level, a.division_year AS divisionYear, COUNT(*) AS count, COUNT(g.code) AS withGeometry
         FROM areas a LEFT JOIN geometries g ON g.code = a.code AND g.division_year = a.division_year
         GROUP BY a.level, a.division_year ORDER BY a.division_year, a.level`,
      )
      .all() as { level: string; divisionYear: number; count: number; withGeometry: number }[];
  }
}
