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
