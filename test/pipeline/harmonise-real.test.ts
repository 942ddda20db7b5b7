/**
 * Real data: Leefbaarometer 2.0 wijk scores (meting 2016, indeling 2016) carried onto the 2019
 * division, with wijk geometry for both divisions (wijkprofielen 2016 in RD; wijken 2019 derived
 * from the buurt 2019 file) and the buurt 2019 boundaries as the reference.
 */
import { describe, expect, it } from 'vitest';
import { VALUE_FLAGS } from '../../src/core/records.js';
import type { HarmoniseSummary } from '../../src/pipeline/harmonise/harmonise-store.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';

describe.skipIf(!hasRealData)('harmonisation on real boundaries (wijken 2016 → 2019)', () => {
  it('carries unchanged wijken by code and redrawn or renumbered ones by overlay', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    let summary: HarmoniseSummary | undefined;
    await importPaths(
      store,
      [
        realDataFile('cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson'),
        realDataFile('cbs-geo/wijk_2019_nl__derived-from-buurt_2019.geojson.gz'),
        realDataFile('cbs-geo/wijk_2016_nl_rd__elan-dcc-wijkprofielen.geojson.gz'),
        realDataFile('leefbaarometer/lbm2_meting2016_wijk_dimensiescores_2012_2014_2016.csv'),
      ],
      { onHarmonised: (s) => (summary = s) },
    );
    expect(summary?.reference).toBe(2019);
    expect(summary?.divisions.map((d) => d.from)).toEqual([2016]);
    expect(summary?.divisions[0]!.notes).toEqual([]);

    const carried = await store.getValues({
      divisionYear: 2019,
      indicators: ['lbm2_total_rel'],
      years: [2016],
    });
    const byCode = carried.filter((v) => !(v.flags & VALUE_FLAGS.overlay));
    const byOverlay = carried.filter((v) => v.flags & VALUE_FLAGS.overlay);
    expect(byCode.length).toBeGreaterThan(2000);
    expect(byOverlay.length).toBeGreaterThan(300);
    expect(
      byOverlay.every(
        (v) => v.flags & VALUE_FLAGS.estimated && v.method?.startsWith('overlay from indeling 2016 ('),
      ),
    ).toBe(true);

    // A wijk carried by code has exactly its 2016 value.
    const sample = byCode.find((v) => v.value !== null)!;
    const [source] = await store.getValues({
      divisionYear: 2016,
      codes: [sample.areaCode],
      indicators: ['lbm2_total_rel'],
      years: [2016],
    });
    expect(sample.value).toBe(source!.value);
    expect(sample.method).toBe('code (indeling 2016)');
  });
});

describe.skipIf(!hasRealData)(
  'harmonisation of a division without boundaries (Amsterdam KWB 2023 → 2019)',
  () => {
    it('overlays the 2023 values via the Amsterdam boundaries of indeling 2024 (same codes)', async () => {
      const store = openSqliteStore({ path: ':memory:' });
      await importPaths(store, [realDataFile('cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson')]);
      await importPaths(
        store,
        [realDataFile('cbs-geo/buurt_2022-2024_amsterdam__vl09-amsterdam.geojson.gz')],
        {
          divisionYear: 2024,
        },
      );
      let summary: HarmoniseSummary | undefined;
      await importPaths(
        store,
        [
          realDataFile(
            'cbs-kwb/kwb2023_amsterdam_selectie__tommasozf-amsterdam-green-gentrification_inkomen.csv',
          ),
          realDataFile('cbs-kwb/kwb2024_amsterdam_selectie__tommasozf-amsterdam-green-gentrification.csv'),
        ],
        { onHarmonised: (s) => (summary = s) },
      );
      expect(summary?.reference).toBe(2019);
      const of = (from: number) => summary?.divisions.find((d) => d.from === from);
      // Before: "2023 → 2019: unmatched 517". Now the same 498 buurten as the 2024 file, by overlay.
      expect(of(2023)).toMatchObject({ byCode: 0, byOverlay: 498, unmatched: 0 });
      expect(of(2024)).toMatchObject({ byCode: 0, byOverlay: 498 });
      expect(of(2023)?.notes).toEqual([
        '517 areas without boundaries of indeling 2023 overlaid via the boundaries of indeling 2024 (same codes)',
      ]);

      // BU03630000 (Kop Zeedijk, indeling 2019) lies for 93% in BU0363AE01 (12.3%) and 7% in BU0363AF02 (6.8%).
      const [low] = await store.getValues({
        divisionYear: 2019,
        codes: ['BU03630000'],
        indicators: ['low_income_households_share'],
        years: [2023],
      });
      expect(low!.value).toBeCloseTo(11.9017, 3);
      expect(low!.fromDivision).toBe(2023);
      expect(low!.flags).toBe(VALUE_FLAGS.harmonised | VALUE_FLAGS.overlay | VALUE_FLAGS.estimated);
      expect(low!.method).toBe(
        'overlay via boundaries of indeling 2024 (codes of indeling 2023 equal; BU0363AE01: 93%, BU0363AF02: 7%); area-weighted mean (no denominator known)',
      );
      // Every 2019 buurt the 2024 file reaches gets a 2023 value too — also Weesp's (GM0457 in
      // 2019, part of Amsterdam since 2022).
      const carried = (
        await store.getValues({
          divisionYear: 2019,
          indicators: ['low_income_households_share'],
          years: [2023],
        })
      ).filter((v) => v.areaCode.startsWith('BU'));
      expect(carried).toHaveLength(498);
      expect(carried.every((v) => v.fromDivision === 2023)).toBe(true);
      expect(carried.filter((v) => v.areaCode.startsWith('BU0457')).length).toBeGreaterThan(0);
      await store.close();
    }, 120_000);
  },
);
