/**
 * Bad input for the Leefbaarometer, RIVM and police layouts: each is refused with a stable code,
 * a location naming file, line/row and column, and the store exactly as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { fixture, memoryStore, tmpFile } from './source-fixtures.js';

const LBM_HEADER = 'bu_code,versie,jaar,bu_naam,lbm,afw,fys,onv,soc,vrz,won';
const LBM_ROW =
  'BU09173300,Leefbaarometer 3.0,2020,Heerlen-Centrum,4.035,-0.067,-0.0006,-0.175,-0.047,0.176,-0.02';

/** Imports a good file, then the bad one; asserts the error and that the store did not change. */
async function expectRefused(path: string, code: ErrorCode): Promise<AppError> {
  const store = memoryStore();
  await importPaths(store, [fixture('leefbaarometer/lbm3-meting2024-buurt-quoted.csv')]);
  const valuesBefore = await store.getValues({});
  const importsBefore = await store.listImports();
  const error = await importPaths(store, [path]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect(await store.getValues({})).toEqual(valuesBefore);
  expect(await store.listImports()).toEqual(importsBefore);
  return error as AppError;
}

describe('refusing bad Leefbaarometer, RIVM and police files', () => {
  it('a truncated CSV (last row cut off): CSV_TRUNCATED with file, line and the first missing column', async () => {
    const path = tmpFile(
      'lbm3_cut.csv',
      `${LBM_HEADER}\n${LBM_ROW}\nBU09173301,Leefbaarometer 3.0,2020,Pancr`,
    );
    const e = await expectRefused(path, 'CSV_TRUNCATED');
    expect(e.location).toMatchObject({ file: 'lbm3_cut.csv', line: 3, row: 2, column: 'lbm' });
  });

  it('rows with another delimiter than the header: CSV_WRONG_DELIMITER', async () => {
    const path = tmpFile('lbm3_semicolon.csv', `${LBM_HEADER}\n${LBM_ROW.replace(/,/g, ';')}\n`);
    const e = await expectRefused(path, 'CSV_WRONG_DELIMITER');
    expect(e.location).toMatchObject({ file: 'lbm3_semicolon.csv', line: 2, row: 1, column: 'bu_code' });
    expect(e.message).toMatch(/separated by ',' but this row by ';'/);
  });

  it('text in a number column: VALUE_NOT_A_NUMBER naming the cell', async () => {
    const csv = readFileSync(fixture('rivm/50090NED_untyped.csv'), 'utf8').replace('"    53.0"', '"hoog"');
    const e = await expectRefused(tmpFile('50090NED_bad.csv', csv), 'VALUE_NOT_A_NUMBER');
    expect(e.location).toMatchObject({
      file: '50090NED_bad.csv',
      line: 3,
      row: 2,
      column: 'Eenzaam_28',
      found: 'hoog',
    });
  });

  it('the same buurt and year twice: CSV_DUPLICATE_ROW naming the second row', async () => {
    const e = await expectRefused(
      tmpFile('lbm3_dup.csv', `${LBM_HEADER}\n${LBM_ROW}\n${LBM_ROW}\n`),
      'CSV_DUPLICATE_ROW',
    );
    expect(e.location).toMatchObject({ file: 'lbm3_dup.csv', line: 3, row: 2, column: 'bu_code' });
    expect(e.message).toMatch(/first on line 2/);
  });

  it('an invalid area code: AREA_CODE_INVALID with the row (CSV and OData JSON)', async () => {
    const police = readFileSync(fixture('politie/misdrijven_per_buurt.csv'), 'utf8').replace(
      'BU09173301',
      'BU0917-33',
    );
    const e = await expectRefused(tmpFile('misdrijven_bad.csv', police), 'AREA_CODE_INVALID');
    expect(e.location).toMatchObject({
      file: 'misdrijven_bad.csv',
      line: 5,
      row: 4,
      column: 'code',
      found: 'BU0917-33',
    });
    const lbm = await expectRefused(
      tmpFile('lbm3_gm.csv', `${LBM_HEADER}\n${LBM_ROW.replace('BU09173300', 'GM0917')}\n`),
      'AREA_CODE_INVALID',
    );
    expect(lbm.location).toMatchObject({ row: 1, column: 'bu_code', expected: 'a BUggggwwbb code' });
    const json = readFileSync(fixture('politie/47022NED_TypedDataSet_page.json'), 'utf8').replace(
      '"BU09173301"',
      '"Pancratius"',
    );
    const j = await expectRefused(tmpFile('47022NED_bad.json', json), 'AREA_CODE_INVALID');
    expect(j.location).toMatchObject({
      file: '47022NED_bad.json',
      column: 'WijkenEnBuurten',
      found: 'Pancratius',
    });
    expect(j.location?.row).toBeGreaterThan(1);
  });

  it('a truncated OData JSON download: JSON_MALFORMED naming the file', async () => {
    const json = readFileSync(fixture('rivm/50090NED_combined.json'), 'utf8');
    const e = await expectRefused(tmpFile('50090NED.json', json.slice(0, json.length / 2)), 'JSON_MALFORMED');
    expect(e.location?.file).toBe('50090NED.json');
  });

  it('a file of the wrong kind (a PNG, a random CSV): UNKNOWN_FILE_KIND', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const e = await expectRefused(tmpFile('kaart.png', png), 'UNKNOWN_FILE_KIND');
    expect(e.location).toMatchObject({ file: 'kaart.png', line: 1 });
    await expectRefused(
      tmpFile('boodschappen.csv', 'product,aantal,prijs\nkaas,1,4.50\n'),
      'UNKNOWN_FILE_KIND',
    );
  });

  it('unknown columns (a buurt CSV without the lbm score) are not taken for Leefbaarometer: UNKNOWN_FILE_KIND', async () => {
    const e = await expectRefused(
      tmpFile('lbm3_nolbm.csv', 'bu_code,jaar,lbm_x\nBU09173300,2020,4\n'),
      'UNKNOWN_FILE_KIND',
    );
    expect(e.location).toMatchObject({ file: 'lbm3_nolbm.csv', line: 1 });
  });
});
