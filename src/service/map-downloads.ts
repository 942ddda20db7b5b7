/**
 * Downloads of one map of a gemeente or region (GET /api/maps.csv, .geojson, .gpkg; the app's
 * export menu): per buurt what the map shows plus the numbers that drive a class on period maps
 * (change in concentration ΔK, change in nuisance ΔO) and the source editions. CSV (UTF-8 with
 * BOM, dot decimals, missing values empty), GeoJSON (WGS84 display geometry, as drawn) and
 * GeoPackage (the stored RD New geometry, EPSG:28992).
 */
import type { MapQuery } from '../api/schemas.js';
import type { PolygonGeometry } from '../core/records.js';
import { writeGeoPackage, type GpkgColumnType } from '../storage/geopackage-writer.js';
import { displayGeometries, getMapRows, rdGeometries, type MapRow, type MapRows } from './map-rows.js';
import type { ReadContext } from './read-context.js';

export interface MapDownload {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

const DEMO_LABEL = 'demo — fictieve gegevens';

/** The columns of every download, in order: name, type in a GeoPackage, value of a row. */
const COLUMNS: readonly {
  name: string;
  type: GpkgColumnType;
  value: (r: MapRow, m: MapRows) => string | number | null;
}[] = [
  { name: 'code', type: 'TEXT', value: (r) => r.code },
  { name: 'naam', type: 'TEXT', value: (r) => r.name },
  { name: 'gemeente', type: 'TEXT', value: (r) => r.gemeente },
  { name: 'gemeente_naam', type: 'TEXT', value: (r) => r.gemeenteName },
  { name: 'kaart', type: 'TEXT', value: (_r, m) => m.built.spec.id },
  { name: 'periode', type: 'TEXT', value: (_r, m) => m.built.period },
  { name: 'jaar', type: 'INTEGER', value: (_r, m) => m.built.year },
  { name: 'waarde', type: 'REAL', value: (r) => r.value },
  { name: 'eenheid', type: 'TEXT', value: (_r, m) => m.built.unit },
  { name: 'klasse_id', type: 'TEXT', value: (r) => r.classId },
  { name: 'klasse', type: 'TEXT', value: (r) => r.label },
  { name: 'inwoners', type: 'INTEGER', value: (r) => r.inhabitants },
  { name: 'verandering_concentratie', type: 'REAL', value: (r) => r.deltaConcentration },
  { name: 'verandering_overlast', type: 'REAL', value: (r) => r.deltaNuisance },
  { name: 'vlaggen', type: 'TEXT', value: (r) => r.flags.join(' ') },
  {
    name: 'edities',
    type: 'TEXT',
    value: (r, m) => [...r.editions, ...(m.demo ? [DEMO_LABEL] : [])].join('; '),
  },
];

export const DOWNLOAD_COLUMNS = COLUMNS.map((c) => c.name);

function fileName(m: MapRows, ext: string): string {
  const when = m.built.period ?? m.built.year ?? '';
  // a file of an older data edition says so in its name (the newest edition's files keep the plain name)
  const edition = m.dataEdition && !m.dataEdition.current ? `editie${m.dataEdition.id}` : '';
  return `veerkracht-${[m.area?.id ?? 'nl', m.built.spec.id, when, edition].filter((s) => s !== '').join('-')}.${ext}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
}

/** The map as CSV: a header, then one row per buurt (sorted by code). */
export async function mapCsv(ctx: ReadContext, q: MapQuery): Promise<MapDownload> {
  const m = await getMapRows(ctx, q);
  const lines = [COLUMNS.map((c) => c.name).join(',')];
  for (const r of m.rows) lines.push(COLUMNS.map((c) => csvField(c.value(r, m))).join(','));
  return {
    filename: fileName(m, 'csv'),
    contentType: 'text/csv; charset=utf-8',
    body: `\uFEFF${lines.join('\r\n')}\r\n`,
  };
}

/** The map as GeoJSON (RFC 7946, WGS84: the display geometry the app draws). */
export async function mapGeoJson(ctx: ReadContext, q: MapQuery): Promise<MapDownload> {
  const m = await getMapRows(ctx, q);
  const geometry = await displayGeometries(
    ctx,
    m,
    m.rows.map((r) => r.gemeente),
  );
  const body = {
    type: 'FeatureCollection',
    name: `${m.built.headingNl} — ${m.area?.name ?? 'Nederland'}`,
    ...(m.demo ? { demo: DEMO_LABEL } : {}),
    ...(m.dataEdition ? { dataEdition: m.dataEdition } : {}),
    features: m.rows.map((r) => ({
      type: 'Feature',
      id: r.code,
      geometry: geometry.get(r.code) ?? null,
      properties: Object.fromEntries(COLUMNS.map((c) => [c.name, c.value(r, m)])),
    })),
  };
  return {
    filename: fileName(m, 'geojson'),
    contentType: 'application/geo+json; charset=utf-8',
    body: JSON.stringify(body),
  };
}

/** The map as a GeoPackage in RD New (EPSG:28992), one layer named after the map. */
export async function mapGeoPackage(ctx: ReadContext, q: MapQuery): Promise<MapDownload> {
  const m = await getMapRows(ctx, q);
  const geometry: Map<string, PolygonGeometry> = await rdGeometries(
    ctx,
    m.divisionYear,
    m.rows.map((r) => r.code),
  );
  const body = writeGeoPackage({
    table: m.built.spec.id.replace(/[^A-Za-z0-9_]/g, '_'),
    identifier: `${m.built.headingNl} — ${m.area?.name ?? 'Nederland'}`,
    description: `Veerkracht: ${m.built.headingNl}, buurtindeling ${m.divisionYear}${m.dataEdition ? `, data-${m.dataEdition.label} (edition=${m.dataEdition.id})` : ''}${m.demo ? ` (${DEMO_LABEL})` : ''}`,
    srsId: 28992,
    columns: COLUMNS.map((c) => ({ name: c.name, type: c.type })),
    rows: m.rows.map((r) => ({
      geometry: geometry.get(r.code) ?? null,
      values: COLUMNS.map((c) => c.value(r, m)),
    })),
  });
  return { filename: fileName(m, 'gpkg'), contentType: 'application/geopackage+sqlite3', body };
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
