/**
 * EngineState: loading the state of a data version reads the store's harmonisation log once, for
 * both what it keeps (the maps' harmonisation metadata) and the files it has on a division that
 * harmonisation could not carry over (their buurten say "Buurt niet in de bron"). On a synthetic
 * store (division 2020, GM0917 and GM0928) with a KWB file of GM0928 on division 2021.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineState } from '../../src/service/engine-state.js';
import type { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/store.js';
import { syntheticStore, writeUncarriedKwb } from './synthetic-store.js';

describe('EngineState.get(): the harmonisation log of a load', () => {
  let store: SqliteStore;

  beforeAll(async () => {
    store = await syntheticStore({
      gemeenten: 2,
      buurtenPerGemeente: 4,
      gemeenteCodes: ['GM0917', 'GM0928'],
    });
    await writeUncarriedKwb(store, {
      file: 'kwb-2021-division',
      edition: 'KWB 2020 (indeling 2021)',
      gemeente: 'GM0928',
      codes: ['BU0928AA01', 'BU0928AA02'],
      name: (i) => `Nieuwe buurt ${i}`,
      value: (i) => 30 + i,
      column: 'corporation_share',
    });
  });
  afterAll(() => store.close());

  it('is read once and serves both the kept log and the uncarried sources', async () => {
    let reads = 0;
    const counted: Store = Object.create(store, {
      listHarmonisation: { value: () => (reads++, store.listHarmonisation()) },
    });
    const state = await new EngineState(counted).get();
    expect(reads).toBe(1);
    expect(state.harmonisation).toEqual([
      expect.objectContaining({ fromDivision: 2021, toDivision: 2020, gemeenteCode: 'GM0928', unmatched: 2 }),
    ]);
    expect(state.engine.table.uncarriedSources()).toEqual([
      {
        gemeente: 'GM0928',
        family: 'kwb',
        year: 2020,
        indicators: ['corporation_share'],
        fromDivision: 2021,
        toDivision: 2020,
        buurten: 2,
      },
    ]);
  });
});
