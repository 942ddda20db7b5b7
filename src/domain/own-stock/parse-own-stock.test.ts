import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { parseOwnStock } from './parse-own-stock.js';

const fail = (text: string): AppError => {
  try {
    parseOwnStock(text, 'bezit.csv', 2025);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('parsed');
};

describe('parseOwnStock', () => {
  it('reads buurt rows with , or ; a BOM, quotes, thousands dots and a default year', () => {
    expect(
      parseOwnStock('\uFEFFbuurt_code,dwellings\nBU09170001,120\n"BU09170002","1.234"\n', 'a.csv', 2025),
    ).toEqual({
      layout: 'buurt',
      dataRows: 2,
      years: [2025],
      rows: [
        { buurtCode: 'BU09170001', year: 2025, dwellings: 120, complexes: null, line: 2 },
        { buurtCode: 'BU09170002', year: 2025, dwellings: 1234, complexes: null, line: 3 },
      ],
    });
    const semicolon = parseOwnStock('Buurtcode;Woningen;Jaar\r\nbu09170001;5;2023\r\n\r\n', 'b.csv', 2025);
    expect(semicolon.rows).toEqual([
      { buurtCode: 'BU09170001', year: 2023, dwellings: 5, complexes: null, line: 2 },
    ]);
  });

  it('sums complexes per buurt and year', () => {
    const r = parseOwnStock(
      'complexnummer,buurt_code,dwellings,year\nC1,BU09170001,60,2024\nC2,BU09170001,40,2024\nC3,BU09170002,7,2024\nC1,BU09170001,61,2025\n',
      'c.csv',
      2025,
    );
    expect(r.layout).toBe('complex');
    expect(r.dataRows).toBe(4);
    expect(r.years).toEqual([2024, 2025]);
    expect(r.rows.map((x) => [x.buurtCode, x.year, x.dwellings, x.complexes])).toEqual([
      ['BU09170001', 2024, 100, 2],
      ['BU09170001', 2025, 61, 1],
      ['BU09170002', 2024, 7, 1],
    ]);
  });

  it('names the file, line, column, what was expected and what was found', () => {
    const e = fail('buurt_code,dwellings,year\nBU09170001,12,2024\nBU0917,3,2024\n');
    expect(e.code).toBe('AREA_CODE_INVALID');
    expect(e.message).toBe(
      "bezit.csv, line 3 (row 2), column 'buurt_code', expected a CBS buurt code BUggggwwbb, found 'BU0917': not a buurt code",
    );
    expect(fail('buurt_code,dwellings\nBU09170001,-3\n').code).toBe('VALUE_NOT_A_NUMBER');
    expect(fail('buurt_code,dwellings\nBU09170001,200000\n').code).toBe('VALUE_OUT_OF_RANGE');
    expect(fail('buurt_code,dwellings,jaar\nBU09170001,3,1899\n').code).toBe('YEAR_OUT_OF_RANGE');
    expect(fail('buurt_code,dwellings\nBU09170001,3,4\n').code).toBe('CSV_MALFORMED');
    expect(fail('buurt_code,dwellings\n"BU09170001,3\n').code).toBe('CSV_MALFORMED');
  });

  it('refuses duplicate buurten, duplicate complexes, missing columns, postcode layouts and empty files', () => {
    const dup = fail('buurt_code,dwellings\nBU09170001,3\nBU09170001,4\n');
    expect(dup.code).toBe('CSV_DUPLICATE_ROW');
    expect(dup.message).toContain('also on line 2');
    expect(fail('complex,buurt_code,dwellings\nC1,BU09170001,3\nC1,BU09170002,4\n').code).toBe(
      'CSV_DUPLICATE_ROW',
    );
    expect(fail('code,aantal\nBU09170001,3\n').code).toBe('CSV_NO_KNOWN_COLUMNS');
    const postcode = fail('complex,postcode,huisnummer,dwellings\nC1,6411AB,1,30\n');
    expect(postcode.code).toBe('CSV_NO_KNOWN_COLUMNS');
    expect(postcode.message).toContain('postcode–buurt table');
    expect(fail('buurt_code,woningen,dwellings\n').code).toBe('CSV_DUPLICATE_COLUMN');
    expect(fail('buurt_code,dwellings\n').code).toBe('NOTHING_TO_IMPORT');
    expect(fail('').code).toBe('NOTHING_TO_IMPORT');
  });
});
