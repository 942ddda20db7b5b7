/** Kysely table types for the SQLite schema in ../migrations.ts. */
export interface SqliteSchema {
  editions: {
    id: number;
    source: string;
    edition: string;
    table_id: string | null;
    publisher: string;
    division_year: number | null;
  };
  import_log: {
    id: number;
    file: string;
    checksum: string;
    edition_id: number | null;
    imported_at: string;
    report: string;
  };
  areas: {
    code: string;
    division_year: number;
    level: string;
    name: string | null;
    gemeente_code: string | null;
    wijk_code: string | null;
  };
  area_names: {
    code: string;
    name: string;
    gemeente_code: string;
    level: string;
    source_edition_id: number | null;
  };
  geometries: {
    code: string;
    division_year: number;
    rd_geojson: string;
    area_m2: number;
    min_x: number;
    min_y: number;
    max_x: number;
    max_y: number;
    display_geojson: string | null;
    edition_id: number | null;
  };
  indicators: {
    id: string;
    title_nl: string;
    title_en: string;
    unit: string;
    source: string;
    definition: string;
  };
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
  regions: {
    id: string;
    name: string;
    gemeenten: string;
    predefined: number;
    created_at: string;
    /** Since migration 6: the owning organisation; null for the operator's (public) regions. */
    organisation_id: number | null;
  };
  harmonisation_log: {
    id: number;
    from_division: number;
    to_division: number;
    gemeente_code: string;
    by_code: number;
    by_overlay: number;
    unmatched: number;
    run_at: string;
  };
}
