/** Real data: the national buurt 2019 TopoJSON (13,594 buurten, WGS84, `statcode` only). */
import { describe, expect, it } from 'vitest';
import { rdPoint } from '../../src/core/coordinates.js';
import { geometryCentroid } from '../../src/pipeline/geo/polygon-measure.js';
import { findGeometryProblems } from '../../src/pipeline/geo/polygon-validity.js';
import { rdToLngLat } from '../../src/pipeline/geo/rd-projection.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { hasRealData, realDataFile } from '../real-data.js';

describe.skipIf(!hasRealData)('boundaries 2019 (real data)', () => {
  it('imports 13,594 buurten, all valid after repair, each with display geometry', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const [report] = await importPaths(store, [
      realDataFile('cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson'),
    ]);
    expect(report).toMatchObject({ divisionYear: 2019, geometries: 13_594 });
    expect(report!.areas.byLevel).toEqual({ buurt: 13_594, wijk: 3_164, gemeente: 355 });
    // The README counts 21 polygons invalid after quantisation: each is repaired, none is dropped.
    expect(report!.warnings['GEOMETRY_REPAIRED']?.count).toBe(21);
    expect(report!.warnings['GEOMETRY_EMPTY']).toBeUndefined();

    const geoms = await store.getGeometries({ divisionYear: 2019 });
    expect(geoms).toHaveLength(13_594);
    const invalid = geoms.filter((g) => findGeometryProblems(g.rd, 1).length > 0).map((g) => g.code);
    expect(invalid).toEqual([]);
    expect(geoms.filter((g) => g.display === null)).toEqual([]);
    expect(geoms.every((g) => g.areaM2 > 0)).toBe(true);

    // Maria Gewanden (Hoensbroek, Heerlen): in the north of Heerlen, ≈ 50.92 N, 5.91 E.
    const heerlen = geoms.find((g) => g.code === 'BU09171000')!;
    const [x, y] = geometryCentroid(heerlen.rd);
    const [lng, lat] = rdToLngLat(rdPoint(x, y));
    expect(lat).toBeGreaterThan(50.88);
    expect(lat).toBeLessThan(50.95);
    expect(lng).toBeGreaterThan(5.88);
    expect(lng).toBeLessThan(6.0);
    // The RD geometry lies in Zuid-Limburg (RD x ≈ 190–200 km, y ≈ 320–330 km).
    expect(x).toBeGreaterThan(185_000);
    expect(x).toBeLessThan(205_000);
    expect(y).toBeGreaterThan(315_000);
    expect(y).toBeLessThan(335_000);
  });
});
