/**
 * The store interface. SQLite (better-sqlite3, sqlite/) and PostgreSQL (pg, postgres/) implement
 * it; `store.contract.ts` holds the behaviour every implementation must pass. Writes that belong
 * together go through a unit of work: `store.transaction(async (tx) => …)` hands `fn` a Store
 * bound to the transaction (on PostgreSQL one pooled connection), so other requests keep reading
 * through `store` meanwhile (docs/decisions/006-postgresql-store.md).
 */
import type { AreaLevel } from '../core/area-code.js';
import type { ImportBatch, PolygonGeometry, SourceEdition } from '../core/records.js';
import type { DataEditionStore } from './data-editions.js';
import type { MembersStore } from './members-store.js';
import type { PostcodeStore } from './postcode-store.js';

export interface AreaRow {
  code: string;
  divisionYear: number;
  level: Exclude<AreaLevel, 'land'>;
  name: string | null;
  gemeenteCode: string | null;
  wijkCode: string | null;
}

export interface ValueRow {
  areaCode: string;
  divisionYear: number;
  indicator: string;
  year: number;
  value: number | null;
  flags: number;
  edition: string;
  table: string | null;
  sourceColumn: string;
  method: string | null;
  /** The division a harmonised value was carried from; null (or absent) for an original value. */
  fromDivision?: number | null;
}

/** A harmonised value to write: always says which division it was carried from. */
export type HarmonisedValueRow = Omit<ValueRow, 'edition' | 'table' | 'fromDivision'> & {
  fromDivision: number;
};

export interface GeometryRow {
  code: string;
  divisionYear: number;
  rd: PolygonGeometry;
  areaM2: number;
  bbox: [number, number, number, number];
  display: PolygonGeometry | null;
}

export interface EditionRow extends SourceEdition {
  id: number;
}

export interface IndicatorRow {
  id: string;
  titleNl: string;
  titleEn: string;
  unit: string;
  source: string;
  definition: string;
}

export interface ImportLogRow {
  id: number;
  file: string;
  checksum: string;
  edition: string | null;
  importedAt: string;
  report: unknown;
}

export interface RegionRow {
  id: string;
  name: string;
  gemeenten: string[];
  predefined: boolean;
  /** The organisation whose werkgebied this is; null or absent for the operator's (public) regions. */
  organisationId?: number | null;
}

export interface WriteBatchResult {
  editionId: number;
  areasWritten: number;
  valuesWritten: number;
  geometriesWritten: number;
}

export interface ValueQuery {
  codes?: readonly string[];
  gemeente?: string;
  indicators?: readonly string[];
  years?: readonly number[];
  divisionYear?: number;
}

export interface BulkValueQuery {
  divisionYear: number;
  indicators?: readonly string[];
  /** Only areas of this level (by code prefix BU, WK, GM). */
  level?: 'buurt' | 'wijk' | 'gemeente';
}

/** Where the values of one series came from (distinct per series). */
export interface BulkSource {
  edition: string;
  table: string | null;
  sourceColumn: string;
}

/** One series of a bulk read: an indicator in one year, with the distinct sources of its values. */
export interface BulkSeries {
  indicator: string;
  year: number;
  sources: BulkSource[];
}

/**
 * Values in bulk for the engine: columnar and dictionary-encoded, only what the engine needs.
 * Value i (0 ≤ i < count) is area `areaCodes[area[i]]`, series `series[seriesOf[i]]`,
 * `value[i]` (NaN when missing or suppressed) and `flags[i]`. Order is unspecified.
 */
export interface BulkValues {
  count: number;
  areaCodes: string[];
  series: BulkSeries[];
  area: Uint32Array;
  seriesOf: Uint32Array;
  value: Float64Array;
  flags: Uint16Array;
  /**
   * Per value, the index of its source in `series[seriesOf[i]].sources` (so a map or an
   * explanation can cite only the editions used for its buurten). Optional: without it every
   * value of a series is taken to come from all of the series' sources.
   */
  source?: Uint8Array;
}

export interface HarmonisationLogRow {
  fromDivision: number;
  toDivision: number;
  gemeenteCode: string;
  byCode: number;
  byOverlay: number;
  unmatched: number;
}

/** Data editions (data-editions.ts): the frozen state after each import run. */
export interface Store extends DataEditionStore {
  /**
   * Runs fn in one transaction: everything it writes through `tx` is committed together or not at
   * all. Reads and writes that belong to the transaction must go through `tx` (on PostgreSQL the
   * store itself reads through other connections and does not see uncommitted work). Nested calls
   * (`tx.transaction`) are savepoints: a failure inside rolls back only the nested part.
   * Transactions begun independently (not through `tx`) run one after the other: each begins once
   * the one open has committed or rolled back, whether it failed or not.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  writeBatch(batch: ImportBatch, report: unknown): Promise<WriteBatchResult>;
  findImport(checksum: string): Promise<ImportLogRow | undefined>;
  listImports(): Promise<ImportLogRow[]>;
  listEditions(): Promise<EditionRow[]>;

  upsertIndicators(rows: readonly IndicatorRow[]): Promise<void>;
  listIndicators(): Promise<IndicatorRow[]>;

  listAreas(q: {
    level?: AreaLevel;
    gemeente?: string;
    divisionYear?: number;
    codes?: readonly string[];
  }): Promise<AreaRow[]>;
  listDivisionYears(level?: AreaLevel): Promise<number[]>;
  /** Names known for areas of one gemeente, from every source that carried code and name. */
  listAreaNames(gemeente: string): Promise<{ code: string; name: string; level: string }[]>;
  findGemeenteByName(name: string): Promise<string[]>;

  getValues(q: ValueQuery): Promise<ValueRow[]>;
  /**
   * Every value of one division (optionally only some indicators, only areas of one level) in
   * one bulk read, for loading the engine: the values `getValues` returns, without `method`.
   */
  getBulkValues(q: BulkValueQuery): Promise<BulkValues>;
  /**
   * Stores a copy of the bulk read for `q` (a whole division, optionally one level) so that later
   * `getBulkValues(q)` read it at once, until the next change of values. Write path only (the end
   * of a harmonisation). Optional: a store without it always reads the rows.
   */
  refreshBulkSnapshot?(q: BulkValueQuery): Promise<void>;
  /** Codes of the areas with geometry on a division, ascending (no geometry is parsed). */
  listGeometryCodes(divisionYear: number): Promise<string[]>;
  /** Writes harmonised values (flags must include `harmonised`). Replaces rows on the same key. */
  writeHarmonisedValues(
    rows: readonly HarmonisedValueRow[],
    editionOf: (row: HarmonisedValueRow) => number,
  ): Promise<number>;
  /**
   * Copies every value of `codes` from one division to another as is, flagged harmonised and
   * with `method` (carrying unchanged areas by code in one statement). Values that are already
   * harmonised are not copied again; original values in the target division are never replaced,
   * nor values carried from a division in `keepFrom` (one nearer to the target). The copies
   * record `fromDivision`. Returns the number of values written.
   */
  copyValuesByCode(q: {
    fromDivision: number;
    toDivision: number;
    codes: readonly string[];
    method: string;
    keepFrom?: readonly number[];
  }): Promise<number>;
  /**
   * Deletes what an earlier harmonisation carried from `fromDivision` onto `toDivision`: the
   * harmonised values it wrote and its harmonisation log rows. Original values stay. Returns the
   * number of values deleted.
   */
  clearHarmonisation(q: { fromDivision: number; toDivision: number }): Promise<number>;
  editionIdOf(edition: string): Promise<number | undefined>;

  getGeometries(q: {
    divisionYear: number;
    codes?: readonly string[];
    gemeente?: string;
  }): Promise<GeometryRow[]>;
  setDisplayGeometries(
    divisionYear: number,
    rows: readonly { code: string; display: PolygonGeometry }[],
  ): Promise<void>;

  listRegions(): Promise<RegionRow[]>;
  upsertRegion(row: RegionRow): Promise<void>;

  /** Members and partners: accounts, sessions, share links, own stock, notes, audit (members-store.ts). */
  readonly members: MembersStore;

  /** The CBS postcode–house number table: the buurt of every address (postcode-store.ts). */
  readonly postcodes: PostcodeStore;

  logHarmonisation(rows: readonly HarmonisationLogRow[]): Promise<void>;
  listHarmonisation(): Promise<HarmonisationLogRow[]>;

  /**
   * A cheap token that changes whenever imports or harmonisation change the store (the server
   * rebuilds its engine when it changes). Optional: without it callers fall back to listImports.
   */
  dataVersion?(): Promise<string>;

  /** Counts for `veerkracht status`. */
  coverage(): Promise<
    { indicator: string; divisionYear: number; year: number; areas: number; missing: number }[]
  >;
  areaCounts(): Promise<{ level: string; divisionYear: number; count: number; withGeometry: number }[]>;
}
