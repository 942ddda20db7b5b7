/**
 * Data editions through the read services: every import run that changes the maps' input records
 * an edition; an older edition keeps showing its own numbers after a newer import; what changed
 * between two editions is listed per buurt with its reason; retention drops old editions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/app-error.js';
import { importPaths } from '../../src/pipeline/run-import.js';
import { getBuurtProfile } from '../../src/service/buurt-profile.js';
import { getEditionChanges } from '../../src/service/edition-changes.js';
import { listDataEditions } from '../../src/service/editions.js';
import { getMap } from '../../src/service/maps.js';
import { createReadContext, readContextAt, type ReadContext } from '../../src/service/read-context.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { BUURTEN, share, writeBoundaries, writeFirstValues, writeNewerValues } from './editions-fixture.js';

const valuesOf = (m: Awaited<ReturnType<typeof getMap>>) =>
  Object.fromEntries(m.features.map((f) => [f.id, f.properties.value]));

describe('data editions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-editions-'));
  let store: SqliteStore;
  let ctx: ReadContext;
  let first: number;
  let second: number;

  beforeAll(async () => {
    store = openSqliteStore({ path: join(dir, 'veerkracht.db') });
    ctx = createReadContext(store, { checkIntervalMs: 0 });
    await importPaths(store, [writeBoundaries(dir), writeFirstValues(dir)], { divisionYear: 2021 });
    first = (await store.listDataEditions())[0]!.id;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an import run records an edition labelled "editie <year>-<n>", and the map says it shows it', async () => {
    const year = new Date().getUTCFullYear();
    const list = await listDataEditions(ctx);
    expect(list.editions.map((e) => [e.label, e.divisionYear, e.available, e.current])).toEqual([
      [`editie ${year}-1`, 2021, true, true],
    ]);
    const map = await getMap(ctx, { area: 'GM0917', map: 'corporatiebezit', year: 2020 });
    expect(map.meta.dataEdition).toMatchObject({ id: first, label: `editie ${year}-1`, current: true });
    expect(valuesOf(map)[BUURTEN[0]!]).toBe(share(0, 2020));
  });

  it('after a newer import the old edition still shows its values, the newest the new ones', async () => {
    await importPaths(store, [writeNewerValues(dir)], { divisionYear: 2021 });
    const editions = await store.listDataEditions();
    expect(editions).toHaveLength(2);
    second = editions[1]!.id;
    const old = await getMap(await readContextAt(ctx, first), {
      area: 'GM0917',
      map: 'corporatiebezit',
      year: 2020,
    });
    const now = await getMap(ctx, { area: 'GM0917', map: 'corporatiebezit', year: 2020 });
    expect(old.meta.dataEdition).toMatchObject({ id: first, current: false });
    expect(now.meta.dataEdition).toMatchObject({ id: second, current: true });
    expect(valuesOf(old)[BUURTEN[0]!]).toBe(share(0, 2020));
    expect(valuesOf(now)[BUURTEN[0]!]).toBe(share(0, 2020) + 20);
    expect(valuesOf(old)[BUURTEN[5]!]).toBe(valuesOf(now)[BUURTEN[5]!]);
    // the old edition has no 2022: its map of the newest year is still 2020
    expect(
      (await getMap(await readContextAt(ctx, first), { area: 'GM0917', map: 'corporatiebezit' })).meta.year,
    ).toBe(2020);
    expect((await getMap(ctx, { area: 'GM0917', map: 'corporatiebezit' })).meta.year).toBe(2022);
    // asking for the newest edition by id is the live state
    expect((await readContextAt(ctx, second)).state).toBe(ctx.state);
  });

  it('the buurt profile of the old edition lists the values it froze, with their source', async () => {
    const at = async (c: ReadContext) => {
      const p = await getBuurtProfile(c, { code: BUURTEN[0]! });
      const series = p.indicators.find((i) => i.id === 'corporation_share')!.series;
      return [p.dataEdition?.id, series.map((s) => [s.year, s.value, s.edition])];
    };
    expect(await at(await readContextAt(ctx, first))).toEqual([
      first,
      [
        [2018, share(0, 2018), 'tidy CSV waarden-2020.csv'],
        [2020, share(0, 2020), 'tidy CSV waarden-2020.csv'],
      ],
    ]);
    expect(await at(ctx)).toEqual([
      second,
      [
        [2018, share(0, 2018), 'tidy CSV waarden-2020.csv'],
        [2020, share(0, 2020) + 20, 'tidy CSV waarden-2022.csv'],
        [2022, share(0, 2022) + 20, 'tidy CSV waarden-2022.csv'],
      ],
    ]);
  });

  it("importing the same file again adds no edition (the maps' input did not change)", async () => {
    await importPaths(store, [writeNewerValues(dir)], { divisionYear: 2021 });
    expect((await store.listDataEditions()).map((e) => e.id)).toEqual([first, second]);
  });

  it('lists per buurt what changed between two editions, and why', async () => {
    const changes = await getEditionChanges(ctx, { area: 'GM0917' });
    expect([changes.from.id, changes.to.id, changes.buurten]).toEqual([first, second, 8]);
    expect(changes.maps.find((m) => m.map === 'corporatiebezit')).toMatchObject({ from: '2020', to: '2022' });
    expect(changes.changes.map((c) => c.code)).toEqual(BUURTEN);
    const revised = changes.changes[0]!;
    expect(revised.reasons).toEqual(['new-source-year', 'revised-figures']);
    expect(revised.values).toContainEqual({
      indicator: 'corporation_share',
      year: 2020,
      from: share(0, 2020),
      to: share(0, 2020) + 20,
      change: 'revised',
    });
    const added = changes.changes[5]!;
    expect(added.reasons).toEqual(['new-source-year']);
    expect(added.values.map((v) => [v.indicator, v.year, v.from, v.change])).toEqual([
      ['corporation_share', 2022, null, 'added'],
      ['inhabitants', 2022, null, 'added'],
    ]);
    // buurt 1: 7 % in 2020 (the old default year) → 29 % in 2022 (the new one): another class
    const cls = revised.classes.find((c) => c.map === 'corporatiebezit');
    expect(cls).toEqual({
      map: 'corporatiebezit',
      from: { classId: 'c0', label: '0–10 %', labelEn: '0–10%' },
      to: { classId: 'c1', label: '10–33 %', labelEn: '10–33%' },
    });
    expect(added.classes).toEqual([]);
  });

  it('an unknown edition is EDITION_NOT_FOUND; one dropped by retention EDITION_GONE', async () => {
    const newer = join(dir, 'waarden-2022b.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(newer, `code,year,indicator,value\n${BUURTEN[7]},2022,corporation_share,77\n`);
    await importPaths(store, [newer], { divisionYear: 2021, edition: { retain: 2 } });
    const list = await listDataEditions(ctx);
    expect(list.editions.map((e) => e.available)).toEqual([false, true, true]);
    const code = async (id: number) =>
      readContextAt(ctx, id).then(
        () => 'ok',
        (e: AppError) => `${e.code} ${e.message}`,
      );
    expect(await code(first)).toMatch(
      /^EDITION_GONE data edition \d+ \(editie \d{4}-1, .*\) is no longer kept/,
    );
    expect(await code(999)).toMatch(/^EDITION_NOT_FOUND data edition 999 does not exist/);
    expect(await code(second)).toBe('ok');
  });

  it('edition= lists the editions once per data version, not on every request; a newer import is seen', async () => {
    let listings = 0;
    const list = store.listDataEditions.bind(store);
    const counting = Object.assign(Object.create(store) as SqliteStore, {
      listDataEditions: () => ((listings += 1), list()),
    });
    const ctxCounted = createReadContext(counting, { checkIntervalMs: 0 });
    const at = (id: number) => readContextAt(ctxCounted, id);
    const [, newest] = (await store.listDataEditions()).slice(-2).map((e) => e.id) as [number, number];
    await at(second);
    const afterFirst = listings;
    for (let i = 0; i < 5; i++) await at(second);
    expect(listings).toBe(afterFirst); // the same data version: no new listing
    expect(await at(newest).then((c) => c.state === ctxCounted.state)).toBe(true);

    const newer = join(dir, 'waarden-2022c.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(newer, `code,year,indicator,value\n${BUURTEN[7]},2022,corporation_share,78\n`);
    await importPaths(store, [newer], { divisionYear: 2021, edition: { retain: 3 } });
    const latest = (await store.listDataEditions()).at(-1)!.id;
    expect(latest).toBeGreaterThan(newest);
    expect(await at(latest).then((c) => c.state === ctxCounted.state)).toBe(true); // the new edition is known at once
    expect(listings).toBeGreaterThan(afterFirst);
  });
});
