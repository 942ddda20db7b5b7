/**
 * The synthetic country has no dwellings; the scenario planner needs them. Adds `dwellings`
 * (0.45 per inhabitant, rounded) for every buurt and year with inhabitants, once per store, as an
 * extra edition. Deterministic: the values follow from the store's own inhabitants.
 */
import { emptyBatch } from '../../src/core/records.js';
import { ValueColumns } from '../../src/core/value-columns.js';
import type { Store } from '../../src/storage/store.js';
import { SYNTHETIC_DIVISION } from './synthetic-store.js';

const done = new WeakSet<Store>();

export async function addDwellings(store: Store): Promise<void> {
  if (done.has(store)) return;
  done.add(store);
  const inhabitants = await store.getValues({
    indicators: ['inhabitants'],
    divisionYear: SYNTHETIC_DIVISION,
  });
  const batch = emptyBatch('synthetic-dwellings', 'synthetic-dwellings', {
    source: 'tidy',
    edition: 'synthetic dwellings',
    table: null,
    publisher: 'test',
    divisionYear: SYNTHETIC_DIVISION,
  });
  batch.values = ValueColumns.from(
    inhabitants
      .filter((v) => v.areaCode.startsWith('BU') && v.value !== null)
      .map((v) => ({
        areaCode: v.areaCode,
        year: v.year,
        indicator: 'dwellings',
        value: Math.round(v.value! * 0.45),
        flags: 0,
        column: 'dwellings',
        divisionYear: SYNTHETIC_DIVISION,
      })),
  );
  await store.writeBatch(batch, {});
}
