/**
 * A store (SQLite, or any via fillSyntheticStore) filled with a small synthetic country for in-process API tests: buurten with
 * square geometries (RD and a WGS84 display geometry) on division 2020, and the values of
 * test/synthetic/synthetic-country.ts, written through store.writeBatch.
 */
import { emptyBatch, type ImportBatch } from '../../src/core/records.js';
import { ValueColumns } from '../../src/core/value-columns.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { syntheticCountry, type SyntheticOptions } from '../synthetic/synthetic-country.js';

export const SYNTHETIC_DIVISION = 2020;

export async function syntheticStore(options: SyntheticOptions, path = ':memory:'): Promise<SqliteStore> {
  const store = openSqliteStore({ path });
  await fillSyntheticStore(store, options);
  return store;
}

/** Writes the synthetic country into any store (SQLite above; PostgreSQL in the API test). */
export async function fillSyntheticStore(store: Store, options: SyntheticOptions): Promise<void> {
  const country = syntheticCountry(options);
  const edition = {
    source: 'tidy' as const,
    edition: 'synthetic test data',
    table: null,
    publisher: 'test',
    divisionYear: SYNTHETIC_DIVISION,
  };
  const geo: ImportBatch = emptyBatch('synthetic-geo', 'synthetic-geo', {
    ...edition,
    source: 'geo',
    edition: 'synthetic boundaries',
  });
  const gemeenten = [...new Set(country.buurten.map((b) => b.gemeente))];
  gemeenten.forEach((gm, g) => {
    geo.areas.push({
      code: gm,
      level: 'gemeente',
      name: `Gemeente ${gm.slice(2)}`,
      gemeenteCode: gm,
      wijkCode: null,
      divisionYear: SYNTHETIC_DIVISION,
    });
    country.buurten
      .filter((b) => b.gemeente === gm)
      .forEach((b, i) => {
        const x = 150000 + g * 10000 + (i % 10) * 500;
        const y = 450000 + Math.floor(i / 10) * 500;
        const ring = [
          [x, y],
          [x + 500, y],
          [x + 500, y + 500],
          [x, y + 500],
          [x, y],
        ];
        geo.areas.push({
          code: b.code,
          level: 'buurt',
          name: b.name,
          gemeenteCode: gm,
          wijkCode: `WK${b.code.slice(2, 8)}`,
          divisionYear: SYNTHETIC_DIVISION,
        });
        geo.geometries.push({
          code: b.code,
          divisionYear: SYNTHETIC_DIVISION,
          rd: { type: 'Polygon', coordinates: [ring] },
          areaM2: 250000,
        });
      });
  });
  await store.writeBatch(geo, {});
  await store.setDisplayGeometries(
    SYNTHETIC_DIVISION,
    geo.geometries.map((g) => ({
      code: g.code,
      display: {
        type: 'Polygon',
        coordinates: (g.rd.coordinates as number[][][]).map((r) =>
          r.map(([x, y]) => [3.3 + x! / 70000, 47.1 + y! / 111000]),
        ),
      },
    })),
  );
  const values: ImportBatch = emptyBatch('synthetic-values', 'synthetic-values', edition);
  values.values = ValueColumns.from(
    country.values.map((v) => ({
      areaCode: v.areaCode,
      year: v.year,
      indicator: v.indicator,
      value: v.value,
      flags: v.flags,
      column: v.sourceColumn,
      divisionYear: SYNTHETIC_DIVISION,
    })),
  );
  await store.writeBatch(values, {});
}

/** A KWB 2020 file of one gemeente on division 2021 (codes division 2020 does not have). */
export interface UncarriedKwbFile {
  file: string;
  edition: string;
  gemeente: string;
  codes: readonly string[];
  /** Name of the i-th buurt (from 1). */
  name: (i: number) => string;
  /** The corporation share of the i-th buurt (from 1). */
  value: (i: number) => number;
  column: string;
}

/**
 * Writes the file's corporation share per buurt and logs that harmonisation onto division 2020
 * carried none of the gemeente's buurten (what `veerkracht harmonise` records for such a file).
 */
export async function writeUncarriedKwb(store: Store, f: UncarriedKwbFile): Promise<void> {
  const batch: ImportBatch = emptyBatch(f.file, f.file, {
    source: 'kwb',
    edition: f.edition,
    table: null,
    publisher: 'test',
    divisionYear: 2021,
  });
  f.codes.forEach((code, k) => {
    const i = k + 1;
    batch.areas.push({
      code,
      level: 'buurt',
      name: f.name(i),
      gemeenteCode: f.gemeente,
      wijkCode: null,
      divisionYear: 2021,
    });
    batch.values.add(code, 2020, 'corporation_share', f.value(i), 0, f.column, 2021);
  });
  await store.writeBatch(batch, {});
  await store.logHarmonisation([
    {
      fromDivision: 2021,
      toDivision: SYNTHETIC_DIVISION,
      gemeenteCode: f.gemeente,
      byCode: 0,
      byOverlay: 0,
      unmatched: f.codes.length,
    },
  ]);
}

/**
 * Records the synthetic values as of files on `divisionYear` (a division after the herindelingen
 * the test is about), their values carried onto division 2020: a file on such a division covers a
 * gemeente dissolved before it through the gemeenten it went into (missing-kinds.ts), one on
 * division 2020 only with the gemeente's own buurten.
 */
export function recordValuesDivision(store: SqliteStore, divisionYear: number): void {
  store.db
    .prepare('UPDATE editions SET division_year = ? WHERE edition = ?')
    .run(divisionYear, 'synthetic test data');
}

/**
 * Deletes the values of the areas whose code is LIKE `codes` (e.g. `BU0457%`), of the indicators
 * matching the SQL condition `indicators` on value_indicators (default: every indicator).
 */
export function deleteValues(store: SqliteStore, codes: string, indicators = '1 = 1'): void {
  store.db
    .prepare(
      `DELETE FROM area_values
        WHERE indicator_id IN (SELECT id FROM value_indicators WHERE ${indicators})
          AND area_id IN (SELECT id FROM value_areas WHERE code LIKE ?)`,
    )
    .run(codes);
}
