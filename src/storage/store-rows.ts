/**
 * Rows of the store's tables as both stores' SQL returns them (the same columns in SQLite and
 * PostgreSQL) and the records the Store interface gives back for them.
 */
import type { PolygonGeometry } from '../core/records.js';
import type { PostcodeTableInfo } from './postcode-store.js';
import type {
  AreaRow,
  EditionRow,
  GeometryRow,
  HarmonisationLogRow,
  ImportLogRow,
  IndicatorRow,
  RegionRow,
} from './store.js';

export interface AreaSql {
  code: string;
  division_year: number;
  level: string;
  name: string | null;
  gemeente_code: string | null;
  wijk_code: string | null;
}

export function areaFromSql(r: AreaSql): AreaRow {
  return {
    code: r.code,
    divisionYear: r.division_year,
    level: r.level as AreaRow['level'],
    name: r.name,
    gemeenteCode: r.gemeente_code,
    wijkCode: r.wijk_code,
  };
}

export interface IndicatorSql {
  id: string;
  title_nl: string;
  title_en: string;
  unit: string;
  source: string;
  definition: string;
}

export function indicatorFromSql(r: IndicatorSql): IndicatorRow {
  return {
    id: r.id,
    titleNl: r.title_nl,
    titleEn: r.title_en,
    unit: r.unit,
    source: r.source,
    definition: r.definition,
  };
}

export interface PostcodeTableSql {
  division_year: number;
  file: string;
  checksum: string;
  rows: number;
  imported_at: string;
}

export function postcodeTableFromSql(r: PostcodeTableSql): PostcodeTableInfo {
  return {
    divisionYear: r.division_year,
    file: r.file,
    checksum: r.checksum,
    rows: r.rows,
    importedAt: r.imported_at,
  };
}

export interface ImportLogSql {
  id: number;
  file: string;
  checksum: string;
  edition: string | null;
  imported_at: string;
  report: string;
}

export function importLogFromSql(r: ImportLogSql): ImportLogRow {
  return {
    id: r.id,
    file: r.file,
    checksum: r.checksum,
    edition: r.edition,
    importedAt: r.imported_at,
    report: JSON.parse(r.report) as unknown,
  };
}

export interface EditionSql {
  id: number;
  source: string;
  edition: string;
  table_id: string | null;
  publisher: string;
  division_year: number | null;
}

export function editionFromSql(r: EditionSql): EditionRow {
  return {
    id: r.id,
    source: r.source as EditionRow['source'],
    edition: r.edition,
    table: r.table_id,
    publisher: r.publisher,
    divisionYear: r.division_year,
  };
}

export interface HarmonisationLogSql {
  from_division: number;
  to_division: number;
  gemeente_code: string;
  by_code: number;
  by_overlay: number;
  unmatched: number;
}

export function harmonisationLogFromSql(r: HarmonisationLogSql): HarmonisationLogRow {
  return {
    fromDivision: r.from_division,
    toDivision: r.to_division,
    gemeenteCode: r.gemeente_code,
    byCode: r.by_code,
    byOverlay: r.by_overlay,
    unmatched: r.unmatched,
  };
}

export interface GeometrySql {
  code: string;
  division_year: number;
  rd_geojson: string;
  area_m2: number;
  min_x: number;
  min_y: number;
  max_x: number;
  max_y: number;
  display_geojson: string | null;
}

export function geometryFromSql(r: GeometrySql): GeometryRow {
  return {
    code: r.code,
    divisionYear: r.division_year,
    rd: JSON.parse(r.rd_geojson) as PolygonGeometry,
    areaM2: r.area_m2,
    bbox: [r.min_x, r.min_y, r.max_x, r.max_y],
    display: r.display_geojson ? (JSON.parse(r.display_geojson) as PolygonGeometry) : null,
  };
}

export interface RegionSql {
  id: string;
  name: string;
  gemeenten: string;
  predefined: number;
  /** Since migration 6: the owning organisation; null for the operator's (public) regions. */
  organisation_id: number | null;
}

export function regionFromSql(r: RegionSql): RegionRow {
  return {
    id: r.id,
    name: r.name,
    gemeenten: JSON.parse(r.gemeenten) as string[],
    predefined: r.predefined === 1,
    ...(r.organisation_id !== null ? { organisationId: r.organisation_id } : {}),
  };
}

/** The values of `INSERT INTO regions (id, name, gemeenten, predefined, created_at, organisation_id)`. */
export function regionInsertValues(
  row: RegionRow,
  now: Date,
): [string, string, string, number, string, number | null] {
  return [
    row.id,
    row.name,
    JSON.stringify(row.gemeenten),
    row.predefined ? 1 : 0,
    now.toISOString(),
    row.organisationId ?? null,
  ];
}
