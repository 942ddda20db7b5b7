import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import { buildDemoDataset, DEMO_EDITION } from './demo-dataset.js';
import { loadDemoDataset } from './load-demo.js';

describe('the demonstration dataset', () => {
  it('is deterministic for a seed', () => {
    expect(buildDemoDataset(7).values.values).toEqual(buildDemoDataset(7).values.values);
    expect(buildDemoDataset(7).values.values).not.toEqual(buildDemoDataset(8).values.values);
  });

  it('loads two fictitious gemeenten with display geometry, every value labelled as demo', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const { buurten } = await loadDemoDataset(store);
    expect(buurten).toBe(72);
    expect((await store.listEditions()).map((e) => [e.source, e.edition])).toEqual([['demo', DEMO_EDITION]]);
    const geoms = await store.getGeometries({ divisionYear: 2024, gemeente: 'GM9998' });
    expect(geoms).toHaveLength(24);
    expect(geoms.every((g) => g.display !== null)).toBe(true);
    const values = await store.getValues({
      gemeente: 'GM9999',
      indicators: ['corporation_share'],
      years: [2020],
    });
    expect(values).toHaveLength(48);
    expect(values.every((v) => v.edition === DEMO_EDITION)).toBe(true);
    // Very small buurten are suppressed, as CBS would: null, never 0.
    const suppressed = values.filter((v) => v.value === null);
    expect(suppressed.every((v) => v.flags === 1)).toBe(true);
  });
});
