/**
 * Benchmark: data editions on the national real-data store (VEERKRACHT_REAL_DATA). Imports the
 * whole folder (edition 1), then a small tidy CSV revising Heerlen's corporation share for 2020
 * (edition 2), and measures: what recording an edition costs an import run (captureDataEdition,
 * with and without a write), the size of an edition, loading an older edition for the first time
 * (decode + engine) and again, the first map of it, and "what changed" for Heerlen.
 * Run: `VEERKRACHT_REAL_DATA=../shared/data npx tsx bench/editions.bench.ts` (import ≈ 1 min).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPaths } from '../src/pipeline/run-import.js';
import { getEditionChanges } from '../src/service/edition-changes.js';
import { getMap } from '../src/service/maps.js';
import { createReadContext, readContextAt } from '../src/service/read-context.js';
import { captureDataEdition } from '../src/storage/capture-data-edition.js';
import { findReferenceDivision } from '../src/storage/reference-division.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';

const data = process.env['VEERKRACHT_REAL_DATA'];
if (!data) {
  process.stdout.write('set VEERKRACHT_REAL_DATA to the shared data folder\n');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'vk-bench-editions-'));
const path = join(dir, 'veerkracht.db');
const store = openSqliteStore({ path });
const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(2);
const line = (s: string) => process.stdout.write(`${s}\n`);

try {
  let t = performance.now();
  await importPaths(store, [data]);
  line(`national import (edition 1 recorded at its end): ${seconds(t)} s`);
  const reference = (await findReferenceDivision(store))!;

  const ctx = createReadContext(store, { checkIntervalMs: 0 });
  const heerlen = (await ctx.state.get()).engine.table.byGemeente().get('GM0917') ?? [];
  const codes = heerlen.map((r) => ctx.state.get().then((s) => s.engine.table.buurten[r]!.code));
  const revised = join(dir, 'herziening-heerlen.csv');
  writeFileSync(
    revised,
    `code,year,indicator,value\n${(await Promise.all(codes)).map((c, i) => `${c},2020,corporation_share,${10 + (i % 60)}`).join('\n')}\n`,
  );
  t = performance.now();
  await importPaths(store, [revised], { divisionYear: reference });
  line(`import of a ${heerlen.length}-row revision (harmonise + edition 2): ${seconds(t)} s`);

  t = performance.now();
  const unchanged = await captureDataEdition(store, reference);
  line(
    `captureDataEdition, content unchanged (read, hash, no write): ${seconds(t)} s → ${unchanged ? 'wrote' : 'none'}`,
  );
  const sizes = store.db
    .prepare(
      'SELECT id, length(bulk_values) AS blob, length(buurten) + length(gemeente_names) AS names FROM data_editions',
    )
    .all() as { id: number; blob: number; names: number }[];
  for (const s of sizes)
    line(
      `edition ${s.id}: values ${(s.blob / 1e6).toFixed(1)} MB, buurten and names ${(s.names / 1e6).toFixed(2)} MB`,
    );
  line(`store file: ${(statSync(path).size / 1e6).toFixed(0)} MB`);

  t = performance.now();
  await ctx.state.get();
  line(`live state (newest edition) ready: ${seconds(t)} s`);
  const first = (await store.listDataEditions())[0]!.id;
  t = performance.now();
  const old = await readContextAt(ctx, first);
  await old.state.get();
  line(`older edition loaded the first time (decode + engine): ${seconds(t)} s`);
  t = performance.now();
  await (await readContextAt(ctx, first)).state.get();
  line(`older edition again (kept): ${seconds(t)} s`);
  t = performance.now();
  const map = await getMap(old, { area: 'GM0917', map: 'veerkracht-relatief' });
  line(
    `first map of the older edition (GM0917 veerkracht-relatief, ${map.features.length} buurten): ${seconds(t)} s`,
  );
  t = performance.now();
  const changes = await getEditionChanges(ctx, { area: 'GM0917' });
  line(
    `what changed in Heerlen, editions ${changes.from.id} → ${changes.to.id}: ${changes.changes.length} of ${changes.buurten} buurten, ${seconds(t)} s`,
  );
  t = performance.now();
  await getEditionChanges(ctx, { area: 'GM0935' });
  line(`what changed in Maastricht (same editions, kept): ${seconds(t)} s`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
