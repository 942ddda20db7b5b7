/**
 * The behaviour of saved scenarios (scenario-store.ts) every store must show; SQLite runs it in
 * sqlite/scenarios.test.ts, PostgreSQL can run the same:
 *   describe('…', () => runScenarioStoreContract(() => openStore()));
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from './store.js';

export function runScenarioStoreContract(open: () => Store | Promise<Store>): void {
  let store: Store;
  let orgA: number;
  let orgB: number;
  let author: number;
  beforeEach(async () => {
    store = await open();
    const m = store.members;
    orgA = (await m.createOrganisation('Woonstichting A', 'woonstichting-a', '2026-01-01T00:00:00.000Z')).id;
    orgB = (await m.createOrganisation('Woonstichting B', 'woonstichting-b', '2026-01-01T00:00:00.000Z')).id;
    author = (
      await m.createUser({
        email: 'a@x.example',
        name: 'An',
        organisationId: orgA,
        role: 'member',
        passwordHash: null,
        disabled: false,
        createdAt: '2026-01-01T00:00:00.000Z',
      })
    ).id;
  });
  afterEach(async () => {
    await store.close();
  });

  const save = (organisationId: number, title: string, createdAt: string) =>
    store.members.createScenario({
      organisationId,
      authorId: author,
      title,
      area: 'GM0917',
      specJson: '[{"name":"basis"}]',
      createdAt,
    });

  it('saves a scenario and reads it back with its author, per organisation, newest first', async () => {
    const first = await save(orgA, 'Eerste', '2026-02-01T10:00:00.000Z');
    const second = await save(orgA, 'Tweede', '2026-02-02T10:00:00.000Z');
    await save(orgB, 'Van B', '2026-02-03T10:00:00.000Z');
    expect(first).toMatchObject({ organisationId: orgA, authorName: 'An', title: 'Eerste', area: 'GM0917' });
    expect(JSON.parse(first.specJson)).toEqual([{ name: 'basis' }]);
    expect((await store.members.listScenarios(orgA, 10)).map((s) => s.title)).toEqual(['Tweede', 'Eerste']);
    expect((await store.members.listScenarios(orgA, 1)).map((s) => s.id)).toEqual([second.id]);
    expect((await store.members.listScenarios(orgB, 10)).map((s) => s.title)).toEqual(['Van B']);
    expect(await store.members.findScenario(first.id)).toEqual(first);
  });

  it('deletes a scenario; an unknown id is undefined', async () => {
    const s = await save(orgA, 'Weg', '2026-02-01T10:00:00.000Z');
    await store.members.deleteScenario(s.id);
    expect(await store.members.findScenario(s.id)).toBeUndefined();
    expect(await store.members.listScenarios(orgA, 10)).toEqual([]);
  });
}
