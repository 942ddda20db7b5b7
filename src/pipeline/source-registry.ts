/**
 * Every source parser the importer knows, in detection-priority order. Detection picks the
 * parser with the highest confidence; `--source` restricts the choice to one source kind. An
 * .xlsx workbook is detected (and parsed) as the CSV text of its first worksheet whose table a
 * parser recognises (workbook-table.ts, openForImport).
 */
import { AppError } from '../core/app-error.js';
import type { SourceKind } from '../core/records.js';
import type { InputFile } from './input-file.js';
import type { SourceParser } from './source-parser.js';
import { lbm2CsvParser } from './sources/leefbaarometer/lbm2-csv.js';
import { lbm3BuurtCsvParser } from './sources/leefbaarometer/lbm3-buurt-csv.js';
import { utrechtBuurtenCsvParser } from './sources/leefbaarometer/utrecht-buurten-csv.js';
import { policeCrimeCsvParser } from './sources/politie/police-crime-csv.js';
import { policeODataJsonParser } from './sources/politie/police-odata-json.js';
import { rivmCsvParser } from './sources/rivm/rivm-csv.js';
import { rivm50150ODataJsonParser } from './sources/rivm/rivm-50150ned-odata-json.js';
import { rivmODataJsonParser } from './sources/rivm/rivm-odata-json.js';
import { kwbMnemonicCsvParser } from './sources/kwb/kwb-mnemonic-table.js';
import { kwbNameCodeListParser } from './sources/kwb/kwb-name-code-list.js';
import { kwbODataJsonParser } from './sources/kwb/kwb-odata-json.js';
import { kwbODataV4LongParser } from './sources/kwb/kwb-odata4-long.js';
import { kwbStatlineCsvParser, kwbStatlineNamedCsvParser } from './sources/kwb/kwb-statline-csv.js';
import { geojsonBoundaryParser } from './sources/boundaries/geojson-boundaries.js';
import { geopackageBoundaryParser } from './sources/boundaries/geopackage-boundaries.js';
import { shapefileBoundaryParser } from './sources/boundaries/shapefile-boundaries.js';
import { topojsonBoundaryParser } from './sources/boundaries/topojson-boundaries.js';
import { zipBoundaryParser } from './sources/boundaries/zip-boundaries.js';
import { tidyCsvParser } from './sources/tidy/tidy-csv.js';
import { matchPostcodeHeader } from './sources/postcode/postcode-buurt-csv.js';
import { isWorkbook, otherSpreadsheet, readWorkbookTables, worksheetFile } from './workbook-table.js';

export const SOURCE_PARSERS: readonly SourceParser[] = [
  tidyCsvParser,
  kwbODataJsonParser,
  kwbODataV4LongParser,
  kwbStatlineCsvParser,
  kwbStatlineNamedCsvParser,
  kwbMnemonicCsvParser,
  kwbNameCodeListParser,
  lbm3BuurtCsvParser,
  utrechtBuurtenCsvParser,
  lbm2CsvParser,
  rivmCsvParser,
  rivmODataJsonParser,
  rivm50150ODataJsonParser,
  policeCrimeCsvParser,
  policeODataJsonParser,
  geopackageBoundaryParser,
  shapefileBoundaryParser,
  zipBoundaryParser,
  geojsonBoundaryParser,
  topojsonBoundaryParser,
];

export function detectParser(file: InputFile, source?: SourceKind): SourceParser {
  const candidates = SOURCE_PARSERS.filter((p) => source === undefined || p.kind === source);
  let best: SourceParser | undefined;
  let bestScore = 0;
  for (const p of candidates) {
    const score = p.detect(file);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.2) {
    if (matchPostcodeHeader(file.head.split(/\r?\n/, 1)[0] ?? ''))
      throw new AppError(
        'UNKNOWN_FILE_KIND',
        "CBS's postcode–house number table is no indicator source: load it with `veerkracht postcodes import`",
        { location: { file: file.name, line: 1, expected: 'a file of a source Veerkracht imports' } },
      );
    const spreadsheet = otherSpreadsheet(file);
    if (spreadsheet)
      throw new AppError(
        'UNKNOWN_FILE_KIND',
        `${spreadsheet}, which Veerkracht does not read: open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or as CSV`,
        { location: { file: file.name, expected: 'an .xlsx workbook or a CSV file' } },
      );
    const what = source
      ? `a ${source} file in any layout Veerkracht reads`
      : 'a file of any source Veerkracht reads';
    throw new AppError(
      'UNKNOWN_FILE_KIND',
      `not recognised as ${what} (CBS KWB OData JSON/StatLine CSV/KWB mnemonic CSV, PDOK/CBS GeoPackage/Shapefile/GeoJSON/TopoJSON (or a ZIP of them), Leefbaarometer CSV, RIVM 50090NED, police 47022NED, tidy CSV code,year,indicator,value; every CSV layout also as .xlsx)`,
      { location: { file: file.name, line: 1, expected: 'a known header or format' } },
    );
  }
  return best;
}

/** A file as its parser reads it: the file itself, or the worksheet of a workbook seen as CSV text. */
export interface OpenedFile {
  file: InputFile;
  parser: SourceParser;
}

/**
 * The parser of a file, and the file it parses. A workbook (.xlsx) is read once: its worksheets
 * with a table, in tab order, are seen as CSV text (workbook-table.ts) and the first one that a
 * parser recognises is the file; other files are detected as detectParser does. UNKNOWN_FILE_KIND
 * for a workbook none of whose worksheets holds a table Veerkracht reads, naming them.
 */
export async function openForImport(file: InputFile, source?: SourceKind): Promise<OpenedFile> {
  if (!isWorkbook(file)) return { file, parser: detectParser(file, source) };
  const tables = await readWorkbookTables(file);
  for (const table of tables) {
    const sheet = worksheetFile(file, table);
    try {
      return { file: sheet, parser: detectParser(sheet, source) };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'UNKNOWN_FILE_KIND')) throw e;
    }
  }
  const what = source ? `a ${source} table` : 'a table of a source Veerkracht reads';
  const looked =
    tables.length === 0
      ? 'no worksheet has a header row (a row with two or more filled cells among its first six)'
      : `worksheet(s) ${tables.map((t) => `'${t.sheet}' (header in row ${t.headerRow})`).join(', ')} hold none`;
  throw new AppError('UNKNOWN_FILE_KIND', `no worksheet of this workbook holds ${what}: ${looked}`, {
    location: { file: file.name, expected: `a worksheet with ${what} (as its CSV would have)` },
  });
}
