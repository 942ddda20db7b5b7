/**
 * Acceptance on the real data (VEERKRACHT_REAL_DATA; skipped when unset): the real files of
 * ../shared/data, saved again at run time as other tools save them — Excel on Dutch Windows
 * (Windows-1252, `;`, decimal comma, CRLF), Excel "Unicode text" (UTF-16), R `write.csv`,
 * pandas `to_csv`, Excel titles with units, OData v4 long format — import with every value and
 * flag equal to the originals. Nothing is copied into the repository: the variants live in
 * temporary folders for the length of the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';
import {
  asExcelDutchCsv,
  asExcelTitles,
  asExcelUnicodeText,
  asODataV4Long,
  asPandasToCsv,
  asRWriteCsv,
  readTextTable,
  type TextTable,
} from './resave.js';
import { memoryStore, tmpFile } from './source-fixtures.js';
import { valueSnapshot } from './store-snapshot.js';

const KWB2024 = 'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz';
const HEERLEN = [2016, 2017, 2018, 2019, 2020].map(
  (y) => `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`,
);
const LBM2024 =
  'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv';
const POLICE = 'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz';
const AMSTERDAM = 'cbs-kwb/kwb2020_amsterdam_selectie__tommasozf-amsterdam-green-gentrification.csv';

type Saver = (t: TextTable) => Buffer;
const SAVERS: Record<string, Saver> = {
  'Excel on Dutch Windows (Windows-1252)': asExcelDutchCsv,
  'Excel Unicode text (UTF-16LE)': (t) => asExcelUnicodeText(t),
  'R write.csv': asRWriteCsv,
  'pandas to_csv': asPandasToCsv,
  'Excel titles with units': (t) => asExcelTitles(t, () => 'aantal'),
};

const read = (relative: string): string => {
  const bytes = readFileSync(realDataFile(relative));
  return (bytes[0] === 0x1f ? gunzipSync(bytes) : bytes).toString('utf8');
};

/** The file as `name` (extension kept, .gz dropped) in a fresh folder. */
const saved = (relative: string, bytes: Buffer, ext = '.csv'): string =>
  tmpFile(
    relative
      .split('/')
      .pop()!
      .replace(/\.csv(\.gz)?$/, ext),
    bytes,
  );

async function snapshotOf(paths: string[], before: string[] = []): Promise<string[]> {
  const store: SqliteStore = memoryStore();
  if (before.length) await importPaths(store, before, { harmonise: false });
  await importPaths(store, paths, { harmonise: false });
  const snapshot = await valueSnapshot(store);
  await store.close();
  return snapshot;
}

describe.skipIf(!hasRealData)('real files re-saved by other tools import with every value equal', () => {
  it('the five Heerlen StatLine exports (names only, "Versiliënbosch"), after the KWB 2024 subset', async () => {
    const base = [realDataFile(KWB2024)];
    const original = await snapshotOf(HEERLEN.map(realDataFile), base);
    expect(original.length).toBeGreaterThan(30_000);
    for (const [tool, save] of Object.entries(SAVERS)) {
      const ext = tool.startsWith('Excel Unicode') ? '.txt' : '.csv';
      const variants = HEERLEN.map((f) => saved(f, save(readTextTable(read(f))), ext));
      expect(await snapshotOf(variants, base), tool).toEqual(original);
    }
  }, 300_000);

  it('the national KWB 2024 subset (18,309 areas), also as OData v4 long format', async () => {
    const original = await snapshotOf([realDataFile(KWB2024)]);
    const table = readTextTable(read(KWB2024));
    for (const [tool, save] of Object.entries(SAVERS)) {
      if (tool.startsWith('Excel titles')) continue; // its mnemonic headers have no titles
      const ext = tool.startsWith('Excel Unicode') ? '.txt' : '.csv';
      expect(await snapshotOf([saved(KWB2024, save(table), ext)]), tool).toEqual(original);
    }
    const measures = table.header.filter((h) => h.startsWith('kwb_'));
    const long = asODataV4Long(table, 'code', '85984NED', measures);
    const json = tmpFile('85984NED_Observations.json', long.observations);
    writeFileSync(join(dirname(json), '85984NED_MeasureCodes.json'), long.measureCodes);
    expect(await snapshotOf([json]), 'v4 JSON').toEqual(original);
    expect(await snapshotOf([saved(KWB2024, Buffer.from(long.longCsv), '_long.csv')]), 'v4 long CSV').toEqual(
      original,
    );
  }, 600_000);

  it('Leefbaarometer meting 2024, police 2021–2025 and the Amsterdam KWB 2020 selection', async () => {
    for (const file of [LBM2024, POLICE, AMSTERDAM]) {
      const original = await snapshotOf([realDataFile(file)]);
      expect(original.length, file).toBeGreaterThan(500);
      const table = readTextTable(read(file));
      for (const [tool, save] of Object.entries(SAVERS)) {
        if (tool.startsWith('Excel titles')) continue;
        const ext = tool.startsWith('Excel Unicode') ? '.txt' : '.csv';
        expect(await snapshotOf([saved(file, save(table), ext)]), `${file}: ${tool}`).toEqual(original);
      }
    }
  }, 600_000);
});
