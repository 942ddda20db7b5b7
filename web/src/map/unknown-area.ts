/**
 * Why an area code opens no maps, in words. A gemeente of another division than the one shown
 * (src/core/gemeente-register.ts) says where its area lies on that division — formed later (Land
 * van Cuijk on 2019: Boxmeer, Cuijk, …) or ended before it (Haren: Groningen) — so that an old
 * or a new link still leads to the buurten; any other code gets the plain "unknown" text.
 */
import {
  existsIn,
  findRegisterGemeente,
  predecessorsOf,
  successorsOf,
} from '../../../src/core/gemeente-register.js';
import type { AppData } from '../app-context.js';
import type { Messages } from '../i18n/messages.js';

export function unknownAreaText(data: Pick<AppData, 'gemeenten'>, area: string, t: Messages): string {
  const g = findRegisterGemeente(area);
  const year = data.gemeenten.divisionYear;
  if (!g || year === null || existsIn(g, year)) return t.unknownArea(area);
  const loaded = new Map(data.gemeenten.gemeenten.map((x) => [x.code, x.name]));
  const named = (codes: readonly string[]): string[] =>
    codes.filter((c) => loaded.has(c)).map((c) => `${loaded.get(c)} (${c})`);
  if (g.first > year) {
    const from = named(predecessorsOf(g.code, year));
    if (from.length > 0) return t.areaLaterGemeente(g.name, g.code, g.first, year, t.andList(from));
  } else {
    const into = named(successorsOf(g.code));
    if (into.length > 0) return t.areaEndedGemeente(g.name, g.code, g.last, year, t.andList(into));
  }
  return t.unknownArea(area);
}
