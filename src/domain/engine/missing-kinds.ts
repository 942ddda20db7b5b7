/**
 * Why a buurt has no value, in words a reader can act on. Six kinds come from the data, two from
 * the method:
 * - suppressed: the source published the cell as secret/unknown (CBS `.` or empty: KWB, RIVM,
 *   police) — "Geheim (onderdrukt)" is used for this kind only;
 * - no-score: the Leefbaarometer published `NA` (too few dwellings or residents to score);
 * - not-published: the buurt has values of that source for that year, but not this one — the
 *   edition did not (yet) publish it (e.g. income in a KWB edition that lags two years); or a
 *   file of the source covers the buurt's gemeente but has nothing of the indicator there;
 * - not-loaded: no file of that source covers the buurt for that year;
 * - not-in-source: a file of that source for that year is loaded, covers the buurt's gemeente and
 *   holds the indicator there (other buurten of it have cells, or it has the gemeente's buurten
 *   on another division that harmonisation could not carry onto this one), but holds nothing for
 *   this buurt — loading the source again does not help (gemeenteSourceKind);
 * - too-few-residents: below the minimum population of the indicator or of the classification;
 * - population-unknown: the buurt's number of inhabitants is unknown (no rate, no class; never 0);
 * - missing: anything else (e.g. too few index components with a value).
 * The importers store a published-but-missing cell as null with the `suppressed` flag (for every
 * source, src/pipeline/cell-value.ts) and leave out columns a source never published
 * (src/pipeline/unpublished-values.ts); the family of the indicator tells `.` from `NA`.
 */
import { findRegisterGemeente, REGISTER_LAST_YEAR, successorsOf } from '../../core/gemeente-register.js';
import { VALUE_FLAGS } from '../../core/records.js';
import { sourceFamily, type SourceFamily } from '../indicator-catalogue.js';
import { ENGINE_FLAGS, type BuurtTable, type Column, type UncarriedSource } from './buurt-table.js';
import { findIndicator, type Formula } from './indicator-registry.js';
import { tableMemo } from './table-memo.js';

export const MISSING_KINDS = [
  'suppressed',
  'no-score',
  'not-published',
  'not-loaded',
  'not-in-source',
  'too-few-residents',
  'population-unknown',
  'no-comparison',
  'missing',
] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];

export const MISSING_LABELS: Record<MissingKind, { nl: string; en: string }> = {
  suppressed: { nl: 'Geheim (onderdrukt)', en: 'Confidential (suppressed)' },
  'no-score': { nl: 'Geen score (Leefbaarometer)', en: 'No score (Leefbaarometer)' },
  'not-published': { nl: 'Niet gepubliceerd in deze editie', en: 'Not published in this edition' },
  'not-loaded': { nl: 'Bron niet geladen', en: 'Source not loaded' },
  'not-in-source': { nl: 'Buurt niet in de bron', en: 'Buurt not in the source' },
  'too-few-residents': { nl: 'Te weinig inwoners', en: 'Too few residents' },
  'population-unknown': { nl: 'Inwonertal onbekend', en: 'Population unknown' },
  'no-comparison': { nl: 'Geen buurt om mee te vergelijken', en: 'No buurt to compare with' },
  missing: { nl: 'Geen gegevens', en: 'No data' },
};

/** The families whose files supply an indicator: a stored id's own, a derived one's leading input's. */
export function indicatorFamily(indicator: string): SourceFamily {
  const def = findIndicator(indicator);
  if (!def) return sourceFamily(indicator);
  return formulaFamily(def.formula);
}

/** The stored indicators an indicator is read from: itself, or a derived one's counted inputs (not its denominator). */
export function storedInputs(indicator: string): string[] {
  const def = findIndicator(indicator);
  if (!def) return [indicator];
  return formulaInputs(def.formula);
}

function formulaInputs(f: Formula): string[] {
  switch (f.kind) {
    case 'source':
      return [f.indicator];
    case 'rate':
      return storedInputs(f.numerator);
    case 'sum':
      return f.indicators.flatMap(storedInputs);
    case 'first-available':
      return f.options.flatMap(formulaInputs);
  }
}

function formulaFamily(f: Formula): SourceFamily {
  switch (f.kind) {
    case 'source':
      return sourceFamily(f.indicator);
    case 'rate':
      return indicatorFamily(f.numerator);
    case 'sum':
      return indicatorFamily(f.indicators[0]!);
    case 'first-available':
      return formulaFamily(f.options[0]!);
  }
}

const presenceMemo = tableMemo<Uint8Array>();
const gemeentenPresentMemo = tableMemo<Set<string>>();
const holdingMemo = tableMemo<Set<string>>();
const familyIndicatorsMemo = tableMemo<readonly string[]>();
// what the table's uncarried sources decide too: made again when they are noted (after the table
// is built: setUncarriedSources)
const uncarriedSourcesOfTable = (table: BuurtTable): unknown => table.uncarriedSources();
const sourceKindMemo = tableMemo<SourceKind>(uncarriedSourcesOfTable);
const populationSourceMemo = tableMemo<PopulationSource>(uncarriedSourcesOfTable);

/** True when the buurt at `i` has a stored cell in `col`: a value, or one published but suppressed. */
function hasCell(col: Column, i: number): boolean {
  return !Number.isNaN(col.values[i]!) || (col.flags[i]! & VALUE_FLAGS.suppressed) !== 0;
}

/**
 * Per buurt, 1 when it has at least one stored cell (a value, or a published-but-missing one) of
 * a stored indicator of `family` in `year`: the source's file for that year covers the buurt.
 */
export function familyPresence(table: BuurtTable, family: SourceFamily, year: number): Uint8Array {
  return presenceMemo(table, `${family}|${year}`, () => {
    const out = new Uint8Array(table.size);
    for (const id of familyIndicators(table, family)) {
      const col = table.get(id, year);
      if (!col) continue;
      for (let i = 0; i < out.length; i++) if (hasCell(col, i)) out[i] = 1;
    }
    return out;
  });
}

/** The gemeenten with at least one buurt that has a stored cell of `family` in `year`. */
function gemeentenPresent(table: BuurtTable, family: SourceFamily, year: number): Set<string> {
  return gemeentenPresentMemo(table, `${family}|${year}`, () => {
    const out = new Set<string>();
    const present = familyPresence(table, family, year);
    for (let i = 0; i < present.length; i++) if (present[i]) out.add(table.buurten[i]!.gemeente);
    return out;
  });
}

/**
 * The loaded sources of `family` in `year` that have buurten of `gemeente` on another division
 * which harmonisation could not carry onto the table's division.
 */
export function uncarriedSourcesOf(
  table: BuurtTable,
  family: SourceFamily,
  year: number,
  gemeente: string,
): UncarriedSource[] {
  return table
    .uncarriedSources()
    .filter((u) => u.family === family && u.year === year && u.gemeente === gemeente);
}

/** The gemeenten with at least one buurt that has a stored cell of a stored input of `indicator` in `year`. */
function gemeentenHolding(table: BuurtTable, indicator: string, year: number): Set<string> {
  return holdingMemo(table, `${indicator}|${year}`, () => {
    const out = new Set<string>();
    for (const input of storedInputs(indicator)) {
      const col = table.get(input, year);
      if (!col) continue;
      for (let i = 0; i < table.size; i++) if (hasCell(col, i)) out.add(table.buurten[i]!.gemeente);
    }
    return out;
  });
}

/** The kinds of missing that the loaded files decide for a gemeente, most telling last. */
export type SourceKind = Extract<MissingKind, 'not-loaded' | 'not-published' | 'not-in-source'>;

/**
 * Why a buurt of `gemeente` without any cell of `indicator`'s source in `year` has no value, from
 * the loaded files alone — the one rule of the maps (missingKind), the map list per area
 * (src/service/maps.ts) and period maps (period-missing.ts):
 * - not-in-source: a file covering the gemeente holds the indicator (a stored input of it) in
 *   that year — for other buurten of the gemeente, for the gemeente it went into in a later
 *   herindeling, or on a division harmonisation could not carry over — but not for this buurt;
 * - not-published: a file of the source for that year covers the gemeente (sourceCoversGemeente)
 *   but holds nothing of the indicator there: the source is loaded, the indicator is not in it;
 * - not-loaded: no file of the source for that year covers the gemeente.
 * Only not-loaded is helped by loading the source.
 */
export function gemeenteSourceKind(
  table: BuurtTable,
  indicator: string,
  year: number,
  gemeente: string,
): SourceKind {
  // asked per buurt and year by maps and period maps: once per (indicator, year, gemeente)
  return sourceKindMemo(table, `${indicator}|${year}|${gemeente}`, () =>
    decideSourceKind(table, indicator, year, gemeente),
  );
}

function decideSourceKind(table: BuurtTable, indicator: string, year: number, gemeente: string): SourceKind {
  const holding = gemeentenHolding(table, indicator, year);
  const inputs = new Set(storedInputs(indicator));
  if (
    holding.has(gemeente) ||
    coveredThroughSuccessor(table, gemeente, [...inputs], year) ||
    table
      .uncarriedSources()
      .some((u) => u.gemeente === gemeente && u.year === year && u.indicators.some((i) => inputs.has(i)))
  )
    return 'not-in-source';
  const family = indicatorFamily(indicator);
  if (family !== 'other' && sourceCoversGemeente(table, family, year, gemeente)) return 'not-published';
  return 'not-loaded';
}

/** An indicator within the years it stands for (a component's segment); no bound: every year. */
export interface IndicatorSpan {
  indicator: string;
  fromYear?: number | undefined;
  toYear?: number | undefined;
}

/**
 * The most telling gemeenteSourceKind of any of `spans` (alternatives: a component's segments,
 * the nuisance measures) in any year of its span that `inYear` accepts, of those the table has
 * it in — the years their maps can show. For what no single buurt and year is asked of: the map
 * list per area and period maps for a gemeente without the input in any year.
 */
export function gemeenteSourceKindOf(
  table: BuurtTable,
  spans: readonly IndicatorSpan[],
  gemeente: string,
  inYear: (year: number) => boolean = () => true,
): SourceKind {
  let kind: SourceKind = 'not-loaded';
  for (const { indicator, fromYear = -Infinity, toYear = Infinity } of spans) {
    for (const year of yearsHeld(table, indicator)) {
      if (year < fromYear || year > toYear || !inYear(year)) continue;
      const k = gemeenteSourceKind(table, indicator, year, gemeente);
      if (k === 'not-in-source') return k;
      if (k === 'not-published') kind = k;
    }
  }
  return kind;
}

const yearsCache = new WeakMap<BuurtTable, Map<string, { from: number[][]; years: number[] }>>();

/**
 * The years the table holds `indicator` or a stored input of it in (the union of table.years,
 * made again when one of those changed: a derived column set later).
 */
function yearsHeld(table: BuurtTable, indicator: string): readonly number[] {
  let byIndicator = yearsCache.get(table);
  if (!byIndicator) yearsCache.set(table, (byIndicator = new Map()));
  const from = [indicator, ...storedInputs(indicator)].map((id) => table.years(id));
  const cached = byIndicator.get(indicator);
  if (cached && cached.from.length === from.length && cached.from.every((ys, i) => ys === from[i]))
    return cached.years;
  const years = [...new Set(from.flat())];
  byIndicator.set(indicator, { from, years });
  return years;
}

/**
 * True when a loaded file of `family` for `year` covers `gemeente`: buurten of it have cells of
 * it, or it has the gemeente's buurten on a division whose codes could not be carried onto this
 * one, or the gemeente was split up or merged later and a gemeente it went into has cells of it.
 */
function sourceCoversGemeente(
  table: BuurtTable,
  family: SourceFamily,
  year: number,
  gemeente: string,
): boolean {
  const present = gemeentenPresent(table, family, year);
  return (
    present.has(gemeente) ||
    uncarriedSourcesOf(table, family, year, gemeente).length > 0 ||
    coveredThroughSuccessor(table, gemeente, familyIndicators(table, family), year)
  );
}

/** The stored indicators of `family` the table has (once per table and family). */
function familyIndicators(table: BuurtTable, family: SourceFamily): readonly string[] {
  return familyIndicatorsMemo(table, family, () =>
    table.indicators().filter((id) => {
      const def = findIndicator(id);
      return (!def || def.formula.kind === 'source') && sourceFamily(id) === family;
    }),
  );
}

/**
 * True when a gemeente `gemeente` went into later has cells of `indicators` in `year` from a file
 * on a division the gemeente no longer had (or of unknown division): the file covers `gemeente`
 * through it. A file on the division of a year the gemeente still existed in (the Amsterdam
 * selection of KWB 2020 for Weesp, which joined Amsterdam in 2022) would have had its own buurten:
 * it does not cover it, and a file of that year with them is still to be loaded.
 */
function coveredThroughSuccessor(
  table: BuurtTable,
  gemeente: string,
  indicators: readonly string[],
  year: number,
): boolean {
  const successors = successorsOf(gemeente);
  if (successors.length === 0) return false;
  const last = findRegisterGemeente(gemeente)?.last;
  const byGemeente = table.byGemeente();
  for (const g of successors) {
    const rows = byGemeente.get(g);
    if (!rows) continue;
    for (const indicator of indicators) {
      const sources = table.sourcesAt(indicator, year, rows, { suppressed: true });
      if (sources.length === 0) {
        const col = table.get(indicator, year);
        // cells whose sources the table did not record: they cover it, as before
        if (col && rows.some((i) => hasCell(col, i))) return true;
        continue;
      }
      if (last === undefined) return true;
      for (const s of sources) {
        const division = table.editionDivision(s.edition);
        if (division === undefined || division > last) return true;
      }
    }
  }
  return false;
}

/** What populationSourceOf decides for a gemeente's buurten without inhabitants. */
export interface PopulationSource {
  /** A loaded KWB file gives what can be had: nothing to load. */
  loaded: boolean;
  /** The KWB years (first, last) to load when not loaded; null: any year. */
  years: readonly [number, number] | null;
  /** The gemeente no longer exists (a herindeling split it up or merged it). */
  dissolved: boolean;
  /**
   * The loaded KWB files of the gemeente's years that hold it on a division harmonisation could
   * not carry onto the table's: a KWB file of the table's division (`years`) has its buurten.
   */
  uncarried: readonly UncarriedSource[];
}

/**
 * Whether loading KWB would give the buurten of `gemeente` their number of inhabitants (the
 * population of the veerkracht classes, the denominator of a rate) — the one rule of "Inwonertal
 * onbekend" on every map and in the map list per area. In the years the gemeente existed in (the
 * register; a gemeente split up or merged later only up to its herindeling) within `window`:
 * - of one year (`window`: a level map's rate): loaded when a KWB file of that year covers the
 *   gemeente — cells of its buurten, or its buurten on a division harmonisation could not carry
 *   over (a file of that year has no others) — else KWB of that year is to be loaded;
 * - of any year (`window` null: the population of the veerkracht classes, taken from the nearest
 *   year that has it): loaded when a KWB file has cells of the gemeente's buurten; else KWB is to
 *   be loaded: of the years a gemeente that no longer exists existed in (a file of a later year
 *   has it only under the gemeenten it went into: Haaren in KWB 2024), or of the table's division
 *   when the loaded files hold the gemeente only on another one that could not be carried over
 *   (a file of that year has its buurten on this division), else of any year.
 * Without a year of the gemeente's in `window` (a level map of a year after it was split up) the
 * rule of the other kinds decides (gemeenteSourceKindOf on the inhabitants), and no year is named.
 */
export function populationSourceOf(
  table: BuurtTable,
  gemeente: string,
  window: readonly [number, number] | null = null,
): PopulationSource {
  // asked per buurt by every map: once per (gemeente, window) and table
  return populationSourceMemo(table, `${gemeente}|${window?.join('-') ?? ''}`, () =>
    decidePopulationSource(table, gemeente, window),
  );
}

function decidePopulationSource(
  table: BuurtTable,
  gemeente: string,
  window: readonly [number, number] | null,
): PopulationSource {
  const g = findRegisterGemeente(gemeente);
  const dissolved = g !== undefined && g.last < REGISTER_LAST_YEAR;
  const from = Math.max(window?.[0] ?? -Infinity, g?.first ?? -Infinity);
  const to = Math.min(window?.[1] ?? Infinity, dissolved ? g.last : Infinity);
  if (from > to) {
    const inWindow = (year: number): boolean => window === null || (year >= window[0] && year <= window[1]);
    const kind = gemeenteSourceKindOf(table, [{ indicator: 'inhabitants' }], gemeente, inWindow);
    return { loaded: kind !== 'not-loaded', years: null, dissolved, uncarried: [] };
  }
  const inRange = (year: number): boolean => year >= from && year <= to;
  const uncarried = table
    .uncarriedSources()
    .filter(
      (u) => u.family === 'kwb' && u.gemeente === gemeente && u.mergedInto === undefined && inRange(u.year),
    );
  const present = kwbYears(table).some(
    (year) => inRange(year) && gemeentenPresent(table, 'kwb', year).has(gemeente),
  );
  const loaded = present || (window !== null && uncarried.length > 0);
  const division = uncarried[0]?.toDivision;
  const years: readonly [number, number] | null =
    window !== null || dissolved
      ? [from, to]
      : division !== undefined && inRange(division)
        ? [division, division]
        : null;
  return { loaded, years, dissolved, uncarried: window === null && !dissolved ? uncarried : [] };
}

/** The years of the table's KWB columns (stored ones: set when the table is built). */
function kwbYears(table: BuurtTable): readonly number[] {
  return kwbYearsMemo(table, 'kwb', () => {
    const years = new Set<number>();
    for (const id of table.indicators())
      if (sourceFamily(id) === 'kwb') for (const y of table.years(id)) years.add(y);
    return [...years];
  });
}

const kwbYearsMemo = tableMemo<readonly number[]>();

/**
 * Why (indicator, year) has no value for the buurt at `row`. `population` is its population for
 * the year (NaN unknown) and `minimum` the indicator's minimum population (null = none).
 */
export function missingKind(
  table: BuurtTable,
  indicator: string,
  year: number,
  row: number,
  population: number,
  minimum: number | null,
): MissingKind {
  const col = table.get(indicator, year);
  const flags = col?.flags[row] ?? 0;
  if (flags & ENGINE_FLAGS.tooFewResidents || (minimum !== null && population < minimum))
    return 'too-few-residents';
  const family = indicatorFamily(indicator);
  if (flags & VALUE_FLAGS.suppressed) return family === 'lbm' ? 'no-score' : 'suppressed';
  const def = findIndicator(indicator);
  if (def?.formula.kind === 'rate' || def?.formula.kind === 'first-available') {
    // a rate whose numerator is there but whose denominator is not: the population is unknown
    const numerator = def.formula.kind === 'rate' ? def.formula.numerator : leadingNumerator(def.formula);
    if (numerator && !Number.isNaN(table.get(numerator, year)?.values[row] ?? NaN))
      return 'population-unknown';
  }
  if (family === 'other') return 'missing';
  if (familyPresence(table, family, year)[row]) return 'not-published';
  return gemeenteSourceKind(table, indicator, year, table.buurten[row]!.gemeente);
}

function leadingNumerator(f: Formula): string | undefined {
  if (f.kind === 'rate') return f.numerator;
  if (f.kind === 'first-available') return f.options.length ? leadingNumerator(f.options[0]!) : undefined;
  return undefined;
}
