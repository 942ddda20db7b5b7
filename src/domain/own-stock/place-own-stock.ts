/**
 * Placing the rows of an own-stock file (read by parse-own-stock.ts) in their buurten: by their
 * buurt code, or by their address through CBS's postcode–house number table (`AddressTable`), and
 * summing them per buurt and year. Every address the table does not hold is named in one
 * AREA_UNMATCHED error with its line, so a file is fixed in one go; nothing is placed half.
 * `parseOwnStock` reads and places a file in one call.
 */
import { AppError } from '../../core/app-error.js';
import {
  addressId,
  failIn,
  readOwnStock,
  type OwnStockAddress,
  type OwnStockDataRow,
  type OwnStockRows,
  type ParsedOwnStock,
  type ParsedOwnStockRow,
} from './parse-own-stock.js';

/** CBS's postcode–house number table as far as an upload needs it. */
export interface AddressTable {
  /** Says which table, in messages: "the CBS postcode–house number table of indeling 2024". */
  label: string;
  buurtOf(address: OwnStockAddress): string | undefined;
}

/** How many unplaced addresses one error lists by name (all of them are in its details). */
const NAMED_UNPLACED = 20;

/**
 * Places every row in its buurt and sums per buurt and year. Addresses not in `table` (or any
 * address when there is no table) are one AREA_UNMATCHED error naming each of them with its line.
 */
export function sumOwnStock(read: OwnStockRows, table?: AddressTable): ParsedOwnStock {
  const fail = failIn(read.file);
  const located = read.rows.map((r) => ({
    r,
    code: r.buurtCode ?? (r.address && table ? table.buurtOf(r.address) : undefined),
  }));
  const unplaced = located.filter((l) => l.code === undefined).map((l) => l.r);
  if (unplaced.length > 0) refuseUnplaced(read.file, unplaced, table);
  const perBuurt = new Map<string, ParsedOwnStockRow>();
  const seen = new Map<string, number>();
  for (const { r, code } of located) {
    const buurtCode = code!;
    const key = `${buurtCode}|${r.year}`;
    // what a row stands for: a complex, an address, or (buurt layout) the buurt itself
    const what =
      r.complex !== null
        ? `complex ${r.complex}`
        : r.address
          ? `the address ${addressId(r.address)}`
          : `buurt ${buurtCode}`;
    const first = seen.get(`${what}|${r.year}`);
    if (first !== undefined)
      fail('CSV_DUPLICATE_ROW', `${what} (${r.year}) is also on line ${first}`, {
        line: r.line,
        row: r.row,
        found: what,
      });
    seen.set(`${what}|${r.year}`, r.line);
    const sum = perBuurt.get(key);
    if (sum) {
      sum.dwellings += r.dwellings;
      if (sum.complexes !== null) sum.complexes += 1;
    } else
      perBuurt.set(key, {
        buurtCode,
        year: r.year,
        dwellings: r.dwellings,
        complexes: read.layout === 'complex' ? 1 : null,
        line: r.line,
      });
  }
  const rows = [...perBuurt.values()].sort(
    (a, b) => a.buurtCode.localeCompare(b.buurtCode) || a.year - b.year,
  );
  return {
    layout: read.layout,
    dataRows: read.rows.length,
    addressRows: read.rows.filter((r) => r.address !== null).length,
    rows,
    years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b),
  };
}

function refuseUnplaced(file: string, unplaced: OwnStockDataRow[], table: AddressTable | undefined): never {
  const first = unplaced[0]!;
  const named = unplaced
    .slice(0, NAMED_UNPLACED)
    .map((r) => `line ${r.line}: ${addressId(r.address!)}`)
    .join('; ');
  const more = unplaced.length > NAMED_UNPLACED ? `; and ${unplaced.length - NAMED_UNPLACED} more` : '';
  const message = table
    ? `${unplaced.length === 1 ? 'an address is' : `${unplaced.length} addresses are`} not in ${table.label} (check the postcode and house number, or give the buurt_code): ${named}${more}`
    : `rows with a postcode and house number need CBS's postcode–house number table, which this store does not hold (the operator loads it with \`veerkracht postcodes import\`); give a buurt_code instead: ${named}${more}`;
  throw new AppError('AREA_UNMATCHED', message, {
    location: {
      file,
      line: first.line,
      row: first.row,
      column: 'postcode',
      expected: table ? `an address in ${table.label}` : 'a buurt_code',
      found: addressId(first.address!),
    },
    details: {
      unplaced: unplaced.slice(0, 1000).map((r) => ({
        line: r.line,
        postcode: r.address!.postcode,
        huisnummer: r.address!.huisnummer,
        toevoeging: r.address!.toevoeging,
      })),
    },
  });
}

/**
 * A buurt of the upload that is not on the reference division; when rows were placed by address,
 * the message names the postcode table (its division may be newer than the maps').
 */
export function unknownBuurt(
  file: string,
  r: ParsedOwnStockRow,
  divisionYear: number,
  table: AddressTable | undefined,
): AppError {
  const via = table ? ` (from the buurt code or an address, placed by ${table.label})` : '';
  return new AppError('AREA_UNMATCHED', `buurt ${r.buurtCode}${via} is not on the reference division`, {
    location: {
      file,
      line: r.line,
      column: 'buurt_code',
      expected: `a buurt of indeling ${divisionYear}`,
      found: r.buurtCode,
    },
  });
}

/** Reads and sums a file in one go (`table` places rows given by address). */
export function parseOwnStock(
  text: string,
  file: string,
  defaultYear: number,
  table?: AddressTable,
): ParsedOwnStock {
  return sumOwnStock(readOwnStock(text, file, defaultYear), table);
}
