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
  {
    version: 3,
    name: 'values keyed by integer ids, division first (area, indicator and source column dictionaries)',
    // The values table held three TEXT keys per row (~90 bytes) under a primary key that began with
    // the area code, plus a secondary index: every edition inserted into every part of both trees.
    // Now the key is (division_year, area_id, indicator_id, year) over small dictionaries, so an
    // import appends to its division's range (docs/benchmarks.md, "KWB national import"). The view
    // "values" shows the old columns for ad-hoc SQL; the store itself reads and writes area_values.
    sql: `
CREATE TABLE value_areas (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE value_indicators (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL UNIQUE);
CREATE TABLE value_columns (id INTEGER PRIMARY KEY, source_column TEXT NOT NULL UNIQUE);
INSERT INTO value_areas (code) SELECT DISTINCT area_code FROM "values" ORDER BY area_code;
INSERT INTO value_indicators (indicator) SELECT DISTINCT indicator FROM "values" ORDER BY indicator;
INSERT INTO value_columns (source_column) SELECT DISTINCT source_column FROM "values" ORDER BY source_column;
CREATE TABLE area_values (
  division_year INTEGER NOT NULL,
  area_id INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  value REAL,
  flags INTEGER NOT NULL DEFAULT 0,
  edition_id INTEGER NOT NULL,
  column_id INTEGER NOT NULL,
  method TEXT,
  PRIMARY KEY (division_year, area_id, indicator_id, year)
) WITHOUT ROWID;
INSERT INTO area_values (division_year, area_id, indicator_id, year, value, flags, edition_id, column_id, method)
SELECT v.division_year, a.id, i.id, v.year, v.value, v.flags, v.edition_id, c.id, v.method
FROM "values" v
JOIN value_areas a ON a.code = v.area_code
JOIN value_indicators i ON i.indicator = v.indicator
JOIN value_columns c ON c.source_column = v.source_column
ORDER BY v.division_year, a.id, i.id, v.year;
DROP INDEX values_indicator;
DROP TABLE "values";
CREATE VIEW "values" AS
SELECT a.code AS area_code, v.division_year, i.indicator, v.year, v.value, v.flags, v.edition_id,
  c.source_column, v.method
FROM area_values v
JOIN value_areas a ON a.id = v.area_id
JOIN value_indicators i ON i.id = v.indicator_id
JOIN value_columns c ON c.id = v.column_id;
`,
  },
  {
    version: 4,
    name: 'values remember the division a harmonised value was carried from (from_division)',
    // Re-harmonising a division first deletes what it carried earlier, so a buurt whose crosswalk
    // changed (overlay → unmatched after new boundaries) does not keep a stale value. Rows carried
    // before this migration get their division back from the method text, which named it
    // ('code (indeling D)', 'overlay from indeling D (…)').
    sql: `
ALTER TABLE area_values ADD COLUMN from_division INTEGER;
UPDATE area_values SET from_division = CAST(substr(method, 16, 4) AS INTEGER)
WHERE (flags & 2) != 0 AND method LIKE 'code (indeling %';
UPDATE area_values SET from_division = CAST(substr(method, 23, 4) AS INTEGER)
WHERE (flags & 2) != 0 AND method LIKE 'overlay from indeling %';
DROP VIEW "values";
CREATE VIEW "values" AS
SELECT a.code AS area_code, v.division_year, i.indicator, v.year, v.value, v.flags, v.edition_id,
  c.source_column, v.method, v.from_division
FROM area_values v
JOIN value_areas a ON a.id = v.area_id
JOIN value_indicators i ON i.id = v.indicator_id
JOIN value_columns c ON c.id = v.column_id;
`,
  },
  {
    version: 5,
    name: 'bulk snapshots: the engine read of a division as one BLOB (storage/sqlite/bulk-snapshot.ts)',
    sql: `
CREATE TABLE bulk_snapshots (
  division_year INTEGER NOT NULL,
  level TEXT NOT NULL,
  data_version TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (division_year, level)
);
`,
  },
  {
    version: 6,
    name: 'members: organisations, users, sessions, account tokens, login throttle, share links, own stock, notes, audit log; regions per organisation',
    // docs/decisions/005-sessions-and-share-links.md. Secrets are never stored: sessions, share links
    // and invitation/reset links are kept as SHA-256 hashes of their random tokens, passwords as
    // argon2id hashes (docs/decisions/004-argon2id-parameters.md). A region without organisation is
    // the operator's (public); private_data_version changes on every write of per-organisation data
    // and keys the response cache of per-viewer responses (src/server/cached-route.ts).
    sql: `
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'org-admin', 'member')),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  password_changed_at TEXT,
  last_login_at TEXT
);
CREATE INDEX users_organisation ON users (organisation_id);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL
);
CREATE TABLE share_links (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  label TEXT NOT NULL,
  area TEXT NOT NULL,
  map TEXT,
  period TEXT,
  edition TEXT,
  include_own_stock INTEGER NOT NULL DEFAULT 0,
  include_notes INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by INTEGER REFERENCES users(id),
  uses INTEGER NOT NULL DEFAULT 0,
  last_used_at TEXT
);
CREATE INDEX share_links_organisation ON share_links (organisation_id);
CREATE TABLE own_stock (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  buurt_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  dwellings INTEGER NOT NULL,
  complexes INTEGER,
  PRIMARY KEY (organisation_id, buurt_code, year)
);
CREATE TABLE own_stock_uploads (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  file TEXT NOT NULL,
  checksum TEXT NOT NULL,
  rows INTEGER NOT NULL,
  buurten INTEGER NOT NULL,
  dwellings INTEGER NOT NULL,
  years TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  buurt_code TEXT NOT NULL,
  gemeente_code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'practice')),
  visibility TEXT NOT NULL CHECK (visibility IN ('organisation', 'members')),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX notes_buurt ON notes (buurt_code);
CREATE INDEX notes_organisation ON notes (organisation_id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  actor_user_id INTEGER,
  actor TEXT NOT NULL,
  organisation_id INTEGER,
  address TEXT,
  detail TEXT NOT NULL
);
CREATE TABLE private_data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO private_data_version (id, version) VALUES (1, 0);
ALTER TABLE regions ADD COLUMN organisation_id INTEGER REFERENCES organisations(id);
`,
  },
  {
    version: 7,
    name: 'data editions: what the store held after each import run, frozen (storage/data-editions.ts)',
    // One row per edition; retention sets buurten, gemeente_names and bulk_values to NULL (the row
    // stays so that an old link can say its edition is gone). bulk_values has the layout of
    // bulk_snapshots.data (storage/sqlite/bulk-snapshot.ts).
    sql: `
CREATE TABLE data_editions (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  division_year INTEGER NOT NULL,
  import_ids TEXT NOT NULL,
  data_version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  source_editions TEXT NOT NULL,
  engine_config TEXT,
  buurten TEXT,
  gemeente_names TEXT,
  bulk_values BLOB
);
`,
  },
  {
    version: 8,
    name: 'saved scenarios per organisation',
    // src/storage/scenario-store.ts: the inputs of a scenario comparison (JSON, validated by the
    // service), not its results, which are recomputed on the current data. Migration 7 is another's.
    sql: `
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  area TEXT NOT NULL,
  spec_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX scenarios_organisation ON scenarios (organisation_id, created_at);
`,
  },
  {
    version: 9,
    name: 'the CBS postcode–house number table: the buurt of every address',
    // src/storage/postcode-store.ts: replaced whole by `veerkracht postcodes import`; about 8 million
    // rows nationally, so only the buurt code is kept (wijk and gemeente are its prefixes) and the key
    // is the table itself (WITHOUT ROWID). postcode_table says which file and division it holds.
    sql: `
CREATE TABLE postcode_buurten (
  postcode TEXT NOT NULL,
  huisnummer INTEGER NOT NULL,
  buurt_code TEXT NOT NULL,
  PRIMARY KEY (postcode, huisnummer)
) WITHOUT ROWID;
CREATE TABLE postcode_table (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  division_year INTEGER NOT NULL,
  file TEXT NOT NULL,
  checksum TEXT NOT NULL,
  rows INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
`,
  },
];
