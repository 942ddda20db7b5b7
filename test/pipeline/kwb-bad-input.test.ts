/**
 * Bad input for the KWB layouts: each refused with a coded error naming file, line and column
 * (or, where skipping is the documented behaviour, a counted warning), and the store exactly
 * as it was before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/kwb');

function tmpFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vk-kwb-bad-')), name);
  writeFileSync(path, content);
  return path;
}

const HEADER =
  'Wijk_Buurt,Bevolking_Aantal_inwoners,Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie,Sociale_zekerheid_Personen_per_soort_uitkering_Bijstand';

describe('KWB bad input leaves the store as it was', () => {
  let store: SqliteStore;
  let before: { values: unknown; imports: unknown };

  beforeEach(async () => {
    store = openSqliteStore({ path: ':memory:' });
    // codes and names for Heerlen (GM0917, WK091710, BU09171000, BU09171001)
    await importPaths(store, [join(FIXTURES, 'kwb2019_mnemonic.csv')]);
    before = { values: await store.getValues({}), imports: await store.listImports() };
  });

  async function refused(path: string, options: { year?: number; source?: 'kwb' } = {}): Promise<AppError> {
    const e = (await importPaths(store, [path], options).catch((x: unknown) => x)) as AppError;
    expect(await store.getValues({})).toEqual(before.values);
    expect(await store.listImports()).toEqual(before.imports);
    return e;
  }

  it('text in a number column: VALUE_NOT_A_NUMBER naming file, line and column', async () => {
    const path = tmpFile(
      'kwb2019_heerlen.csv',
      `${HEADER}\nHeerlen,86762,37,4950\n"Wijk 10 Maria Gewanden en Terschuren",4045,36,195\nMaria Gewanden,3585,achtendertig,185\n`,
    );
    const e = await refused(path);
    expect(e.code).toBe('VALUE_NOT_A_NUMBER');
    expect(e.location).toMatchObject({
      file: 'kwb2019_heerlen.csv',
      line: 4,
      column: 'Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie',
      found: 'achtendertig',
    });
    expect(e.message).toContain(
      "kwb2019_heerlen.csv, line 4 (row 3), column 'Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie'",
    );
  });

  it('wrong delimiter: a `;` header with `,` rows is CSV_WRONG_DELIMITER at line 2', async () => {
    const path = tmpFile('kwb2019_codes.csv', 'gwb_code_10;regio;a_inw;p_wcorpw\nGM0917,Heerlen,86762,37\n');
    const e = await refused(path);
    expect(e.code).toBe('CSV_WRONG_DELIMITER');
    expect(e.location).toMatchObject({ file: 'kwb2019_codes.csv', line: 2 });
  });

  it('unknown columns: a KWB-named CSV with no known column is CSV_NO_KNOWN_COLUMNS', async () => {
    const path = tmpFile('kwb2019_other.csv', 'gebied,score,opmerking\nHeerlen,7,goed\n');
    const e = await refused(path);
    expect(e.code).toBe('CSV_NO_KNOWN_COLUMNS');
    expect(e.location).toMatchObject({ file: 'kwb2019_other.csv', line: 1 });
  });

  it('duplicate area rows: CSV_DUPLICATE_ROW naming both lines', async () => {
    const path = tmpFile(
      'kwb2019_dup.csv',
      'gwb_code_10;regio;a_inw;p_wcorpw\nBU09171000;Maria Gewanden;3585;38\nBU09171001;Terschuren;460;.\nBU09171000;Maria Gewanden;3585;38\n',
    );
    const e = await refused(path);
    expect(e.code).toBe('CSV_DUPLICATE_ROW');
    expect(e.message).toContain('BU09171000 occurs twice (lines 2 and 4)');
  });

  it('duplicate rows by name (two rows matching one area) are refused too', async () => {
    const path = tmpFile(
      'kwb2019_heerlen.csv',
      `${HEADER}\nHeerlen,86762,37,4950\nMaria Gewanden,3585,38,185\nMARIA-GEWANDEN,3585,38,185\n`,
    );
    expect((await refused(path)).code).toBe('CSV_DUPLICATE_ROW');
  });

  it('an unknown area code: AREA_CODE_INVALID naming the line', async () => {
    const path = tmpFile('kwb2019_codes.csv', 'gwb_code_10;regio;a_inw\nBU0917100;Maria Gewanden;3585\n');
    const e = await refused(path);
    expect(e.code).toBe('AREA_CODE_INVALID');
    expect(e.location).toMatchObject({ line: 2, column: 'gwb_code_10', found: 'BU0917100' });
  });

  it('no year in the file, its name or --year: YEAR_UNKNOWN', async () => {
    const e = await refused(tmpFile('heerlen_export.csv', `${HEADER}\nHeerlen,86762,37,4950\n`));
    expect(e.code).toBe('YEAR_UNKNOWN');
    expect(e.message).toContain('--year');
  });

  it('names only, for a gemeente whose wijken and buurten the store does not know: AREA_UNMATCHED saying what to import first', async () => {
    const e = await refused(
      tmpFile('kwb2019_kerkrade.csv', `${HEADER}\nKerkrade,45000,40,2000\nBleijerheide,5000,50,300\n`),
    );
    expect(e.code).toBe('AREA_UNMATCHED');
    expect(e.message).toMatch(
      /no wijk or buurt of Kerkrade \(GM0928\) is known to match these names against: import first a source that carries the codes/,
    );
  });

  it('names only, for a name that is no gemeente: AREA_UNMATCHED naming the first row', async () => {
    const e = await refused(
      tmpFile('kwb2019_x.csv', `${HEADER}\nAtlantis,45000,40,2000\nBleijerheide,5000,50,300\n`),
    );
    expect(e.code).toBe('AREA_UNMATCHED');
    expect(e.location).toMatchObject({ file: 'kwb2019_x.csv', line: 2, row: 1, found: 'Atlantis' });
    expect(e.message).toMatch(/'Atlantis' is no CBS gemeente of 2019/);
  });

  it("names only, for a gemeente that no longer existed in the file's year: AREA_UNMATCHED naming the herindeling", async () => {
    const e = await refused(
      tmpFile('kwb2019_haren.csv', `${HEADER}\nHaren,20000,20,200\nGlimmen,5000,10,30\n`),
    );
    expect(e.code).toBe('AREA_UNMATCHED');
    expect(e.message).toMatch(
      /Haren \(GM0017\) was not a gemeente in 2019: on 1 January 2019 it went into Groningen \(GM0014\)/,
    );
  });
});

describe('KWB StatLine export by name: unmatched rows and footers', () => {
  it('skips a row that matches no known area with a counted AREA_UNMATCHED warning, and the Bron footer silently', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    await importPaths(store, [join(FIXTURES, 'kwb2019_mnemonic.csv')]);
    const path = tmpFile(
      'kwb2018_heerlen.csv',
      `${HEADER}\nHeerlen,86832,37,4990\n"Wijk 10 Maria Gewanden en Terschuren",4040,36,200\nMaria Gewanden,3580,38,190\nTerschuren,460,.,\nOnbekende buurt,10,1,1\n"Bron: CBS",,,\n`,
    );
    const [report] = await importPaths(store, [path]);
    expect(report!.warnings['AREA_UNMATCHED']).toEqual({
      count: 1,
      examples: ["row 5: 'Onbekende buurt' (line 6) matches no known area of GM0917; row skipped"],
    });
    expect(report!.unmatched).toHaveLength(1);
    expect(report!.areas.total).toBe(4);
    const values = await store.getValues({ years: [2018], indicators: ['corporation_share'] });
    expect(values.map((v) => [v.areaCode, v.value, v.flags]).sort()).toEqual([
      ['BU09171000', 38, 0],
      ['BU09171001', null, 1],
      ['GM0917', 37, 0],
      ['WK091710', 36, 0],
    ]);
  });
});
