/**
 * Freezing a data edition (data-editions.ts) on the write path: the buurten of the reference
 * division with their names, the engine's bulk read, the source editions and the configuration,
 * hashed so that an import that changed nothing the maps use adds no edition.
 */
import { createHash } from 'node:crypto';
import type { BuurtInfo } from '../domain/engine/buurt-table.js';
import { DEFAULT_EDITIONS_RETAIN, type DataEditionContent, type DataEditionRow } from './data-editions.js';
import type { Store } from './store.js';

/** Buurten of a division (with geometry or an area row) and the names of their gemeenten. */
export async function loadDivisionBuurten(
  store: Store,
  divisionYear: number,
): Promise<{ buurten: BuurtInfo[]; gemeenteNames: Map<string, string> }> {
  const areas = await store.listAreas({ divisionYear });
  const geometryCodes = await store.listGeometryCodes(divisionYear);
  const codes = new Set<string>();
  const names = new Map<string, string>();
  for (const a of areas) if (a.level === 'buurt') codes.add(a.code);
  for (const code of geometryCodes) if (code.startsWith('BU')) codes.add(code);
  for (const a of areas) if (a.name) names.set(a.code, a.name);
  const gemeenten = new Set([...codes].map((c) => `GM${c.slice(2, 6)}`));
  const allGemeenten = await store.listAreas({ level: 'gemeente' });
  for (const g of allGemeenten) if (g.name && !names.has(g.code)) names.set(g.code, g.name);
  for (const gm of gemeenten) {
    for (const n of await store.listAreaNames(gm)) if (!names.has(n.code)) names.set(n.code, n.name);
  }
  const buurten = [...codes]
    .sort()
    .map((code) => ({ code, name: names.get(code) ?? code, gemeente: `GM${code.slice(2, 6)}` }));
  const gemeenteNames = new Map([...gemeenten].sort().map((gm) => [gm, names.get(gm) ?? gm]));
  return { buurten, gemeenteNames };
}

/** SHA-256 over what decides the maps: buurten, values and their sources, source editions, configuration. */
export function contentHash(c: DataEditionContent, divisionYear: number): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([divisionYear, c.buurten, c.gemeenteNames, c.engineConfig]));
  h.update(JSON.stringify(c.sourceEditions.map((e) => [e.source, e.edition, e.table, e.divisionYear])));
  h.update(JSON.stringify([c.values.count, c.values.areaCodes, c.values.series]));
  for (const col of [c.values.area, c.values.seriesOf, c.values.value, c.values.flags, c.values.source]) {
    if (col) h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  return h.digest('hex');
}

/**
 * Freezes what the store holds on `divisionYear` as a new edition, unless the newest edition
 * has the same content.  Returns the new edition, or undefined when nothing changed.
 * Write path only: call it inside the run's transaction.
 */
export async function captureDataEdition(
  store: Store,
  divisionYear: number,
  options: { retain?: number; engineConfig?: unknown; now?: Date } = {},
): Promise<DataEditionRow | undefined> {
  const { buurten, gemeenteNames } = await loadDivisionBuurten(store, divisionYear);
  const content: DataEditionContent = {
    buurten,
    gemeenteNames: [...gemeenteNames],
    sourceEditions: await store.listEditions(),
    engineConfig: options.engineConfig ?? null,
    values: await store.getBulkValues({ divisionYear, level: 'buurt' }),
  };
  const hash = contentHash(content, divisionYear);
  const newest = (await store.listDataEditions()).at(-1);
  if (newest?.contentHash === hash) return undefined;
  const imports = await store.listImports();
  return store.addDataEdition(
    {
      divisionYear,
      importIds: imports.map((i) => i.id),
      dataVersion: store.dataVersion ? await store.dataVersion() : String(imports.length),
      contentHash: hash,
      content,
    },
    { retain: options.retain ?? DEFAULT_EDITIONS_RETAIN, ...(options.now ? { now: options.now } : {}) },
  );
}
