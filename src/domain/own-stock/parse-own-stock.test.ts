import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { readOwnStock } from './parse-own-stock.js';
import { parseOwnStock, type AddressTable } from './place-own-stock.js';

const fail = (text: string, table?: AddressTable): AppError => {
  try {
    parseOwnStock(text, 'bezit.csv', 2025, table);
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
      addressRows: 0,
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

  it('refuses duplicate buurten, duplicate complexes, missing columns and empty files', () => {
    const dup = fail('buurt_code,dwellings\nBU09170001,3\nBU09170001,4\n');
    expect(dup.code).toBe('CSV_DUPLICATE_ROW');
    expect(dup.message).toContain('also on line 2');
    expect(fail('complex,buurt_code,dwellings\nC1,BU09170001,3\nC1,BU09170002,4\n').code).toBe(
      'CSV_DUPLICATE_ROW',
    );
    expect(fail('code,aantal\nBU09170001,3\n').code).toBe('CSV_NO_KNOWN_COLUMNS');
    expect(fail('complex,postcode,dwellings\nC1,6411AB,30\n').code).toBe('CSV_NO_KNOWN_COLUMNS');
    expect(fail('buurt_code,woningen,dwellings\n').code).toBe('CSV_DUPLICATE_COLUMN');
    expect(fail('buurt_code,dwellings\n').code).toBe('NOTHING_TO_IMPORT');
    expect(fail('').code).toBe('NOTHING_TO_IMPORT');
  });

  describe('rows given by postcode and house number', () => {
    const PLACES: Record<string, string> = {
      '6411AB|1': 'BU09170000',
      '6411AB|3': 'BU09170000',
      '6411AC|2': 'BU09170001',
    };
    /** A stand-in for CBS's postcode–house number table of indeling 2020. */
    const TABLE: AddressTable = {
      label: 'the postcode table of indeling 2020',
      buurtOf: (a) => PLACES[`${a.postcode}|${a.huisnummer}`],
    };

    it('places complexes by address (toevoeging read, not needed) and mixes them with buurt codes', () => {
      const r = parseOwnStock(
        'complex;buurt_code;postcode;huisnummer;toevoeging;woningen;jaar\nC1;;6411 ab;1;A;30;2024\nC2;;6411AB;3;;20;2024\nC3;BU09170005;;;;7;2024\nC4;;6411AC;2;2-hg;5;2024\n',
        'adres.csv',
        2025,
        TABLE,
      );
      expect(r).toEqual({
        layout: 'complex',
        dataRows: 4,
        addressRows: 3,
        years: [2024],
        rows: [
          { buurtCode: 'BU09170000', year: 2024, dwellings: 50, complexes: 2, line: 2 },
          { buurtCode: 'BU09170001', year: 2024, dwellings: 5, complexes: 1, line: 5 },
          { buurtCode: 'BU09170005', year: 2024, dwellings: 7, complexes: 1, line: 4 },
        ],
      });
    });

    it('sums rows per address into their buurten, and lists the distinct addresses to look up', () => {
      const text = 'postcode,huisnummer,huisletter,dwellings\n6411AB,1,A,1\n6411AB,1,B,1\n6411AB,3,,2\n';
      expect(readOwnStock(text, 'a.csv', 2025).addresses).toEqual([
        { postcode: '6411AB', huisnummer: 1, toevoeging: 'A' },
        { postcode: '6411AB', huisnummer: 1, toevoeging: 'B' },
        { postcode: '6411AB', huisnummer: 3, toevoeging: null },
      ]);
      const r = parseOwnStock(text, 'a.csv', 2025, TABLE);
      expect([r.layout, r.addressRows, r.rows]).toEqual([
        'address',
        3,
        [{ buurtCode: 'BU09170000', year: 2025, dwellings: 4, complexes: null, line: 2 }],
      ]);
      const twice = fail('postcode,huisnummer,dwellings\n6411AB,1,1\n6411ab,1,2\n', TABLE);
      expect([twice.code, twice.message]).toEqual([
        'CSV_DUPLICATE_ROW',
        "bezit.csv, line 3 (row 2), found 'the address 6411AB 1': the address 6411AB 1 (2025) is also on line 2",
      ]);
    });

    it('names every address that is not in the table, with its line, and stores nothing', () => {
      const e = fail(
        'complex,postcode,huisnummer,dwellings\nC1,6411AB,1,30\nC2,6411AB,99,4\nC3,9999ZZ,1,2\n',
        TABLE,
      );
      expect(e.code).toBe('AREA_UNMATCHED');
      expect(e.message).toBe(
        "bezit.csv, line 3 (row 2), column 'postcode', expected an address in the postcode table of indeling 2020, found '6411AB 99': 2 addresses are not in the postcode table of indeling 2020 (check the postcode and house number, or give the buurt_code): line 3: 6411AB 99; line 4: 9999ZZ 1",
      );
      expect(e.details).toEqual({
        unplaced: [
          { line: 3, postcode: '6411AB', huisnummer: 99, toevoeging: null },
          { line: 4, postcode: '9999ZZ', huisnummer: 1, toevoeging: null },
        ],
      });
      const noTable = fail('postcode,huisnummer,dwellings\n6411AB,1,30\n');
      expect(noTable.code).toBe('AREA_UNMATCHED');
      expect(noTable.message).toContain('veerkracht postcodes import');
    });

    it('refuses bad postcodes, house numbers and additions with the column', () => {
      const head = 'postcode,huisnummer,toevoeging,dwellings\n';
      expect(fail(`${head}641AB,1,,3\n`, TABLE).message).toBe(
        "bezit.csv, line 2 (row 1), column 'postcode', expected a postcode of four digits and two letters, e.g. 6411AB, found '641AB': not a postcode",
      );
      expect(fail(`${head}6411AB,12a,,3\n`, TABLE).code).toBe('VALUE_NOT_A_NUMBER');
      expect(fail(`${head}6411AB,12,<b>,3\n`, TABLE).code).toBe('VALUE_OUT_OF_RANGE');
      expect(fail('buurt_code,postcode,huisnummer,dwellings\n,,,3\n', TABLE).code).toBe('AREA_CODE_INVALID');
    });
  });
});
