/**
 * The Heerlen maps on the real open data (VEERKRACHT_REAL_DATA) are the same on SQLite and on
 * PostgreSQL: the same files imported into both stores (real parsers, harmonisation onto the
 * reference division), then GET /api/maps for GM0917 — all nine maps, their default year or
 * period — answered from each store: the same buurten in the same class, the same legend, and the
 * same values (to 1e-9: the bulk read's order differs, so sums may round differently).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapResponseSchema, type MapResponse } from '../../src/api/schemas.js';
import { NINE_MAPS } from '../../src/domain/maps/map-definitions.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { createApp } from '../../src/server/app.js';
import { openPgStore } from '../../src/storage/postgres/pg-store.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { hasRealData, realDataFile } from '../real-data.js';
import { hasPostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';

const FILES = [
  'cbs-geo/buurt_2019_nl__emielsanders-PowerBI.topojson',
  'leefbaarometer/lbm3_meting2020_buurt_2002-2020_nl__KacperJanczyk220646-GreenScape.csv.gz',
  'rivm-gezondheidsmonitor/rivm_gezondheidsmonitor_50090NED_2012_2016_2020.csv.gz',
  'politie/misdrijven_per_buurt_2021_2025_nl__woonikveilig.csv.gz',
  'cbs-kwb/kwb2024_subset_nl_gwb__woonikveilig.csv.gz',
  ...[2016, 2017, 2018, 2019, 2020].map(
    (y) => `cbs-kwb/kwb${y}_heerlen_statline__trik-flip-Dashboard-Heerlen-UrbanData.csv`,
  ),
];

async function heerlenMaps(store: Store): Promise<Map<string, MapResponse>> {
  const app = createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });
  const maps = new Map<string, MapResponse>();
  for (const spec of NINE_MAPS) {
    const res = await app.request(`/api/maps?area=GM0917&map=${spec.id}`);
    expect(res.status, spec.id).toBe(200);
    maps.set(spec.id, MapResponseSchema.parse(await res.json()));
  }
  return maps;
}

describe.skipIf(!hasRealData || !hasPostgres)('Heerlen real-data maps on SQLite and PostgreSQL', () => {
  let server: PostgresServer;
  let sqlite: Map<string, MapResponse>;
  let postgres: Map<string, MapResponse>;

  beforeAll(async () => {
    const files = FILES.map(realDataFile);
    server = await startPostgres();
    const pgStore = await openPgStore({ url: await server.createDatabase('heerlen') });
    const liteStore = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'vk-heerlen-')), 'store.db') });
    try {
      await importPaths(liteStore, files);
      await importPaths(pgStore, files);
      sqlite = await heerlenMaps(liteStore);
      postgres = await heerlenMaps(pgStore);
    } finally {
      await liteStore.close();
      await pgStore.close();
    }
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('draws all nine maps on the same reference division with Heerlen’s buurten', () => {
    expect([...sqlite.keys()]).toEqual(NINE_MAPS.map((m) => m.id));
    for (const [id, lite] of sqlite) {
      expect(lite.features.length, id).toBeGreaterThanOrEqual(50);
      expect(postgres.get(id)!.features.length, id).toBe(lite.features.length);
    }
    const classified = sqlite
      .get('veerkracht-absoluut')!
      .features.filter((f) => f.properties.classIndex !== null);
    expect(classified.length).toBeGreaterThanOrEqual(40);
  });

  it.each(NINE_MAPS.map((m) => m.id))('%s: every buurt in the same class, with the same value', (id) => {
    const lite = sqlite.get(id)!;
    const pg = postgres.get(id)!;
    const classes = (m: MapResponse) =>
      m.features.map((f) => [
        f.properties.code,
        f.properties.classId,
        f.properties.label,
        f.properties.missing ?? null,
      ]);
    expect(classes(pg)).toEqual(classes(lite));
    expect(pg.legend).toEqual(lite.legend);
    const byCode = new Map(pg.features.map((f) => [f.properties.code, f.properties]));
    for (const f of lite.features) {
      const other = byCode.get(f.properties.code)!;
      if (f.properties.value === null) expect(other.value, f.properties.code).toBeNull();
      else expect(other.value, f.properties.code).toBeCloseTo(f.properties.value, 9);
      expect(other.flags, f.properties.code).toEqual(f.properties.flags);
      expect(other.inhabitants, f.properties.code).toBe(f.properties.inhabitants);
    }
  });
});
