/**
 * The own-stock CSV of an organisation (issue 11), parsed without I/O so that both the upload
 * route (through src/service/members/own-stock.ts) and the file import (src/pipeline/own-stock)
 * use the same rules. Two layouts, recognised by the header (case and spaces ignored; `,` or `;`):
 *
 *   buurt_code,dwellings[,year]            one row per buurt (and year)
 *   complex,buurt_code,dwellings[,year]    one row per complex, summed per buurt
 *
 * Aliases: woningen/aantal_woningen for dwellings, jaar for year, complex_id/complexnummer for
 * complex, buurtcode for buurt_code. Without a year column every row gets `defaultYear`. Every
 * row is validated before anything is returned; the first bad cell is an AppError naming the
 * file, line, column, what was expected and what was found. A postcode + house number layout
 * needs the CBS postcode–buurt table, which Veerkracht does not hold: such a file is refused
 * with a message saying to give buurt codes.
 */
import { AppError, type ErrorCode } from '../../core/app-error.js';

export type OwnStockLayout = 'buurt' | 'complex';

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
  /** Data rows read (complexes or buurt rows). */
  dataRows: number;
  rows: ParsedOwnStockRow[];
  years: number[];
}

/** At most this many data rows (a corporation has at most a few thousand complexes). */
export const OWN_STOCK_MAX_ROWS = 100_000;

const ALIASES: Record<string, 'buurt_code' | 'dwellings' | 'year' | 'complex' | 'postcode' | 'huisnummer'> = {
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
  huisnummer: 'huisnummer',
  house_number: 'huisnummer',
};

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

export function parseOwnStock(text: string, file: string, defaultYear: number): ParsedOwnStock {
  const fail = (
    code: ErrorCode,
    message: string,
    at: { line?: number; row?: number; column?: string; expected?: string; found?: string } = {},
  ): never => {
    throw new AppError(code, message, { location: { file, ...at } });
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return fail('NOTHING_TO_IMPORT', 'the file is empty');
  const headerLine = lines[headerIndex]!;
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const header = (splitLine(headerLine, delimiter) ?? []).map((h) =>
    h.toLowerCase().replace(/^"|"$/g, '').trim().replace(/\s+/g, '_'),
  );
  const columns = new Map<string, number>();
  header.forEach((h, i) => {
    const known = ALIASES[h];
    if (!known) return;
    if (columns.has(known))
      fail('CSV_DUPLICATE_COLUMN', `column '${known}' appears twice`, { line: headerIndex + 1, column: h });
    columns.set(known, i);
  });
  const expectedHeader = 'buurt_code,dwellings[,year] or complex,buurt_code,dwellings[,year]';
  if (!columns.has('buurt_code') && columns.has('postcode'))
    fail(
      'CSV_NO_KNOWN_COLUMNS',
      'rows with postcode and house number need the CBS postcode–buurt table, which this server does not hold: give a buurt_code column (the CBS buurt code, e.g. BU09170001) per row or per complex',
      { line: headerIndex + 1, expected: expectedHeader, found: headerLine.slice(0, 80) },
    );
  if (!columns.has('buurt_code') || !columns.has('dwellings'))
    fail('CSV_NO_KNOWN_COLUMNS', 'the header lacks buurt_code or dwellings', {
      line: headerIndex + 1,
      expected: expectedHeader,
      found: headerLine.slice(0, 80),
    });
  const layout: OwnStockLayout = columns.has('complex') ? 'complex' : 'buurt';
  const codeAt = columns.get('buurt_code')!;
  const dwellingsAt = columns.get('dwellings')!;
  const yearAt = columns.get('year');
  const complexAt = columns.get('complex');

  const perBuurt = new Map<string, ParsedOwnStockRow>();
  const seenComplex = new Map<string, number>();
  let dataRows = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const row = ++dataRows;
    if (dataRows > OWN_STOCK_MAX_ROWS)
      fail('INPUT_TOO_LARGE', `more than ${OWN_STOCK_MAX_ROWS} rows`, { line, row });
    const cells = splitLine(raw, delimiter);
    if (!cells) fail('CSV_MALFORMED', 'a quoted cell is not closed', { line, row });
    if (cells!.length !== header.length)
      fail('CSV_MALFORMED', `the row has ${cells!.length} cells, the header ${header.length}`, { line, row });
    const cell = (at: number) => cells![at]!;
    const code = cell(codeAt).toUpperCase();
    if (!/^BU\d{8}$/.test(code))
      fail('AREA_CODE_INVALID', 'not a buurt code', {
        line,
        row,
        column: header[codeAt]!,
        expected: 'a CBS buurt code BUggggwwbb',
        found: cell(codeAt),
      });
    const dwellingsText = cell(dwellingsAt).replace(/[.\s]/g, '');
    if (!/^\d+$/.test(dwellingsText))
      fail('VALUE_NOT_A_NUMBER', 'dwellings must be a whole number', {
        line,
        row,
        column: header[dwellingsAt]!,
        expected: 'a whole number of dwellings (0 or more)',
        found: cell(dwellingsAt),
      });
    const dwellings = Number(dwellingsText);
    if (dwellings > 100_000)
      fail('VALUE_OUT_OF_RANGE', 'more dwellings than any buurt has', {
        line,
        row,
        column: header[dwellingsAt]!,
        expected: 'at most 100000',
        found: cell(dwellingsAt),
      });
    let year = defaultYear;
    if (yearAt !== undefined) {
      const y = cell(yearAt);
      if (!/^\d{4}$/.test(y) || Number(y) < 2000 || Number(y) > 2100)
        fail('YEAR_OUT_OF_RANGE', 'not a year', {
          line,
          row,
          column: header[yearAt]!,
          expected: 'a year 2000–2100',
          found: y,
        });
      year = Number(y);
    }
    const key = `${code}|${year}`;
    if (layout === 'complex') {
      const complex = cell(complexAt!);
      if (complex === '')
        fail('VALUE_NOT_A_NUMBER', 'the complex is empty', {
          line,
          row,
          column: header[complexAt!]!,
          expected: 'a complex number or name',
          found: '',
        });
      const complexKey = `${complex}|${year}`;
      const first = seenComplex.get(complexKey);
      if (first !== undefined)
        fail('CSV_DUPLICATE_ROW', `complex ${complex} (${year}) is also on line ${first}`, {
          line,
          row,
          column: header[complexAt!]!,
          found: complex,
        });
      seenComplex.set(complexKey, line);
      const sum = perBuurt.get(key);
      if (sum) {
        sum.dwellings += dwellings;
        sum.complexes! += 1;
      } else perBuurt.set(key, { buurtCode: code, year, dwellings, complexes: 1, line });
    } else {
      const first = perBuurt.get(key);
      if (first)
        fail('CSV_DUPLICATE_ROW', `buurt ${code} (${year}) is also on line ${first.line}`, {
          line,
          row,
          column: header[codeAt]!,
          found: code,
        });
      perBuurt.set(key, { buurtCode: code, year, dwellings, complexes: null, line });
    }
  }
  if (dataRows === 0)
    fail('NOTHING_TO_IMPORT', 'the file has a header but no rows', { line: headerIndex + 1 });
  const rows = [...perBuurt.values()].sort(
    (a, b) => a.buurtCode.localeCompare(b.buurtCode) || a.year - b.year,
  );
  return { layout, dataRows, rows, years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b) };
}
