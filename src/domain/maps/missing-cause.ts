/**
 * Why a buurt of a map has no value, as the map's explanation counts it: a kind of missing
 * (missing-kinds.ts) and the source family it concerns — and, for "Inwonertal onbekend", whether
 * KWB is to be loaded and of which years (populationSourceOf, the one rule of every map and the
 * map list).
 */
import type { SourceFamily } from '../indicator-catalogue.js';
import { populationSourceOf, type MissingKind } from '../engine/missing-kinds.js';
import type { BuurtTable } from '../engine/buurt-table.js';

/** A kind of missing and the source family it concerns (null when none in particular). */
export interface MissingCause {
  kind: MissingKind;
  family: SourceFamily | null;
  /**
   * Population unknown although a loaded KWB file of a year the buurt's gemeente existed in covers
   * it (populationSourceOf): there is nothing to load.
   */
  loaded?: boolean;
  /** Population unknown and KWB to load: of these years (first, last); absent: any year. */
  years?: readonly [number, number];
  /** Population unknown in any year, KWB to load of the years of a gemeente that no longer exists: its code. */
  gemeente?: string;
  /**
   * Population unknown in any year, KWB to load of the division shown (`to`): the divisions (`from`)
   * on which the loaded KWB files hold the gemeente, none of whose buurten could be carried over.
   */
  division?: { from: readonly number[]; to: number };
}

/**
 * The buurt at `row` has no number of inhabitants — in any year (veerkracht classes: `window`
 * null) or in a level map's year (`window` that year): KWB to load, of which years, or nothing to
 * load, by populationSourceOf.
 */
export function populationUnknownCause(
  table: BuurtTable,
  row: number,
  window: readonly [number, number] | null = null,
): MissingCause {
  const gemeente = table.buurten[row]!.gemeente;
  const { loaded, years, dissolved, uncarried } = populationSourceOf(table, gemeente, window);
  if (loaded) return { kind: 'population-unknown', family: 'kwb', loaded };
  const from = [...new Set(uncarried.map((u) => u.fromDivision))].sort((a, b) => a - b);
  return {
    kind: 'population-unknown',
    family: 'kwb',
    ...(years ? { years } : {}),
    ...(dissolved && window === null ? { gemeente } : {}),
    ...(years && from.length > 0 ? { division: { from, to: years[0] } } : {}),
  };
}

/** Most telling first: what the reader can load beats what the source withheld. */
const PRECEDENCE: readonly MissingKind[] = [
  'population-unknown',
  'not-loaded',
  'not-in-source',
  'not-published',
  'suppressed',
  'no-score',
  'too-few-residents',
  'no-comparison',
  'missing',
];

/** The most telling of a buurt's causes (of its index components, of a change): what can be loaded first. */
export function mostTelling(causes: readonly MissingCause[]): MissingCause {
  for (const k of PRECEDENCE) {
    const hit = causes.find((c) => c.kind === k);
    if (hit) return hit;
  }
  return { kind: 'missing', family: null };
}

/**
 * The reason a buurt has no index value (or change of it): the most telling of its own missing
 * component values. A component its whole gemeente lacks is missing for the gemeente's buurten
 * with a value too, so it explains nothing particular to this buurt: it is the reason only when
 * none of the buurt's own values is missing. (Zwolle's buurten whose RIVM cells are secret are
 * "Geheim", not "Bron niet geladen" because no KWB file covers any buurt of Zwolle.)
 */
export function indexMissing(
  own: readonly MissingCause[],
  gemeenteWide: readonly MissingCause[],
): MissingCause {
  return mostTelling(own.length > 0 ? own : gemeenteWide);
}
