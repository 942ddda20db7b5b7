/** A store's content as sorted lines, for comparing two stores (a resumed run with a clean one). */
import type { Store } from '../../src/storage/store.js';

/** Everything a map or export can show, in a stable order (import log times left out). */
export async function dumpStore(
  store: Store,
): Promise<{ values: string[]; areas: string[]; geometries: string[]; editions: string[] }> {
  const values = (await store.getValues({}))
    .map((v) =>
      [
        v.areaCode,
        v.divisionYear,
        v.indicator,
        v.year,
        v.value,
        v.flags,
        v.edition,
        v.sourceColumn,
        v.method,
      ].join('|'),
    )
    .sort();
  const areaRows = await store.listAreas({});
  const areas = areaRows
    .map((a) => [a.code, a.divisionYear, a.level, a.name, a.gemeenteCode, a.wijkCode].join('|'))
    .sort();
  const geometries: string[] = [];
  for (const divisionYear of new Set(areaRows.map((a) => a.divisionYear)))
    for (const g of await store.getGeometries({ divisionYear }))
      geometries.push(
        [g.code, g.divisionYear, g.areaM2.toFixed(3), g.bbox.join(','), g.display ? 'display' : ''].join('|'),
      );
  geometries.sort();
  const editions = (await store.listEditions())
    .map((e) => `${e.source}|${e.edition}|${e.divisionYear}`)
    .sort();
  return { values, areas, geometries, editions };
}
