/**
 * Finding buurten by name (GET /api/buurten?q=): every buurt of the reference division whose
 * name or code contains the query, accents and case ignored, best matches first.
 */
import type { BuurtSearchQuery, BuurtSearchResponse } from '../api/schemas.js';
import type { ReadContext } from './read-context.js';

/** Lower case without accents, apostrophes and hyphens as spaces ("'s-Gravenhage" → " s gravenhage"). */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const indexCache = new WeakMap<object, { key: string; row: number }[]>();

/** Buurten whose name or code contains the query; name starts first, then a word, then anywhere. */
export async function searchBuurten(ctx: ReadContext, q: BuurtSearchQuery): Promise<BuurtSearchResponse> {
  const state = await ctx.state.get();
  const buurten = state.engine.table.buurten;
  let index = indexCache.get(state.engine);
  if (!index) {
    index = buurten.map((b, row) => ({ key: searchKey(b.name), row }));
    indexCache.set(state.engine, index);
  }
  const query = searchKey(q.q);
  const code = q.q.trim().toUpperCase();
  const scored: { row: number; score: number }[] = [];
  for (const { key, row } of index) {
    const score = key.startsWith(query)
      ? 0
      : key.includes(` ${query}`)
        ? 1
        : key.includes(query)
          ? 2
          : buurten[row]!.code.startsWith(code)
            ? 3
            : -1;
    if (score >= 0) scored.push({ row, score });
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      buurten[a.row]!.name.localeCompare(buurten[b.row]!.name, 'nl') ||
      buurten[a.row]!.code.localeCompare(buurten[b.row]!.code),
  );
  return {
    query: q.q,
    buurten: scored.slice(0, q.limit ?? 20).map(({ row }) => {
      const b = buurten[row]!;
      return {
        code: b.code,
        name: b.name,
        gemeente: b.gemeente,
        gemeenteName: state.gemeenteNames.get(b.gemeente) ?? b.gemeente,
      };
    }),
  };
}
