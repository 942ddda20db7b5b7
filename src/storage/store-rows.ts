/**
 * Rows of the store's tables as both stores' SQL returns them (the same columns in SQLite and
 * PostgreSQL) and the records the Store interface gives back for them.
 */
import type { PostcodeTableInfo } from './postcode-store.js';
import type { AreaRow, IndicatorRow } from './store.js';

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
