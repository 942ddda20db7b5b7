/**
 * The layout of CBS's "Buurt, wijk en gemeente <jaar> voor postcode huisnummer" (the file
 * `pc6hnr<jaar>0801_gwb.csv` in the zip CBS publishes each year): `;`-separated, a header
 *
 *   PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024
 *
 * and one row per address, e.g. `6411AB;12;09170001;091700;0917` — the codes without their
 * BU/WK/GM prefix, buurt and wijk codes with letters in some gemeenten (Amsterdam: `0363AF01`).
 * Files re-saved by a spreadsheet may have lost leading zeros (`9170001`) or gained quotes or a
 * `,` delimiter; both are read, zeros restored to the codes' fixed widths. The year in the header
 * is the division (indeling) of the codes. Pure functions: the streaming import is
 * import-postcode-table.ts.
 */
import { AppError } from '../../../core/app-error.js';
import type { PostcodeBuurtRow } from '../../../storage/postcode-store.js';

export interface PostcodeHeader {
  delimiter: ';' | ',';
  /** The year of the Buurt/Wijk/Gemeente columns: the division of the codes. */
  divisionYear: number;
  /** The header's cells as written (for messages). */
  columns: string[];
}

const HEADER_CELLS = [
  /^pc6$/i,
  /^huisnummer$/i,
  /^buurt(?:code)?(\d{4})$/i,
  /^wijk(?:code)?(\d{4})$/i,
  /^gemeente(?:code)?(\d{4})$/i,
];

const EXPECTED_HEADER = 'PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>';

function splitCells(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

/** The header when `line` is one of this layout, else undefined. */
export function matchPostcodeHeader(line: string): PostcodeHeader | undefined {
  const text = line.replace(/^\uFEFF/, '');
  const delimiter = text.includes(';') ? ';' : ',';
  const cells = splitCells(text, delimiter);
  if (cells.length !== HEADER_CELLS.length) return undefined;
  const years = new Set<string>();
  for (const [i, re] of HEADER_CELLS.entries()) {
    const m = re.exec(cells[i]!);
    if (!m) return undefined;
    if (m[1]) years.add(m[1]);
  }
  if (years.size !== 1) return undefined;
  return { delimiter, divisionYear: Number([...years][0]), columns: cells };
}

/** The header, or CSV_NO_KNOWN_COLUMNS naming the file and what was expected. */
export function parsePostcodeHeader(line: string, file: string): PostcodeHeader {
  const header = matchPostcodeHeader(line);
  if (!header)
    throw new AppError(
      'CSV_NO_KNOWN_COLUMNS',
      'not the CBS table "Buurt, wijk en gemeente voor postcode huisnummer"',
      { location: { file, line: 1, expected: EXPECTED_HEADER, found: line.slice(0, 80) } },
    );
  return header;
}

/** One row read: the address and its buurt, and whether leading zeros were restored. */
export interface ParsedPostcodeRow extends PostcodeBuurtRow {
  padded: boolean;
}

/** A code cell without its prefix, zeros restored to `width`; undefined when it is no code of that width. */
function areaCode(
  cell: string,
  prefix: string,
  width: number,
): { code: string; padded: boolean } | undefined {
  let c = cell.toUpperCase();
  if (c.startsWith(prefix)) c = c.slice(prefix.length);
  if (/^\d+$/.test(c) && c.length < width) return { code: c.padStart(width, '0'), padded: true };
  if (c.length !== width || !/^\d{4}[0-9A-Z]*$/.test(c)) return undefined;
  return { code: c, padded: false };
}

/**
 * Parses one data line (`line` is its 1-based number in the file, the header being line 1);
 * an AppError names the file, line, row, column, what was expected and what was found.
 */
export function parsePostcodeRow(
  text: string,
  header: PostcodeHeader,
  file: string,
  line: number,
): ParsedPostcodeRow {
  const cells = splitCells(text, header.delimiter);
  const row = line - 1;
  const fail = (column: number, message: string, expected: string): never => {
    throw new AppError('AREA_CODE_INVALID', message, {
      location: { file, line, row, column: header.columns[column]!, expected, found: cells[column] ?? '' },
    });
  };
  if (cells.length !== header.columns.length)
    throw new AppError(
      'CSV_MALFORMED',
      `the row has ${cells.length} cells, the header ${header.columns.length}`,
      {
        location: {
          file,
          line,
          row,
          expected: `${header.columns.length} cells separated by '${header.delimiter}'`,
          found: text.slice(0, 80),
        },
      },
    );
  const postcode = cells[0]!.toUpperCase().replace(/\s+/g, '');
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(postcode))
    fail(0, 'not a postcode', 'a postcode of four digits and two letters, e.g. 6411AB');
  const number = cells[1]!;
  if (!/^\d{1,5}$/.test(number) || Number(number) < 1)
    throw new AppError('VALUE_NOT_A_NUMBER', 'not a house number', {
      location: {
        file,
        line,
        row,
        column: header.columns[1]!,
        expected: 'a house number 1–99999',
        found: number,
      },
    });
  const buurt =
    areaCode(cells[2]!, 'BU', 8) ??
    fail(2, 'not a buurt code', 'a CBS buurt code of 8 characters without BU, e.g. 09170001');
  const wijk =
    areaCode(cells[3]!, 'WK', 6) ??
    fail(3, 'not a wijk code', 'a CBS wijk code of 6 characters without WK, e.g. 091700');
  const gemeente =
    areaCode(cells[4]!, 'GM', 4) ??
    fail(4, 'not a gemeente code', 'a CBS gemeente code of 4 digits without GM, e.g. 0917');
  if (!wijk.code.startsWith(gemeente.code))
    fail(
      3,
      `wijk ${wijk.code} is not in gemeente ${gemeente.code}`,
      `a wijk code beginning with ${gemeente.code}`,
    );
  if (!buurt.code.startsWith(wijk.code))
    fail(2, `buurt ${buurt.code} is not in wijk ${wijk.code}`, `a buurt code beginning with ${wijk.code}`);
  return {
    postcode,
    huisnummer: Number(number),
    buurtCode: `BU${buurt.code}`,
    padded: buurt.padded || wijk.padded || gemeente.padded,
  };
}
