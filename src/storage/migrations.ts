/**
 * Versioned schema migrations. Each entry is applied once, in order, inside a transaction;
 * `schema_migrations` records what was applied. Never edit an applied migration: add one.
 * The SQL is kept to what SQLite and PostgreSQL share where possible.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core tables: editions, import log, areas, geometries, indicators, values',
    sql: `
CREATE TABLE editions (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  edition TEXT NOT NULL,
  table_id TEXT,
  publisher TEXT NOT NULL,
  division_year INTEGER,
  UNIQUE (source, edition)
);
CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  checksum TEXT NOT NULL,
  edition_id INTEGER REFERENCES editions(id),
  imported_at TEXT NOT NULL,
  report TEXT NOT NULL
);
CREATE TABLE areas (
  code TEXT NOT NULL,
  division_year INTEGER NOT NULL,
  level TEXT NOT NULL,
  name TEXT,
  gemeente_code TEXT,
  wijk_code TEXT,
  PRIMARY KEY (code, division_year)
);
CREATE INDEX areas_gemeente ON areas (gemeente_code, division_year, level);
CREATE TABLE area_names (
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  gemeente_code TEXT NOT NULL,
  level TEXT NOT NULL,
  source_edition_id INTEGER,
  PRIMARY KEY (gemeente_code, level, name, code)
);
CREATE TABLE geometries (
  code TEXT NOT NULL,
  division_year INTEGER NOT NULL,
  rd_geojson TEXT NOT NULL,
  area_m2 REAL NOT NULL,
  min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
  display_geojson TEXT,
  edition_id INTEGER REFERENCES editions(id),
  PRIMARY KEY (code, division_year)
);
CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  title_nl TEXT NOT NULL,
  title_en TEXT NOT NULL,
  unit TEXT NOT NULL,
  source TEXT NOT NULL,
  definition TEXT NOT NULL
);
CREATE TABLE "values" (
  area_code TEXT NOT NULL,
  division_year INTEGER NOT NULL,
  indicator TEXT NOT NULL,
  year INTEGER NOT NULL,
  value REAL,
  flags INTEGER NOT NULL DEFAULT 0,
  edition_id INTEGER NOT NULL REFERENCES editions(id),
  source_column TEXT NOT NULL,
  method TEXT,
  PRIMARY KEY (area_code, division_year, indicator, year)
) WITHOUT ROWID;
CREATE INDEX values_indicator ON "values" (indicator, division_year, year);
`,
  },
  {
    version: 2,
    name: 'regions and harmonisation log',
    sql: `
CREATE TABLE regions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  gemeenten TEXT NOT NULL,
  predefined INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE harmonisation_log (
  id INTEGER PRIMARY KEY,
  from_division INTEGER NOT NULL,
  to_division INTEGER NOT NULL,
  gemeente_code TEXT NOT NULL,
  by_code INTEGER NOT NULL,
  by_overlay INTEGER NOT NULL,
  unmatched INTEGER NOT NULL,
  run_at TEXT NOT NULL
);
`,
  },
];
