/**
 * Kysely table types for the SQLite schema in ../migrations.ts; the columns both stores read
 * alike are the rows of ../store-rows.ts.
 */
import type {
  AreaSql,
  EditionSql,
  GeometrySql,
  HarmonisationLogSql,
  IndicatorSql,
  RegionSql,
} from '../store-rows.js';

export interface SqliteSchema {
  editions: EditionSql;
  import_log: {
    id: number;
    file: string;
    checksum: string;
    edition_id: number | null;
    imported_at: string;
    report: string;
  };
  areas: AreaSql;
  area_names: {
    code: string;
    name: string;
    gemeente_code: string;
    level: string;
    source_edition_id: number | null;
  };
  geometries: GeometrySql & { edition_id: number | null };
  indicators: IndicatorSql;
  /** Values since migration 3: integer ids into the dictionaries below, key (division_year, area_id, indicator_id, year). */
  area_values: {
    division_year: number;
    area_id: number;
    indicator_id: number;
    year: number;
    value: number | null;
    flags: number;
    edition_id: number;
    column_id: number;
    method: string | null;
    /** Since migration 4: the division a harmonised value was carried from (null for originals). */
    from_division: number | null;
  };
  value_areas: { id: number; code: string };
  value_indicators: { id: number; indicator: string };
  value_columns: { id: number; source_column: string };
  regions: RegionSql & { created_at: string };
  harmonisation_log: HarmonisationLogSql & { id: number; run_at: string };
}
