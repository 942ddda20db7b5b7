/**
 * PostgreSQL implementation of the Store (pg pool + Kysely's PostgresDialect), selected by
 * VEERKRACHT_DATABASE_URL=postgres://… (docs/decisions/006-postgresql-store.md).
 *
 * The store itself reads and writes single statements through the pool. `transaction(fn)` checks
 * out one connection, BEGINs, takes the store's write lock (an advisory lock held until COMMIT or
 * ROLLBACK, so write transactions run one at a time, as on SQLite) and hands `fn` a PgStore bound
 * to that connection — the unit of work; nested `tx.transaction` calls are savepoints, taking
 * turns when started together (../transaction-scopes.ts). A killed process leaves an open
 * transaction on a closed socket, which PostgreSQL rolls back.
 */
import pg from 'pg';
import { TransactionScopes } from '../transaction-scopes.js';
import { AppError } from '../../core/app-error.js';
import type { AreaLevel } from '../../core/area-code.js';
import type { ImportBatch, PolygonGeometry } from '../../core/records.js';
import type { DataEditionStore } from '../data-editions.js';
import { accountMethods } from '../accounts-sql.js';
import { memberDataMethods } from '../member-data-sql.js';
import type { MembersStore } from '../members-store.js';
import { scenarioMethods } from '../scenarios-sql.js';
import type { PostcodeStore } from '../postcode-store.js';
import { areaFromSql, indicatorFromSql, type AreaSql, type IndicatorSql } from '../store-rows.js';
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
import { clientConnection, poolConnection, type PgConnection } from './pg-connection.js';
import { pgDataEditionMethods } from './pg-data-editions.js';
import { pgRunner } from './pg-runner.js';
import { pgPostcodeMethods } from './pg-postcodes.js';
import { migrate } from './pg-migrate.js';
import { isSnapshotQuery, readPgBulkSnapshot, writePgBulkSnapshot } from './pg-bulk-snapshot.js';
import { writeImportBatch } from './pg-batch.js';
import { readBulkValues } from './pg-bulk-read.js';
import { PgValueRows } from './pg-value-rows.js';
import { clearHarmonisation, copyValuesByCode, queryValues, type CopyByCodeQuery } from './pg-values.js';

import { WRITE_LOCK } from './pg-migrate.js';

// int8 (COUNT, SUM of integers) as a number: counts here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface OpenPgOptions {
  url: string;
  /** Pool size (default 10). */
  max?: number;
}

/** Opens the pool and brings the schema up to date (one instance at a time migrates). */
export async function openPgStore(options: OpenPgOptions): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
  pool.on('error', () => {}); // an idle client's lost connection: the next checkout reconnects
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    if (e instanceof AppError) throw e;
    throw new AppError(
      'STORE_UNAVAILABLE',
      `cannot open the PostgreSQL store at ${redact(options.url)}: ${(e as Error).message}`,
    );
  }
  return new PgStore(pool, poolConnection(pool), { savepoints: new TransactionScopes() });
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** A transaction's savepoints, on the connection it holds (../transaction-scopes.ts). */
interface TxState {
  savepoints: TransactionScopes;
}

export class PgStore implements Store {
  private membersStore: MembersStore | undefined;
  private postcodeStore: PostcodeStore | undefined;
  private readonly editions: DataEditionStore;

  constructor(
    readonly pool: pg.Pool,
    private readonly conn: PgConnection,
    private readonly tx: TxState,
  ) {
    this.editions = pgDataEditionMethods(conn, (fn) => this.atomic(fn));
  }

  /** Kysely on this store's connection(s). */
  get kysely(): PgConnection['kysely'] {
    return this.conn.kysely;
  }

  async schemaVersion(): Promise<number> {
    const [r] = await this.conn.rows<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return r?.v ?? 0;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.unit(fn);
  }

  /** `transaction` with the unit of work typed as what it is. */
  private async unit<T>(fn: (tx: PgStore) => Promise<T>): Promise<T> {
    const client = this.conn.client;
    if (client) {
      // savepoints started together inside this transaction take turns
      return this.tx.savepoints.run(async (depth) => {
        const savepoint = `sp${depth}`;
        await client.query(`SAVEPOINT ${savepoint}`);
        try {
          const result = await fn(this);
          await client.query(`RELEASE SAVEPOINT ${savepoint}`);
          return result;
        } catch (e) {
          await client.query(`ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
          throw e;
        }
      });
    }
    const fresh = await this.pool.connect();
    let broken = false;
    try {
      await fresh.query('BEGIN');
      await fresh.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const result = await fn(
        new PgStore(this.pool, clientConnection(fresh), { savepoints: new TransactionScopes() }),
      );
      await fresh.query('COMMIT');
      return result;
    } catch (e) {
      await fresh.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw e;
    } finally {
      fresh.release(broken);
    }
  }

  /** Runs several statements together: in the caller's transaction, else in a new one. */
  private async atomic<T>(fn: (c: PgConnection) => Promise<T>): Promise<T> {
    if (this.conn.client) return fn(this.conn);
    return this.unit((tx) => fn(tx.conn));
  }

  async close(): Promise<void> {
    if (!this.conn.client) await this.pool.end();
  }

  /** The SQL shared with SQLite, on this store's connection; several statements run through `atomic`. */
  get members(): MembersStore {
    if (!this.membersStore) {
      const sql = pgRunner(this.conn, (fn) => this.atomic(fn));
      this.membersStore = { ...accountMethods(sql), ...memberDataMethods(sql), ...scenarioMethods(sql) };
    }
    return this.membersStore;
  }

  get postcodes(): PostcodeStore {
    this.postcodeStore ??= pgPostcodeMethods(this.conn);
    return this.postcodeStore;
  }

  addDataEdition: DataEditionStore['addDataEdition'] = (e, o) => this.editions.addDataEdition(e, o);
  listDataEditions: DataEditionStore['listDataEditions'] = () => this.editions.listDataEditions();
  readDataEdition: DataEditionStore['readDataEdition'] = (id) => this.editions.readDataEdition(id);

  async writeBatch(batch: ImportBatch, report: unknown): Promise<WriteBatchResult> {
    return this.unit(({ conn }) => writeImportBatch(conn, batch, report));
  }

  async findImport(checksum: string): Promise<ImportLogRow | undefined> {
    return (await this.importRows('WHERE l.checksum = $1', [checksum]))[0];
  }

  async listImports(): Promise<ImportLogRow[]> {
    return this.importRows('', []);
  }

  private async importRows(where: string, params: unknown[]): Promise<ImportLogRow[]> {
    const rows = await this.conn.rows<{
      id: number;
      file: string;
      checksum: string;
      edition: string | null;
      imported_at: string;
      report: string;
    }>(
      `SELECT l.id, l.file, l.checksum, e.edition, l.imported_at, l.report
       FROM import_log l LEFT JOIN editions e ON e.id = l.edition_id ${where} ORDER BY l.id`,
      params,
    );
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
    const rows = await this.conn.rows<{
      id: number;
      source: string;
      edition: string;
      table_id: string | null;
      publisher: string;
      division_year: number | null;
    }>('SELECT id, source, edition, table_id, publisher, division_year FROM editions ORDER BY id');
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
    const [r] = await this.conn.rows<{ id: number }>(
      'SELECT id FROM editions WHERE edition = $1 ORDER BY id LIMIT 1',
      [edition],
    );
    return r?.id;
  }

  async upsertIndicators(rows: readonly IndicatorRow[]): Promise<void> {
    if (rows.length === 0) return;
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    await this.conn.changes(
      `INSERT INTO indicators (id, title_nl, title_en, unit, source, definition)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (id) DO UPDATE SET title_nl = EXCLUDED.title_nl, title_en = EXCLUDED.title_en,
         unit = EXCLUDED.unit, source = EXCLUDED.source, definition = EXCLUDED.definition`,
      [
        unique.map((r) => r.id),
        unique.map((r) => r.titleNl),
        unique.map((r) => r.titleEn),
        unique.map((r) => r.unit),
        unique.map((r) => r.source),
        unique.map((r) => r.definition),
      ],
    );
  }

  async listIndicators(): Promise<IndicatorRow[]> {
    const rows = await this.conn.rows<IndicatorSql>('SELECT * FROM indicators ORDER BY id');
    return rows.map(indicatorFromSql);
  }

  async listAreas(q: {
    level?: AreaLevel;
    gemeente?: string;
    divisionYear?: number;
    codes?: readonly string[];
  }): Promise<AreaRow[]> {
    if (q.codes?.length === 0) return [];
    const params: unknown[] = [];
    const p = (v: unknown): string => `$${params.push(v)}`;
    const where: string[] = [];
    if (q.level) where.push(`level = ${p(q.level)}`);
    if (q.gemeente) where.push(`(gemeente_code = ${p(q.gemeente)} OR code = $${params.length})`);
    if (q.divisionYear !== undefined) where.push(`division_year = ${p(q.divisionYear)}`);
    if (q.codes) where.push(`code = ANY(${p([...q.codes])}::text[])`);
    const rows = await this.conn.rows<AreaSql>(
      `SELECT * FROM areas ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY code, division_year`,
      params,
    );
    return rows.map(areaFromSql);
  }

  async listDivisionYears(level?: AreaLevel): Promise<number[]> {
    const rows = level
      ? await this.conn.rows<{ y: number }>(
          'SELECT DISTINCT division_year AS y FROM areas WHERE level = $1 ORDER BY y',
          [level],
        )
      : await this.conn.rows<{ y: number }>('SELECT DISTINCT division_year AS y FROM areas ORDER BY y');
    return rows.map((r) => r.y);
  }

  async listAreaNames(gemeente: string): Promise<{ code: string; name: string; level: string }[]> {
    return this.conn.rows(
      'SELECT code, name, level FROM area_names WHERE gemeente_code = $1 ORDER BY code, level, name',
      [gemeente],
    );
  }

  async findGemeenteByName(name: string): Promise<string[]> {
    const rows = await this.conn.rows<{ code: string }>(
      `SELECT DISTINCT code FROM area_names WHERE level = 'gemeente' AND lower(name) = $1 ORDER BY code`,
      [name.trim().toLowerCase()],
    );
    return rows.map((r) => r.code);
  }

  async getValues(q: ValueQuery): Promise<ValueRow[]> {
    return queryValues(this.conn, q);
  }

  async getBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (isSnapshotQuery(q)) {
      const snapshot = await readPgBulkSnapshot(this.conn, q, await this.dataVersion());
      if (snapshot) return snapshot;
    }
    return this.streamBulkValues(q);
  }

  /** Stores the bulk read of `q` for later reads at the same data version (pg-bulk-snapshot.ts). */
  async refreshBulkSnapshot(q: BulkValueQuery): Promise<void> {
    if (!isSnapshotQuery(q)) return;
    const values = await this.streamBulkValues(q);
    await writePgBulkSnapshot(this.conn, q, values, await this.dataVersion());
  }

  private async streamBulkValues(q: BulkValueQuery): Promise<BulkValues> {
    if (this.conn.client) return readBulkValues(this.conn.client, q);
    const client = await this.pool.connect();
    try {
      // one snapshot for the dictionaries and the values (READ COMMITTED would give each
      // statement its own: an import committing new areas in between would be half-seen)
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const values = await readBulkValues(client, q);
      await client.query('COMMIT');
      return values;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async listGeometryCodes(divisionYear: number): Promise<string[]> {
    const rows = await this.conn.rows<{ code: string }>(
      'SELECT code FROM geometries WHERE division_year = $1 ORDER BY code',
      [divisionYear],
    );
    return rows.map((r) => r.code);
  }

  async writeHarmonisedValues(
    rows: readonly HarmonisedValueRow[],
    editionOf: (row: HarmonisedValueRow) => number,
  ): Promise<number> {
    return this.unit(async (tx) => {
      const values = new PgValueRows(rows.length);
      for (const r of rows)
        values.push(
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
      await values.write(tx.conn.client!);
      return rows.length;
    });
  }

  async copyValuesByCode(q: CopyByCodeQuery): Promise<number> {
    return this.atomic((c) => copyValuesByCode(c, q));
  }

  async clearHarmonisation(q: { fromDivision: number; toDivision: number }): Promise<number> {
    return this.atomic((c) => clearHarmonisation(c, q));
  }

  async getGeometries(q: {
    divisionYear: number;
    codes?: readonly string[];
    gemeente?: string;
  }): Promise<GeometryRow[]> {
    if (q.codes?.length === 0) return [];
    const params: unknown[] = [q.divisionYear];
    const where = ['division_year = $1'];
    if (q.codes) where.push(`code = ANY($${params.push([...q.codes])}::text[])`);
    if (q.gemeente) where.push(`code LIKE $${params.push(`BU${q.gemeente.slice(2)}%`)}`);
    const rows = await this.conn.rows<{
      code: string;
      division_year: number;
      rd_geojson: string;
      area_m2: number;
      min_x: number;
      min_y: number;
      max_x: number;
      max_y: number;
      display_geojson: string | null;
    }>(
      `SELECT code, division_year, rd_geojson, area_m2, min_x, min_y, max_x, max_y, display_geojson
       FROM geometries WHERE ${where.join(' AND ')} ORDER BY code`,
      params,
    );
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
    if (rows.length === 0) return;
    await this.conn.changes(
      `UPDATE geometries g SET display_geojson = d.display
       FROM unnest($2::text[], $3::text[]) AS d(code, display)
       WHERE g.division_year = $1 AND g.code = d.code`,
      [divisionYear, rows.map((r) => r.code), rows.map((r) => JSON.stringify(r.display))],
    );
  }

  async listRegions(): Promise<RegionRow[]> {
    const rows = await this.conn.rows<{
      id: string;
      name: string;
      gemeenten: string;
      predefined: number;
      organisation_id: number | null;
    }>('SELECT id, name, gemeenten, predefined, organisation_id FROM regions ORDER BY name');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      gemeenten: JSON.parse(r.gemeenten) as string[],
      predefined: r.predefined === 1,
      ...(r.organisation_id !== null ? { organisationId: r.organisation_id } : {}),
    }));
  }

  async upsertRegion(row: RegionRow): Promise<void> {
    await this.atomic(async (c) => {
      await c.changes(
        `INSERT INTO regions (id, name, gemeenten, predefined, created_at, organisation_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, gemeenten = EXCLUDED.gemeenten`,
        [
          row.id,
          row.name,
          JSON.stringify(row.gemeenten),
          row.predefined ? 1 : 0,
          new Date().toISOString(),
          row.organisationId ?? null,
        ],
      );
      await c.changes('UPDATE private_data_version SET version = version + 1 WHERE id = 1');
    });
  }

  async logHarmonisation(rows: readonly HarmonisationLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    const last = [
      ...new Map(rows.map((r) => [`${r.fromDivision}|${r.toDivision}|${r.gemeenteCode}`, r])).values(),
    ];
    const cols = [
      last.map((r) => r.fromDivision),
      last.map((r) => r.toDivision),
      last.map((r) => r.gemeenteCode),
    ];
    await this.atomic(async (c) => {
      await c.changes(
        `DELETE FROM harmonisation_log h USING unnest($1::int[], $2::int[], $3::text[]) AS d(f, t, g)
         WHERE h.from_division = d.f AND h.to_division = d.t AND h.gemeente_code = d.g`,
        cols,
      );
      await c.changes(
        `INSERT INTO harmonisation_log (from_division, to_division, gemeente_code, by_code, by_overlay, unmatched, run_at)
         SELECT f, t, g, bc, bo, u, $7 FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[])
           WITH ORDINALITY AS d(f, t, g, bc, bo, u, n) ORDER BY n`,
        [
          ...cols,
          last.map((r) => r.byCode),
          last.map((r) => r.byOverlay),
          last.map((r) => r.unmatched),
          new Date().toISOString(),
        ],
      );
    });
  }

  async listHarmonisation(): Promise<HarmonisationLogRow[]> {
    const rows = await this.conn.rows<{
      from_division: number;
      to_division: number;
      gemeente_code: string;
      by_code: number;
      by_overlay: number;
      unmatched: number;
    }>('SELECT * FROM harmonisation_log ORDER BY gemeente_code, id');
    return rows.map((r) => ({
      fromDivision: r.from_division,
      toDivision: r.to_division,
      gemeenteCode: r.gemeente_code,
      byCode: r.by_code,
      byOverlay: r.by_overlay,
      unmatched: r.unmatched,
    }));
  }

  /** In the database, so every instance on it sees an import by any other (and the CLI's). */
  async dataVersion(): Promise<string> {
    const [r] = await this.conn.rows<{ i: number; im: number; h: number; hm: number }>(
      `SELECT (SELECT COUNT(*) FROM import_log) AS i, (SELECT COALESCE(MAX(id), 0) FROM import_log) AS im,
              (SELECT COUNT(*) FROM harmonisation_log) AS h, (SELECT COALESCE(MAX(id), 0) FROM harmonisation_log) AS hm`,
    );
    return `${r!.i}|${r!.im}|${r!.h}|${r!.hm}`;
  }

  async coverage(): Promise<
    { indicator: string; divisionYear: number; year: number; areas: number; missing: number }[]
  > {
    return this.conn.rows(
      // counted per indicator id, then named: a join per value row took twice as long
      `SELECT i.indicator, c.division_year AS "divisionYear", c.year, c.areas, c.missing
       FROM (SELECT indicator_id, division_year, year, COUNT(*)::int AS areas,
               COUNT(*) FILTER (WHERE value IS NULL)::int AS missing
             FROM area_values GROUP BY indicator_id, division_year, year) c
         JOIN value_indicators i ON i.id = c.indicator_id
       ORDER BY i.indicator, c.division_year, c.year`,
    );
  }

  async areaCounts(): Promise<
    { level: string; divisionYear: number; count: number; withGeometry: number }[]
  > {
    return this.conn.rows(
      `SELECT a.level, a.division_year AS "divisionYear", COUNT(*)::int AS count, COUNT(g.code)::int AS "withGeometry"
       FROM areas a LEFT JOIN geometries g ON g.code = a.code AND g.division_year = a.division_year
       GROUP BY a.level, a.division_year ORDER BY a.division_year, a.level`,
    );
  }
}
