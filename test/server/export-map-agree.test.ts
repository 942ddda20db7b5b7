/**
 * `veerkracht export` (export-table.ts) and the maps say the same kind of missing for the same
 * buurt, indicator and year: one rule (missingKind, gemeenteSourceKind). On a synthetic store
 * (division 2020) with the cases where the export kept a rule of its own: Weesp (GM0457, merged
 * into Amsterdam later) without any value — the loaded files of Amsterdam hold its indicators, so
 * "Buurt niet in de bron", where the export said "Bron niet geladen"; Heerlen (GM0917) whose KWB
 * of 2020 lacks the corporation share — the KWB file covers the gemeente without the indicator,
 * "Niet gepubliceerd in deze editie", where the export said "Buurt niet in de bron"; Kerkrade
 * (GM0928) without KWB (not loaded), and one buurt of Amsterdam without its Leefbaarometer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapResponseSchema } from '../../src/api/schemas.js';
import { createApp } from '../../src/server/app.js';
import { buildBuurtTable } from '../../src/service/export-table.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { deleteValues, recordValuesDivision, syntheticStore } from './synthetic-store.js';

const AMSTERDAM = 'GM0363';
const WEESP = 'GM0457';
const HEERLEN = 'GM0917';
const KERKRADE = 'GM0928';
/** Stored indicators with a map of their own (a layer), in years with and without their source. */
const CASES = [
  ['corporation_share', 2020],
  ['inhabitants', 2018],
  ['low_income_households_share', 2020],
  ['lbm_total', 2020],
  ['lbm_onv', 2018],
  ['rivm_high_risk_anxiety_depression', 2016],
] as const;

describe('an export and the map of the same buurt, indicator and year say the same kind of missing', () => {
  let store: SqliteStore;
  const app = () => createApp(store, { webRoot: '/nonexistent', checkIntervalMs: 0 });

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 4,
      buurtenPerGemeente: 5,
      gemeenteCodes: [AMSTERDAM, WEESP, HEERLEN, KERKRADE],
    });
    deleteValues(store, 'BU0457%');
    deleteValues(store, 'BU0917%', `indicator = 'corporation_share'`);
    deleteValues(store, 'BU0928%', `indicator NOT LIKE 'lbm_%' AND indicator NOT LIKE 'rivm_%'`);
    deleteValues(store, 'BU03630001', `indicator LIKE 'lbm_%'`);
    // the values stand for files on division 2024, after the herindelingen, carried onto 2020
    recordValuesDivision(store, 2024);
  });
  afterAll(() => store.close());

  /** Per buurt the map's kind of missing (null: a value). */
  const mapKinds = async (indicator: string, year: number, area: string) => {
    const res = await app().request(`/api/maps?map=${indicator}&year=${year}&area=${area}`);
    expect(res.status, `${indicator} ${year} ${area}`).toBe(200);
    const m = MapResponseSchema.parse(await res.json());
    return Object.fromEntries(m.features.map((f) => [f.properties.code, f.properties.missing ?? null]));
  };
  /** Per buurt the export's kind of missing of the indicator (null: a value). */
  const exportKinds = async (indicator: string, year: number, gemeente: string) => {
    const table = await buildBuurtTable(store, { gemeente, year, indicators: [indicator] });
    return Object.fromEntries(table.rows.map((r) => [r.code, r.missing[indicator] ?? null]));
  };

  it('for every buurt of four gemeenten, six indicators', async () => {
    for (const gemeente of [AMSTERDAM, WEESP, HEERLEN, KERKRADE])
      for (const [indicator, year] of CASES)
        expect(await exportKinds(indicator, year, gemeente), `${gemeente} ${indicator} ${year}`).toEqual(
          await mapKinds(indicator, year, gemeente),
        );
  });

  it('the cases the export decided by a rule of its own', async () => {
    expect(new Set(Object.values(await exportKinds('corporation_share', 2020, WEESP)))).toEqual(
      new Set(['not-in-source']),
    );
    expect(new Set(Object.values(await exportKinds('corporation_share', 2020, HEERLEN)))).toEqual(
      new Set(['not-published']),
    );
    expect(new Set(Object.values(await exportKinds('corporation_share', 2020, KERKRADE)))).toEqual(
      new Set(['not-loaded']),
    );
    expect((await exportKinds('lbm_total', 2020, AMSTERDAM))['BU03630001']).toBe('not-in-source');
  });
});
