/**
 * Gemeenten that the division shown does not have, found by name in the gemeente register
 * (src/core/gemeente-register.ts), so that searching a gemeente by today's or yesterday's name
 * never ends in "geen resultaten" while its buurten are on the map:
 *   - formed later from whole gemeenten of the division (Dijk en Waard on 2019): offered as
 *     itself, an area of those gemeenten' buurten;
 *   - formed later with a split (Land van Cuijk): the gemeenten of the division it took buurten
 *     from, each saying what it is part of now;
 *   - ended before the division year (Haren, 2019 into Groningen): the gemeente(n) it went into.
 */
import type { GemeenteSummary } from '../../../src/api/schemas.js';
import {
  GEMEENTE_REGISTER,
  mergedOnDivision,
  predecessorsOf,
  successorsOf,
  wasSplit,
  type RegisterGemeente,
} from '../../../src/core/gemeente-register.js';
import type { Messages } from '../i18n/messages.js';
import type { AreaOption } from './area-search.js';

export interface ScoredOption {
  option: AreaOption;
  score: number;
}

/** Name starts with the query: just after the gemeenten of the division whose name does. */
const STARTS = 0.6;
/** Name contains the query. */
const CONTAINS = 1.1;

/**
 * Options for the register gemeenten not on the division whose name (or another name) matches
 * `q` (normalised with `normalise`).
 */
export function registerOptions(
  q: string,
  divisionYear: number | null,
  loaded: readonly GemeenteSummary[],
  normalise: (text: string) => string,
  t: Messages,
): ScoredOption[] {
  if (divisionYear === null || q === '') return [];
  const byCode = new Map(loaded.map((g) => [g.code, g]));
  const out: ScoredOption[] = [];
  for (const g of GEMEENTE_REGISTER) {
    if (byCode.has(g.code)) continue;
    const names = [g.name, ...g.alternatives].map(normalise);
    const score = names.some((n) => n.startsWith(q))
      ? STARTS
      : names.some((n) => n.includes(q))
        ? CONTAINS
        : -1;
    if (score < 0) continue;
    for (const option of optionsFor(g, divisionYear, byCode, t)) out.push({ option, score });
  }
  return out;
}

function optionsFor(
  g: RegisterGemeente,
  divisionYear: number,
  byCode: ReadonlyMap<string, GemeenteSummary>,
  t: Messages,
): AreaOption[] {
  const merged = mergedOnDivision(g.code, divisionYear, (c) => byCode.has(c));
  if (merged) {
    const from = merged.from.map((c) => byCode.get(c)!);
    const buurten = from.reduce((n, f) => n + f.buurten, 0);
    return [
      {
        kind: 'gemeente',
        code: g.code,
        name: g.name,
        detail: `${t.searchFormed(merged.since, t.andList(from.map((f) => f.name)))} · ${t.buurtenCount(buurten)}`,
      },
    ];
  }
  const onDivision = (codes: readonly string[], why: (code: string) => string): AreaOption[] =>
    codes
      .map((c) => byCode.get(c))
      .filter((f): f is GemeenteSummary => f !== undefined)
      .map((f) => ({
        kind: 'gemeente',
        code: f.code,
        name: f.name,
        detail: `${t.gemeente} · ${t.buurtenCount(f.buurten)} · ${why(f.code)}`,
      }));
  // a gemeente split over several went only partly into each (wasSplit)
  if (g.first > divisionYear)
    return onDivision(predecessorsOf(g.code, divisionYear), (p) =>
      t.searchNowPartOf(g.name, g.first, wasSplit(p)),
    );
  if (g.last < divisionYear)
    return onDivision(successorsOf(g.code), () => t.searchWentInto(g.name, g.last + 1, wasSplit(g.code)));
  return [];
}
