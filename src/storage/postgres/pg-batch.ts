/**
 * One import batch written to PostgreSQL inside the caller's transaction (PgStore.writeBatch):
 * the edition upserted, areas and names as multi-row inserts from arrays, values with COPY
 * (pg-value-rows.ts), geometries in slices, and the import log row.
 */
import { geometryBbox } from '../../core/geometry-bbox.js';
import type { ImportBatch } from '../../core/records.js';
import type { WriteBatchResult } from '../store.js';
import type { PgConnection } from './pg-connection.js';
import { PgValueRows } from './pg-value-rows.js';

/** Needs a connection carrying a transaction (COPY runs on its client). */
export async function writeImportBatch(
  tx: PgConnection,
  batch: ImportBatch,
  report: unknown,
): Promise<WriteBatchResult> {
  const e = batch.edition;
  const [{ id: editionId }] = (await tx.rows<{ id: number }>(
    `INSERT INTO editions (source, edition, table_id, publisher, division_year) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (source, edition) DO UPDATE SET table_id = EXCLUDED.table_id, publisher = EXCLUDED.publisher,
           division_year = EXCLUDED.division_year
         RETURNING id`,
    [e.source, e.edition, e.table, e.publisher, e.divisionYear],
  )) as [{ id: number }];
  await writeAreas(tx, batch.areas, editionId);
  const values = new PgValueRows(batch.values.length);
  values.pushColumns(batch.values, editionId);
  await values.write(tx.client!);
  await writeGeometries(tx, batch.geometries, editionId);
  await tx.changes(
    'INSERT INTO import_log (file, checksum, edition_id, imported_at, report) VALUES ($1, $2, $3, $4, $5)',
    [batch.file, batch.checksum, editionId, new Date().toISOString(), JSON.stringify(report)],
  );
  return {
    editionId,
    areasWritten: batch.areas.length,
    valuesWritten: batch.values.length,
    geometriesWritten: batch.geometries.length,
  };
}

/** Areas (merged as SQLite's one-row-at-a-time upsert would) and their names, one statement each. */
async function writeAreas(tx: PgConnection, areas: ImportBatch['areas'], editionId: number): Promise<void> {
  if (areas.length === 0) return;
  const merged = new Map<string, ImportBatch['areas'][number]>();
  for (const a of areas) {
    const key = `${a.code}|${a.divisionYear}`;
    const before = merged.get(key);
    merged.set(
      key,
      before
        ? {
            ...before,
            name: a.name ?? before.name,
            gemeenteCode: a.gemeenteCode ?? before.gemeenteCode,
            wijkCode: a.wijkCode ?? before.wijkCode,
          }
        : a,
    );
  }
  const rows = [...merged.values()];
  await tx.changes(
    `INSERT INTO areas (code, division_year, level, name, gemeente_code, wijk_code)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (code, division_year) DO UPDATE SET
       name = COALESCE(EXCLUDED.name, areas.name),
       gemeente_code = COALESCE(EXCLUDED.gemeente_code, areas.gemeente_code),
       wijk_code = COALESCE(EXCLUDED.wijk_code, areas.wijk_code)`,
    [
      rows.map((a) => a.code),
      rows.map((a) => a.divisionYear),
      rows.map((a) => a.level),
      rows.map((a) => a.name),
      rows.map((a) => a.gemeenteCode),
      rows.map((a) => a.wijkCode),
    ],
  );
  const names = new Map<string, { code: string; name: string; gemeente: string; level: string }>();
  for (const a of areas)
    if (a.name && a.gemeenteCode)
      names.set(`${a.gemeenteCode}|${a.level}|${a.name}|${a.code}`, {
        code: a.code,
        name: a.name,
        gemeente: a.gemeenteCode,
        level: a.level,
      });
  if (names.size === 0) return;
  const n = [...names.values()];
  await tx.changes(
    `INSERT INTO area_names (code, name, gemeente_code, level, source_edition_id)
     SELECT c, nm, g, l, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(c, nm, g, l)
     ON CONFLICT (gemeente_code, level, name, code) DO UPDATE SET source_edition_id = EXCLUDED.source_edition_id`,
    [n.map((x) => x.code), n.map((x) => x.name), n.map((x) => x.gemeente), n.map((x) => x.level), editionId],
  );
}

/** Geometries (replacing any on the same key, display geometry cleared), in slices of 2,000. */
async function writeGeometries(
  tx: PgConnection,
  geometries: ImportBatch['geometries'],
  editionId: number,
): Promise<void> {
  const last = [...new Map(geometries.map((g) => [`${g.code}|${g.divisionYear}`, g])).values()];
  for (let i = 0; i < last.length; i += 2000) {
    const slice = last.slice(i, i + 2000);
    const boxes = slice.map((g) => geometryBbox(g.rd));
    await tx.changes(
      `INSERT INTO geometries (code, division_year, rd_geojson, area_m2, min_x, min_y, max_x, max_y, display_geojson, edition_id)
       SELECT c, d, r, a, x0, y0, x1, y1, NULL, $9
       FROM unnest($1::text[], $2::int[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])
         AS s(c, d, r, a, x0, y0, x1, y1)
       ON CONFLICT (division_year, code) DO UPDATE SET rd_geojson = EXCLUDED.rd_geojson, area_m2 = EXCLUDED.area_m2,
         min_x = EXCLUDED.min_x, min_y = EXCLUDED.min_y, max_x = EXCLUDED.max_x, max_y = EXCLUDED.max_y,
         display_geojson = NULL, edition_id = EXCLUDED.edition_id`,
      [
        slice.map((g) => g.code),
        slice.map((g) => g.divisionYear),
        slice.map((g) => JSON.stringify(g.rd)),
        slice.map((g) => g.areaM2),
        boxes.map((b) => b[0]),
        boxes.map((b) => b[1]),
        boxes.map((b) => b[2]),
        boxes.map((b) => b[3]),
        editionId,
      ],
    );
  }
}
