/**
 * Acceptance of issue 9 on the real data (VEERKRACHT_REAL_DATA; skipped when unset):
 *   - a store that holds only the national 2019 buurt boundaries (codes, no names) takes the
 *     five Heerlen StatLine exports (names, no codes): the gemeente from the CBS register, its
 *     wijken and buurten by CBS code order; every value as in the source; the export of
 *     GM0917 for 2016 shows them;
 *   - a national-size Leefbaarometer file (14,574 buurten × 9 years, built from the national
 *     meting-2020 file) imports.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/pipeline/import-report.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { buildBuurtTable } from '../../src/service/export-table.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { memoryStore, tmpFile } from './source-fixtures.js';

const YEARS = [2016, 2017, 2018, 2019, 2020] as const;
const heerlen = (y: number): string =>
  `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`;
const BOUNDARIES_2019 = 'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson';
const CORPORATION = 'Wonen_Woningen_naar_eigendom_Huurwoningen_In_bezit_woningcorporatie';

/** year → name → code, from the derived list in ../shared/data (used as a check only). */
function derivedCodes(): Map<number, Map<string, string>> {
  const rows = parse(
    readFileSync(realDataFile('cbs-kwb/kwb2016-2020_heerlen_naam_naar_code__afgeleid.csv'), 'utf8'),
    {
      columns: true,
    },
  ) as { jaar: string; regio_naam: string; code: string }[];
  const out = new Map<number, Map<string, string>>();
  for (const r of rows)
    out.set(Number(r.jaar), (out.get(Number(r.jaar)) ?? new Map()).set(r.regio_naam, r.code));
  return out;
}

function source(year: number): Record<string, string>[] {
  return (
    parse(readFileSync(realDataFile(heerlen(year)), 'utf8'), {
      columns: (h: string[]) => h.map((c) => c.replace(/\uFEFF/g, '').trim()),
    }) as Record<string, string>[]
  ).filter((r) => !/^Bron/.test(r['Wijk_Buurt'] ?? ''));
}

describe.skipIf(!hasRealData)('only the 2019 boundaries and the five Heerlen StatLine exports', () => {
  let store: SqliteStore;
  let reports: ImportReport[];

  beforeAll(async () => {
    store = memoryStore();
    reports = await importPaths(store, [
      realDataFile(BOUNDARIES_2019),
      ...YEARS.map((y) => realDataFile(heerlen(y))),
    ]);
  }, 300_000);

  it('finds Heerlen in the register, matches the first export by CBS code order and the others by the names it brought', () => {
    const exports = reports.filter((r) => r.layout === 'kwb-statline-csv-names');
    expect(exports.map((r) => [r.edition, r.areas.total, r.unmatched.length])).toEqual(
      YEARS.map((y) => [expect.stringContaining(`CBS KWB ${y}`), 81, 0]),
    );
    expect(exports[0]!.warnings['AREA_MATCHED_BY_ORDER']?.examples[0]).toMatch(
      /Heerlen \(GM0917\): its 80 wijk and buurt rows were matched by their place in CBS code order to the codes of indeling 2019/,
    );
    for (const r of exports.slice(1)) expect(r.warnings['AREA_MATCHED_BY_ORDER']).toBeUndefined();
  });

  it('stores every corporation share as in the source, on the codes the derived list gives', async () => {
    const derived = derivedCodes();
    for (const year of YEARS) {
      const codes = new Map(derived.get(year)!);
      // the 2016 export names wijk 42 "Wijk 41 De Beitel": by CBS code order it is WK091742 (the derived list follows the number)
      if (year === 2016) codes.set('Wijk 41 De Beitel', 'WK091742');
      const values = await store.getValues({ divisionYear: year, indicators: ['corporation_share'] });
      const byCode = new Map(values.map((v) => [v.areaCode, v.value]));
      const rows = source(year);
      if (rows.every((r) => r[CORPORATION]!.trim() === '')) {
        expect(values, `${year}: not published, not stored`).toEqual([]);
        continue;
      }
      for (const row of rows) {
        const want =
          row[CORPORATION]!.trim() === '' || row[CORPORATION]!.trim() === '.'
            ? null
            : Number(row[CORPORATION]);
        expect(byCode.get(codes.get(row['Wijk_Buurt']!)!), `${year} ${row['Wijk_Buurt']}`).toBe(want);
      }
      expect(byCode.size).toBe(81);
    }
  });

  it('keeps the names of the exports ("Versiliënbosch")', async () => {
    const [area] = await store.listAreas({ codes: ['BU09172003'], divisionYear: 2016 });
    expect(area!.name).toBe('Versiliënbosch');
  });

  it('exports GM0917 for 2016 with the values of the 2016 export for all 57 buurten', async () => {
    const table = await buildBuurtTable(store, { gemeente: 'GM0917', year: 2016 });
    expect(table.rows).toHaveLength(57);
    const centrum = table.rows.find((r) => r.code === 'BU09173300')!;
    const src = source(2016).find((r) => r['Wijk_Buurt'] === 'Heerlen-Centrum')!;
    expect(centrum.values['corporation_share']).toBe(Number(src[CORPORATION]));
    expect(centrum.values['inhabitants']).toBe(Number(src['Bevolking_Aantal_inwoners']));
    expect(table.indicators).toEqual(
      expect.arrayContaining(['corporation_share', 'inhabitants', 'social_assistance_persons']),
    );
  });
});

describe.skipIf(!hasRealData)('a national-size Leefbaarometer file', () => {
  it('imports 14,574 buurten × 9 years built from the national meting-2020 file', async () => {
    const text = gunzipSync(
      readFileSync(
        realDataFile(
          'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
        ),
      ),
    ).toString('utf8');
    const [header, ...lines] = text.trimEnd().split('\n');
    const byBuurt = new Map<string, string[]>();
    for (const l of lines) {
      const code = l.slice(0, l.indexOf(','));
      byBuurt.set(code, [...(byBuurt.get(code) ?? []), l]);
    }
    const codes = [...byBuurt.keys()];
    expect(codes).toHaveLength(13_326);
    const out = [header!];
    for (let b = 0; b < 14_574; b++) {
      const from = codes[b % codes.length]!;
      // buurten past the real 13,326 get invented codes in GM0999 (wijk numbers in letters)
      const code =
        b < codes.length
          ? from
          : `BU0999${Math.floor(b / 100)
              .toString(36)
              .toUpperCase()
              .padStart(2, '0')}${String(b % 100).padStart(2, '0')}`;
      const rows = byBuurt.get(from)!.map((l) => code + l.slice(from.length));
      // the real years, and the others (2022, 2024 as a meting-2024 file has them) from the latest row
      const years = new Map(rows.map((l) => [l.split(',')[2]!, l]));
      const latest = rows[rows.length - 1]!;
      for (const y of ['2002', '2008', '2012', '2014', '2016', '2018', '2020', '2022', '2024']) {
        const parts = latest.split(',');
        parts[2] = y;
        out.push(years.get(y) ?? parts.join(','));
      }
    }
    expect(out).toHaveLength(131_167);
    const store = memoryStore();
    const [report] = await importPaths(store, [tmpFile('lbm3_meting2024_nl.csv', out.join('\n'))], {
      harmonise: false,
    });
    expect(report!.edition).toBe('Leefbaarometer 3.0 meting 2024');
    expect(report!.areas.byLevel).toEqual({ buurt: 14_574 });
    const total = report!.valuesPerIndicator['lbm_total']!;
    expect(total.values + total.missing).toBe(131_166);
    expect(total.years).toEqual([2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022, 2024]);
  }, 180_000);
});
