/**
 * Acceptance on the real data (VEERKRACHT_REAL_DATA; skipped when unset): each kind of real file
 * of ../shared/data opened in Excel and saved as .xlsx (test/pipeline/workbook-save.ts: numbers
 * as numbers, codes and markers as text) imports with every value and flag equal to the CSV's
 * import. The national files are cut to their first rows — in the CSV and in the workbook alike —
 * since exceljs needs seconds per 100,000 rows. Nothing is copied into the repository: the
 * workbooks live in temporary folders for the length of the test.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { readTextTable } from './resave.js';
import { memoryStore, tmpFile } from './source-fixtures.js';
import { valueSnapshot } from './store-snapshot.js';
import { asExcelWorkbook, type WorkbookSaveOptions } from './workbook-save.js';

const KWB2024 = 'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz';
const HEERLEN = [2016, 2017, 2018, 2019, 2020].map(
  (y) => `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`,
);
const LBM3_2020 = 'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz';
const LBM3_2024 =
  'leefbaarometer/lbm3_meting2024_buurt_2002-2024_heerlen_kerkrade__Applied-Spatial-Analytics-create-your-report-groupb.csv';
const LBM2_WIJK = [
  'leefbaarometer/lbm2_meting2016_wijk_dimensiescores_2012_2014_2016.csv',
  'leefbaarometer/lbm2_meting2016_wijk_dimensiescores_ontwikkeling.csv',
  'leefbaarometer/lbm2_meting2016_wijk_klassen_2002_2016.csv',
];
const RIVM = 'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz';
const POLICE = 'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz';

/** The file's text, its first `rows` data lines only when given (every real file has one record a line). */
function textOf(relative: string, rows?: number): string {
  const bytes = readFileSync(realDataFile(relative));
  const text = (bytes[0] === 0x1f ? gunzipSync(bytes) : bytes).toString('utf8');
  if (rows === undefined) return text;
  return `${text.split(/\r?\n/, rows + 1).join('\n')}\n`;
}

/** The file's name in a fresh folder, without .gz, with `ext` for `.csv`. */
function nameOf(relative: string, ext: string): string {
  return relative
    .split('/')
    .pop()!
    .replace(/\.csv(\.gz)?$/, ext);
}

async function snapshotOf(paths: string[], before: string[] = []): Promise<string[]> {
  const store = memoryStore();
  if (before.length) await importPaths(store, before, { harmonise: false });
  await importPaths(store, paths, { harmonise: false });
  const snapshot = await valueSnapshot(store);
  await store.close();
  return snapshot;
}

/** The CSV (cut to `rows`) and the same table saved as .xlsx, each in a fresh folder. */
async function csvAndWorkbook(
  relative: string,
  rows?: number,
  options: WorkbookSaveOptions = {},
): Promise<{ csv: string; xlsx: string }> {
  const text = textOf(relative, rows);
  const table = readTextTable(text);
  const workbook = await asExcelWorkbook([table.header, ...table.rows], options);
  return {
    csv: tmpFile(nameOf(relative, '.csv'), text),
    xlsx: tmpFile(nameOf(relative, '.xlsx'), workbook),
  };
}

/** Imports the CSVs and the workbooks (after `before`); both stores hold the same values. */
async function expectSameValues(
  pairs: { csv: string; xlsx: string }[],
  before: string[] = [],
): Promise<void> {
  const original = await snapshotOf(
    pairs.map((p) => p.csv),
    before,
  );
  expect(original.length).toBeGreaterThan(200);
  expect(
    await snapshotOf(
      pairs.map((p) => p.xlsx),
      before,
    ),
  ).toEqual(original);
}

describe.skipIf(!hasRealData)('real files saved as .xlsx import with every value equal to the CSV', () => {
  it('the five Heerlen StatLine exports (names only), with a title row and a source line, after the KWB 2024 subset', async () => {
    const pairs = await Promise.all(
      HEERLEN.map((f) =>
        csvAndWorkbook(f, undefined, { titles: ['Kerncijfers wijken en buurten'], footers: ['Bron: CBS'] }),
      ),
    );
    await expectSameValues(pairs, [realDataFile(KWB2024)]);
  }, 60_000);

  it('the KWB 2024 subset (first 4,000 of 18,309 areas)', async () => {
    await expectSameValues([await csvAndWorkbook(KWB2024, 4000)]);
  }, 30_000);

  it('Leefbaarometer 3.0 meting 2024 (Heerlen/Kerkrade, a notes sheet first) and meting 2020 (first 6,000 rows)', async () => {
    await expectSameValues([
      await csvAndWorkbook(LBM3_2024, undefined, { notesSheetFirst: true }),
      await csvAndWorkbook(LBM3_2020, 6000),
    ]);
  }, 30_000);

  it('the three Leefbaarometer 2.0 wijk files of meting 2016', async () => {
    await expectSameValues(await Promise.all(LBM2_WIJK.map((f) => csvAndWorkbook(f))));
  }, 30_000);

  it('the RIVM gezondheidsmonitor 50090NED (first 3,000 rows) and the police crimes 2021–2025 (first 6,000 areas)', async () => {
    await expectSameValues([await csvAndWorkbook(RIVM, 3000)]);
    await expectSameValues([await csvAndWorkbook(POLICE, 6000)]);
  }, 30_000);
});
