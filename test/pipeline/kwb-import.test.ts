import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/kwb');

describe('importing KWB folders', () => {
  it('reads an OData folder (TypedDataSet + DataProperties) as one file, idempotently', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const first = await importPaths(store, [join(FIXTURES, 'odata')]);
    expect(first.map((r) => [r.file, r.layout, r.edition])).toEqual([
      ['84286NED_TypedDataSet.json', 'kwb-odata-json', 'CBS KWB 2018 (84286NED)'],
    ]);
    const count = (await store.getValues({})).length;
    expect(count).toBe(4 * 15); // 4 areas (NL00 skipped) × 15 mapped columns
    const again = await importPaths(store, [join(FIXTURES, 'odata')]);
    expect(again[0]!.alreadyImported).toBe(true);
    expect(await store.getValues({})).toHaveLength(count);
    const [v] = await store.getValues({ codes: ['BU09171000'], indicators: ['corporation_share'] });
    expect(v).toMatchObject({
      value: 38,
      year: 2018,
      divisionYear: 2018,
      edition: 'CBS KWB 2018 (84286NED)',
      table: '84286NED',
      sourceColumn: 'InBezitWoningcorporatie_42',
    });
  });

  it('imports coded files before name-only files in one command, so names are known in time', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const reports = await importPaths(store, [
      join(FIXTURES, 'kwb2024_combined_85984NED.json'),
      join(FIXTURES, 'kwb2019_mnemonic.csv'),
    ]);
    expect(reports.map((r) => r.layout)).toEqual(['kwb-odata-json', 'kwb-mnemonic-csv']);
    expect(await store.findGemeenteByName('Sittard-Geleen')).toEqual(['GM1883']);
    expect((await store.listAreaNames('GM0917')).map((n) => n.code)).toEqual([
      'BU09171000',
      'BU09171001',
      'GM0917',
      'WK091710',
    ]);
  });
});
