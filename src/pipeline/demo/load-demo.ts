/**
 * Loads the generated demonstration dataset into a store, in one transaction: boundaries (with
 * display geometry, as a boundary import would) and values. Labelled "demo — fictieve gegevens".
 */
import { INDICATOR_CATALOGUE } from '../../domain/indicator-catalogue.js';
import type { Store } from '../../storage/store.js';
import { storeDisplayGeometries } from '../sources/boundaries/boundary-display.js';
import { buildDemoDataset } from './demo-dataset.js';

export async function loadDemoDataset(store: Store): Promise<{ buurten: number; values: number }> {
  const { geometry, values } = buildDemoDataset();
  await store.upsertIndicators(INDICATOR_CATALOGUE);
  await store.transaction(async (tx) => {
    await tx.writeBatch(geometry, { demo: true, note: 'generated boundaries of fictitious gemeenten' });
    await storeDisplayGeometries(tx, geometry);
    await tx.writeBatch(values, { demo: true, note: 'generated values of fictitious buurten' });
  });
  return { buurten: geometry.geometries.length, values: values.values.length };
}
