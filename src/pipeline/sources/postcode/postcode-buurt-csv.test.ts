import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app-error.js';
import { matchPostcodeHeader, parsePostcodeHeader, parsePostcodeRow } from './postcode-buurt-csv.js';

const HEADER = parsePostcodeHeader('PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024', 'pc.csv');

const fail = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('matchPostcodeHeader(line)', () => {
  it('reads the division from the official header, also quoted, with a BOM or re-saved with commas', () => {
    expect(matchPostcodeHeader('PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024')).toEqual({
      delimiter: ';',
      divisionYear: 2024,
      columns: ['PC6', 'Huisnummer', 'Buurt2024', 'Wijk2024', 'Gemeente2024'],
    });
    expect(
      matchPostcodeHeader('\uFEFF"PC6";"Huisnummer";"Buurtcode2019";"Wijkcode2019";"Gemeentecode2019"')
        ?.divisionYear,
    ).toBe(2019);
    expect(matchPostcodeHeader('pc6,huisnummer,buurt2022,wijk2022,gemeente2022')?.delimiter).toBe(',');
  });

  it('is undefined for other files and for headers whose years differ', () => {
    expect(matchPostcodeHeader('PC6;Huisnummer;Buurt2024;Wijk2023;Gemeente2024')).toBeUndefined();
    expect(matchPostcodeHeader('postcode,huisnummer,dwellings')).toBeUndefined();
    expect(matchPostcodeHeader('code,year,indicator,value')).toBeUndefined();
    const e = fail(() => parsePostcodeHeader('PC6;Huisnummer;Buurt2024', 'x.csv'));
    expect(e.code).toBe('CSV_NO_KNOWN_COLUMNS');
    expect(e.message).toBe(
      'x.csv, line 1, expected PC6;Huisnummer;Buurt<jaar>;Wijk<jaar>;Gemeente<jaar>, found \'PC6;Huisnummer;Buurt2024\': not the CBS table "Buurt, wijk en gemeente voor postcode huisnummer"',
    );
  });
});

describe('parsePostcodeRow(text, header, file, line)', () => {
  it('adds the BU prefix and keeps letters in Amsterdam codes', () => {
    expect(parsePostcodeRow('6411AB;12;09170001;091700;0917', HEADER, 'pc.csv', 2)).toEqual({
      postcode: '6411AB',
      huisnummer: 12,
      buurtCode: 'BU09170001',
      padded: false,
    });
    expect(parsePostcodeRow('1011AB;99;0363AF01;0363AF;0363', HEADER, 'pc.csv', 3).buurtCode).toBe(
      'BU0363AF01',
    );
  });

  it('restores leading zeros a spreadsheet dropped, and says so', () => {
    expect(parsePostcodeRow('9711 aa;1;140000;1400;14', HEADER, 'pc.csv', 2)).toEqual({
      postcode: '9711AA',
      huisnummer: 1,
      buurtCode: 'BU00140000',
      padded: true,
    });
  });

  it('names the file, line, row, column, what was expected and what was found', () => {
    const cases: [string, string, string][] = [
      [
        '641AB;1;09170001;091700;0917',
        'AREA_CODE_INVALID',
        "pc.csv, line 7 (row 6), column 'PC6', expected a postcode of four digits and two letters, e.g. 6411AB, found '641AB': not a postcode",
      ],
      [
        '6411AB;1a;09170001;091700;0917',
        'VALUE_NOT_A_NUMBER',
        "pc.csv, line 7 (row 6), column 'Huisnummer', expected a house number 1–99999, found '1a': not a house number",
      ],
      [
        '6411AB;1;0917000X1;091700;0917',
        'AREA_CODE_INVALID',
        "pc.csv, line 7 (row 6), column 'Buurt2024', expected a CBS buurt code of 8 characters without BU, e.g. 09170001, found '0917000X1': not a buurt code",
      ],
      [
        '6411AB;1;09170001;092800;0917',
        'AREA_CODE_INVALID',
        "pc.csv, line 7 (row 6), column 'Wijk2024', expected a wijk code beginning with 0917, found '092800': wijk 092800 is not in gemeente 0917",
      ],
      [
        '6411AB;1;09280001;091700;0917',
        'AREA_CODE_INVALID',
        "pc.csv, line 7 (row 6), column 'Buurt2024', expected a buurt code beginning with 091700, found '09280001': buurt 09280001 is not in wijk 091700",
      ],
      [
        '6411AB;1;09170001;091700',
        'CSV_MALFORMED',
        "pc.csv, line 7 (row 6), expected 5 cells separated by ';', found '6411AB;1;09170001;091700': the row has 4 cells, the header 5",
      ],
    ];
    for (const [row, code, message] of cases) {
      const e = fail(() => parsePostcodeRow(row, HEADER, 'pc.csv', 7));
      expect([e.code, e.message], row).toEqual([code, message]);
    }
  });
});
