/**
 * The records every source parser produces and the store consumes. A parser reads a whole
 * file into an `ImportBatch` first (validating every row), so a malformed file is refused
 * before anything is written; the store then writes the batch in one transaction.
 */
import type { AreaLevel } from './area-code.js';
import type { Crs } from './coordinates.js';
import { ValueColumns } from './value-columns.js';

export const SOURCE_KINDS = ['kwb', 'geo', 'lbm', 'rivm', 'politie', 'tidy', 'demo'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * Bit flags stored with each value. The kinds of missing the importers store:
 *   - a number: flags without `suppressed`;
 *   - published but missing (CBS `.`/`x`/empty among numbers, Leefbaarometer `NA` = no score,
 *     RIVM/police empty cells): value null + `suppressed`; the source family tells `.` from `NA`;
 *   - not (yet) published: a column (indicator and year, for police also level) that is empty in
 *     every row of a file is not stored at all (COLUMN_NOT_PUBLISHED warning), nor an incomplete
 *     police year (INCOMPLETE_YEAR): the area then has no row for it.
 * Missing is never 0.
 */
export const VALUE_FLAGS = {
  /** The source published the cell as suppressed/unknown (`.`, empty, `NA`): value is null. */
  suppressed: 1,
  /** Carried onto another division (by code or by overlay). */
  harmonised: 2,
  /** Estimated (model-based or apportioned by area). */
  estimated: 4,
  /** Harmonised by area-weighted overlay (not a one-to-one code match). */
  overlay: 8,
} as const;
export type ValueFlag = keyof typeof VALUE_FLAGS;

export interface SourceEdition {
  source: SourceKind;
  /** Human-readable, stable edition label, e.g. "CBS KWB 2018 (84286NED)", "Leefbaarometer 3.0 meting 2020". */
  edition: string;
  /** Official table id where there is one (84286NED, 50090NED, 47022NED). */
  table: string | null;
  /** Publisher, e.g. "CBS", "Ministerie van BZK", "RIVM". */
  publisher: string;
  /** Division year (indelingsjaar) the area codes of this file refer to, when known. */
  divisionYear: number | null;
}

export interface ParsedArea {
  code: string;
  level: Exclude<AreaLevel, 'land'>;
  name: string | null;
  gemeenteCode: string | null;
  wijkCode: string | null;
  divisionYear: number;
}

export interface ParsedValue {
  areaCode: string;
  /** Reference year of the value (the measurement year, not the edition year where they differ). */
  year: number;
  indicator: string;
  /** null = missing or suppressed; never 0 for missing. */
  value: number | null;
  flags: number;
  /** Source column (CBS title, mnemonic or key) this value was read from — for traceability. */
  column: string;
  divisionYear: number;
  /** Line of the source file the value was read from, where a parser keeps it (for messages; not stored). */
  line?: number;
}

/** A polygonal geometry as GeoJSON coordinates (Polygon or MultiPolygon). */
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface ParsedGeometry {
  code: string;
  divisionYear: number;
  /** Geometry in RD New (EPSG:28992), metres. */
  rd: PolygonGeometry;
  /** Area in m², computed in RD. */
  areaM2: number;
}

export interface ImportWarning {
  code: string;
  message: string;
  file: string;
  row?: number;
  column?: string;
}

export interface ImportBatch {
  file: string;
  checksum: string;
  edition: SourceEdition;
  areas: ParsedArea[];
  values: ValueColumns;
  geometries: ParsedGeometry[];
  warnings: ImportWarning[];
  rowsRead: number;
  /** Source CRS, for geometry batches. */
  crs?: Crs;
  /**
   * Simplified WGS84 display geometry of `geometries`, built where the file is parsed (a boundary
   * parser's `derive`, possibly in the parse worker) and stored after the batch is written.
   */
  display?: DisplayGeometry[];
}

/** The display geometry of one area (simplified, WGS84), as stored beside its RD geometry. */
export interface DisplayGeometry {
  code: string;
  display: PolygonGeometry;
}

export function emptyBatch(file: string, checksum: string, edition: SourceEdition): ImportBatch {
  return {
    file,
    checksum,
    edition,
    areas: [],
    values: new ValueColumns(),
    geometries: [],
    warnings: [],
    rowsRead: 0,
  };
}
