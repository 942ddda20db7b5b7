/**
 * The own-stock CSV of an organisation (issue 11), parsed without I/O so that both the upload
 * route (through src/service/members/own-stock.ts) and the file import (src/pipeline/own-stock)
 * use the same rules. Three layouts, recognised by the header (case and spaces ignored; `,` or `;`):
 *
 *   buurt_code,dwellings[,year]                                one row per buurt (and year)
 *   complex,buurt_code,dwellings[,year]                        one row per complex, summed per buurt
 *   complex,postcode,huisnummer[,toevoeging],dwellings[,year]  a complex by its address
 *   postcode,huisnummer[,toevoeging],dwellings[,year]          one row per address, summed per buurt
 *
 * With both a buurt_code and the address columns, each row gives one or the other. An address is
 * placed in its buurt by CBS's postcode–house number table (`AddressTable`, loaded by the operator
 * with `veerkracht postcodes import`); the table has no additions, so `toevoeging` (also
 * huisletter) is read but not needed. Aliases: woningen/aantal_woningen for dwellings, jaar for
 * year, complex_id/complexnummer for complex, buurtcode for buurt_code, pc6 for postcode,
 * house_number/nummer for huisnummer. Without a year column every row gets `defaultYear`.
 *
 * `readOwnStock` validates every cell (the first bad one is an AppError naming the file, line,
 * column, what was expected and what was found) and lists the addresses to look up;
 * `sumOwnStock` (place-own-stock.ts) places the rows in their buurten and sums them.
 */
import { AppError, type ErrorCode, type FileLocation } from '../../core/app-error.js';

export type OwnStockLayout = 'buurt' | 'complex' | 'address';

export interface ParsedOwnStockRow {
  buurtCode: string;
  year: number;
  dwellings: number;
  /** Complexes summed into this row (complex layout), else null. */
  complexes: number | null;
  /** The first line of the file that contributed to this row. */
  line: number;
}

export interface ParsedOwnStock {
  layout: OwnStockLayout;
  /** Data rows read (complexes, addresses or buurt rows). */
  dataRows: number;
  /** Data rows placed by their postcode and house number. */
  addressRows: number;
  rows: ParsedOwnStockRow[];
  years: number[];
}

/** An address as given: postcode `6411AB`, house number, and the addition when there is one. */
export interface OwnStockAddress {
  postcode: string;
  huisnummer: number;
  toevoeging: string | null;
}

/** One data row, validated: located by a buurt code or by an address. */
export interface OwnStockDataRow {
  line: number;
  row: number;
  buurtCode: string | null;
  address: OwnStockAddress | null;
  complex: string | null;
  dwellings: number;
  year: number;
}

/** What `readOwnStock` read: the rows, and the distinct addresses to look up. */
export interface OwnStockRows {
  file: string;
  layout: OwnStockLayout;
  rows: OwnStockDataRow[];
  addresses: OwnStockAddress[];
}

/** At most this many data rows (a corporation has at most a few tens of thousands of addresses). */
export const OWN_STOCK_MAX_ROWS = 100_000;

type Column = 'buurt_code' | 'dwellings' | 'year' | 'complex' | 'postcode' | 'huisnummer' | 'toevoeging';

const ALIASES: Record<string, Column> = {
  buurt_code: 'buurt_code',
  buurtcode: 'buurt_code',
  code: 'buurt_code',
  dwellings: 'dwellings',
  woningen: 'dwellings',
  aantal_woningen: 'dwellings',
  year: 'year',
  jaar: 'year',
  complex: 'complex',
  complex_id: 'complex',
  complexnummer: 'complex',
  postcode: 'postcode',
  pc6: 'postcode',
  huisnummer: 'huisnummer',
  house_number: 'huisnummer',
  nummer: 'huisnummer',
  toevoeging: 'toevoeging',
  huisnummertoevoeging: 'toevoeging',
  huisletter: 'toevoeging',
};

/** A CBS buurt code; letters are allowed in the wijk and buurt digits (Amsterdam: BU0363AF01). */
const BUURT_CODE = /^BU\d{4}[0-9A-Z]{4}$/;

/** Splits one CSV line with RFC 4180 quotes; undefined when a quote is left open. */
function splitLine(line: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) return undefined;
  cells.push(cell.trim());
  return cells;
}

export type Fail = (code: ErrorCode, message: string, at?: Omit<FileLocation, 'file'>) => never;

export function failIn(file: string): Fail {
  return (code, message, at = {}) => {
    throw new AppError(code, message, { location: { file, ...at } });
  };
}

const EXPECTED_HEADER =
  'buurt_code,dwellings[,year], complex,buurt_code,dwellings[,year] or [complex,]postcode,huisnummer[,toevoeging],dwellings[,year]';

interface Header {
  index: number;
  delimiter: string;
  names: string[];
  columns: Map<Column, number>;
  layout: OwnStockLayout;
}

function readHeader(lines: string[], fail: Fail): Header {
  const index = lines.findIndex((l) => l.trim() !== '');
  if (index < 0) return fail('NOTHING_TO_IMPORT', 'the file is empty');
  const line = lines[index]!;
  const delimiter = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
  const names = (splitLine(line, delimiter) ?? []).map((h) =>
    h.toLowerCase().replace(/^"|"$/g, '').trim().replace(/\s+/g, '_'),
  );
  const columns = new Map<Column, number>();
  names.forEach((h, i) => {
    const known = ALIASES[h];
    if (!known) return;
    if (columns.has(known))
      fail('CSV_DUPLICATE_COLUMN', `column '${known}' appears twice`, { line: index + 1, column: h });
    columns.set(known, i);
  });
  const byAddress = columns.has('postcode') && columns.has('huisnummer');
  if (columns.has('postcode') !== columns.has('huisnummer'))
    fail('CSV_NO_KNOWN_COLUMNS', 'an address needs both a postcode and a huisnummer column', {
      line: index + 1,
      expected: EXPECTED_HEADER,
      found: line.slice(0, 80),
    });
  if ((!columns.has('buurt_code') && !byAddress) || !columns.has('dwellings'))
    fail('CSV_NO_KNOWN_COLUMNS', 'the header lacks buurt_code (or postcode and huisnummer) or dwellings', {
      line: index + 1,
      expected: EXPECTED_HEADER,
      found: line.slice(0, 80),
    });
  const layout: OwnStockLayout = columns.has('complex') ? 'complex' : byAddress ? 'address' : 'buurt';
  return { index, delimiter, names, columns, layout };
}

/** Reads and validates every row; the addresses are not looked up yet (sumOwnStock does). */
export function readOwnStock(text: string, file: string, defaultYear: number): OwnStockRows {
  const fail = failIn(file);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = readHeader(lines, fail);
  const rows: OwnStockDataRow[] = [];
  const addresses = new Map<string, OwnStockAddress>();
  for (let i = header.index + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const row = rows.length + 1;
    if (row > OWN_STOCK_MAX_ROWS)
      fail('INPUT_TOO_LARGE', `more than ${OWN_STOCK_MAX_ROWS} rows`, { line, row });
    const cells = splitLine(raw, header.delimiter);
    if (!cells) return fail('CSV_MALFORMED', 'a quoted cell is not closed', { line, row });
    if (cells.length !== header.names.length)
      fail('CSV_MALFORMED', `the row has ${cells.length} cells, the header ${header.names.length}`, {
        line,
        row,
      });
    const data = readRow(cells, header, defaultYear, (code, message, at) =>
      fail(code, message, { line, row, ...at }),
    );
    rows.push({ line, row, ...data });
    if (data.address) addresses.set(addressId(data.address), data.address);
  }
  if (rows.length === 0)
    fail('NOTHING_TO_IMPORT', 'the file has a header but no rows', { line: header.index + 1 });
  return { file, layout: header.layout, rows, addresses: [...addresses.values()] };
}

/** `6411AB 12 A`: an address as messages name it. */
export function addressId(a: OwnStockAddress): string {
  return `${a.postcode} ${a.huisnummer}${a.toevoeging ? ` ${a.toevoeging}` : ''}`;
}

/** The cells of one row, validated (`fail` adds the line and row). */
function readRow(
  cells: string[],
  header: Header,
  defaultYear: number,
  fail: Fail,
): Omit<OwnStockDataRow, 'line' | 'row'> {
  const at = (c: Column): number | undefined => header.columns.get(c);
  const cell = (c: Column): string => {
    const i = at(c);
    return i === undefined ? '' : cells[i]!;
  };
  const column = (c: Column) => header.names[at(c)!]!;
  let buurtCode: string | null = null;
  let address: OwnStockAddress | null = null;
  if (cell('buurt_code') !== '' || at('postcode') === undefined) {
    buurtCode = cell('buurt_code').toUpperCase();
    if (!BUURT_CODE.test(buurtCode))
      fail('AREA_CODE_INVALID', 'not a buurt code', {
        column: column('buurt_code'),
        expected: `a CBS buurt code BUggggwwbb${at('postcode') !== undefined ? ', or a postcode and huisnummer' : ''}`,
        found: cell('buurt_code'),
      });
  } else address = readAddress(cell, column, at('toevoeging') !== undefined, fail);
  const dwellingsText = cell('dwellings').replace(/[.\s]/g, '');
  if (!/^\d+$/.test(dwellingsText))
    fail('VALUE_NOT_A_NUMBER', 'dwellings must be a whole number', {
      column: column('dwellings'),
      expected: 'a whole number of dwellings (0 or more)',
      found: cell('dwellings'),
    });
  const dwellings = Number(dwellingsText);
  if (dwellings > 100_000)
    fail('VALUE_OUT_OF_RANGE', 'more dwellings than any buurt has', {
      column: column('dwellings'),
      expected: 'at most 100000',
      found: cell('dwellings'),
    });
  let year = defaultYear;
  if (at('year') !== undefined) {
    const y = cell('year');
    if (!/^\d{4}$/.test(y) || Number(y) < 2000 || Number(y) > 2100)
      fail('YEAR_OUT_OF_RANGE', 'not a year', {
        column: column('year'),
        expected: 'a year 2000–2100',
        found: y,
      });
    year = Number(y);
  }
  let complex: string | null = null;
  if (header.layout === 'complex') {
    complex = cell('complex');
    if (complex === '')
      fail('VALUE_NOT_A_NUMBER', 'the complex is empty', {
        column: column('complex'),
        expected: 'a complex number or name',
        found: '',
      });
  }
  return { buurtCode, address, complex, dwellings, year };
}

function readAddress(
  cell: (c: Column) => string,
  column: (c: Column) => string,
  hasAddition: boolean,
  fail: Fail,
): OwnStockAddress {
  const postcode = cell('postcode').toUpperCase().replace(/\s+/g, '');
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(postcode))
    fail('AREA_CODE_INVALID', 'not a postcode', {
      column: column('postcode'),
      expected: 'a postcode of four digits and two letters, e.g. 6411AB',
      found: cell('postcode'),
    });
  const number = cell('huisnummer');
  if (!/^\d{1,5}$/.test(number) || Number(number) < 1)
    fail('VALUE_NOT_A_NUMBER', 'not a house number', {
      column: column('huisnummer'),
      expected: 'a house number 1–99999 (an addition goes in toevoeging)',
      found: number,
    });
  const addition = hasAddition ? cell('toevoeging').toUpperCase().replace(/\s+/g, ' ') : '';
  if (addition.length > 10 || /[^0-9A-Z -]/.test(addition))
    fail('VALUE_OUT_OF_RANGE', 'not a house number addition', {
      column: column('toevoeging'),
      expected: 'a letter or addition of at most 10 letters and digits, e.g. A or 2-HG',
      found: cell('toevoeging'),
    });
  return { postcode, huisnummer: Number(number), toevoeging: addition === '' ? null : addition };
}
