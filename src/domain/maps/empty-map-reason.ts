/**
 * Why a map is empty, in words (`emptyReason`): from the causes of its buurten, what is missing,
 * why, and how to load it — the source to fetch, the years, the gemeenten a herindeling ended —
 * or that nothing can be loaded. Used by the level and period maps (build-map.ts,
 * build-period-map.ts) and the map list (area-availability.ts).
 */
import { findRegisterGemeente, mergersOf } from '../../core/gemeente-register.js';
import type { SourceFamily } from '../indicator-catalogue.js';
import type { UncarriedSource } from '../engine/buurt-table.js';
import { lowerFirst } from '../engine/explain-numbers.js';
import { MISSING_LABELS, type MissingKind } from '../engine/missing-kinds.js';
import type { VeerkrachtEngine } from '../engine/veerkracht-engine.js';
import type { MissingCause } from './missing-cause.js';

/** The EmptyReason codes of src/api (AreaAvailability.emptyReason). */
export type EmptyCode = 'source-not-loaded' | 'no-comparable-years' | 'no-values';
export type FetchableSource = 'kwb' | 'lbm' | 'rivm' | 'politie';

export interface EmptyMapReason {
  code: EmptyCode;
  /** The kind of missing of most of the area's buurten. */
  kind: MissingKind;
  /** Sources to load (veerkracht fetch --sources …). */
  missingSources: FetchableSource[];
  nl: string;
  en: string;
}

/** A source family's name in a sentence. */
export const FAMILY_LABEL: Record<SourceFamily, { nl: string; en: string }> = {
  kwb: { nl: 'CBS KWB', en: 'CBS KWB' },
  lbm: { nl: 'Leefbaarometer', en: 'Leefbaarometer' },
  rivm: { nl: 'RIVM', en: 'RIVM' },
  politie: { nl: 'politie', en: 'police' },
  other: { nl: 'eigen gegevens', en: 'own data' },
};

const HOW_TO_LOAD: Record<FetchableSource, { nl: string; en: string }> = {
  kwb: {
    nl: '`veerkracht fetch --sources kwb`, of importeer een KWB-bestand met `veerkracht import <bestand>`',
    en: '`veerkracht fetch --sources kwb`, or import a KWB file with `veerkracht import <file>`',
  },
  lbm: {
    nl: '`veerkracht fetch --sources lbm`, of importeer het Leefbaarometer-bestand met `veerkracht import <bestand>`',
    en: '`veerkracht fetch --sources lbm`, or import the Leefbaarometer file with `veerkracht import <file>`',
  },
  rivm: {
    nl: '`veerkracht fetch --sources rivm`, of importeer 50090NED met `veerkracht import <bestand>`',
    en: '`veerkracht fetch --sources rivm`, or import 50090NED with `veerkracht import <file>`',
  },
  politie: {
    nl: '`veerkracht fetch --sources politie`, of importeer 47022NED met `veerkracht import <bestand>`',
    en: '`veerkracht fetch --sources politie`, or import 47022NED with `veerkracht import <file>`',
  },
};

/** How to load a source family's data: the fetch command, or the import of a file. */
export function howToLoad(source: FetchableSource): { nl: string; en: string } {
  return HOW_TO_LOAD[source];
}

/**
 * Why a map without any value is empty, from the causes of its buurten (most frequent first) and
 * when known the period or year: what is missing and how to load it. `uncarried`: the loaded
 * sources of the year or period that have the area's buurten on another division harmonisation
 * could not carry over (buurt-table.ts; those of the most frequent cause's family count), to say
 * so when that is why; `wentInto`: the gemeenten the area, one gemeente that no longer exists,
 * went into (areaSuccessors), to name them when the source is loaded but has not its buurten.
 */
export function emptyReason(
  causes: readonly MissingCause[],
  when: string,
  noComparableYears: boolean,
  uncarried: readonly UncarriedSource[] = [],
  wentInto: readonly string[] = [],
): EmptyMapReason {
  const counts = new Map<string, { cause: MissingCause; n: number }>();
  for (const c of causes) {
    const key = `${c.kind}|${c.family ?? ''}|${c.loaded ? 'loaded' : ''}|${c.years?.join('-') ?? ''}|${c.gemeente ?? ''}|${c.division?.from.join(',') ?? ''}`;
    const hit = counts.get(key);
    if (hit) hit.n++;
    else counts.set(key, { cause: c, n: 1 });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.cause ?? { kind: 'missing', family: null };
  const family = top.family !== null && top.family !== 'other' ? top.family : null;
  const label = MISSING_LABELS[top.kind];
  if (top.kind === 'no-comparison') {
    return {
      code: 'no-values',
      kind: top.kind,
      missingSources: [],
      nl: `Geen waarden voor ${when}: de relatieve kaart vergelijkt een buurt met de rest van de gemeente, en deze gemeente heeft daarvoor te weinig buurten met gegevens.`,
      en: `No values for ${when}: the relative map compares a buurt with the rest of its gemeente, and this gemeente has too few buurten with data for that.`,
    };
  }
  // before "choose another period": without inhabitants no period classifies these buurten
  if (top.kind === 'population-unknown')
    return populationUnknownReason(top, when, gemeentenOfSameCause(causes, top));
  if (noComparableYears) {
    return {
      code: 'no-comparable-years',
      kind: top.kind,
      missingSources: [],
      nl: `Geen waarden voor ${when}: de bronnen hebben in deze periode geen twee meetjaren die te vergelijken zijn. Kies een andere periode.`,
      en: `No values for ${when}: the sources have no two comparable survey years in this period. Choose another period.`,
    };
  }
  if (top.kind === 'not-loaded' && family) {
    const source = FAMILY_LABEL[family];
    return {
      code: 'source-not-loaded',
      kind: top.kind,
      missingSources: [family],
      nl: `Geen waarden voor ${when}: er zijn geen ${source.nl}-gegevens voor deze buurten geladen. Laad ze met ${HOW_TO_LOAD[family].nl}.`,
      en: `No values for ${when}: no ${source.en} data are loaded for these buurten. Load them with ${HOW_TO_LOAD[family].en}.`,
    };
  }
  if (top.kind === 'not-in-source' && family) {
    const source = FAMILY_LABEL[family];
    const what = notInSourceWhy(
      source,
      uncarried.filter((u) => u.family === family),
      wentInto,
      /^\d{4}$/.test(when),
    );
    const other = /^\d{4}$/.test(when)
      ? { nl: 'een ander jaar', en: 'another year' }
      : { nl: 'een andere periode', en: 'another period' };
    return {
      code: 'no-values',
      kind: top.kind,
      missingSources: [],
      nl: `Geen waarden voor ${when}: ${what.nl}. De bron is geladen; opnieuw importeren helpt niet. Kies ${other.nl}.`,
      en: `No values for ${when}: ${what.en}. The source is loaded; importing it again does not help. Choose ${other.en}.`,
    };
  }
  const why = NO_VALUES_WHY[top.kind] ?? {
    nl: `${lowerFirst(label.nl)} voor de buurten van dit gebied`,
    en: `${lowerFirst(label.en)} for the buurten of this area`,
  };
  return {
    code: 'no-values',
    kind: top.kind,
    missingSources: [],
    nl: `Geen waarden voor ${when}: ${why.nl}.`,
    en: `No values for ${when}: ${why.en}.`,
  };
}

/**
 * "Inwonertal onbekend" as the reason of an empty map, by populationSourceOf (missing-cause.ts):
 * nothing to load when a loaded KWB file of a year the gemeente existed in covers it; else KWB to
 * load — of the map's year, of the years a gemeente that no longer exists existed in (named, with
 * the gemeenten it went into), or of any year.
 */
function populationUnknownReason(
  top: MissingCause,
  when: string,
  gemeenten: readonly string[],
): EmptyMapReason {
  const kind = 'population-unknown';
  if (top.loaded) {
    return {
      code: 'no-values',
      kind,
      missingSources: [],
      nl: `Geen waarden voor ${when}: het inwonertal van de buurten is onbekend op deze buurtindeling. De geladen CBS KWB-gegevens dekken de gemeente, maar hebben geen inwonertal voor deze buurten; opnieuw importeren helpt niet.`,
      en: `No values for ${when}: the buurten's population is unknown on this division. The loaded CBS KWB data cover the gemeente but have no population for these buurten; importing them again does not help.`,
    };
  }
  const load = (l: 'nl' | 'en'): string => {
    if (!top.years) return HOW_TO_LOAD.kwb[l];
    const [from, to] = top.years;
    const flag = from === to ? `${from}` : `${from}-${to}`;
    const years = from === to ? `${from}` : l === 'nl' ? `${from} t/m ${to}` : `${from} to ${to}`;
    return l === 'nl'
      ? `\`veerkracht fetch --sources kwb --years ${flag}\`, of importeer een KWB-bestand van ${years} met \`veerkracht import <bestand>\``
      : `\`veerkracht fetch --sources kwb --years ${flag}\`, or import a KWB file of ${years} with \`veerkracht import <file>\``;
  };
  const what = populationUnknownWhat(top, gemeenten);
  return {
    code: 'source-not-loaded',
    kind,
    missingSources: ['kwb'],
    nl: `Geen waarden voor ${when}: ${what.nl}. Laad ze met ${load('nl')}.`,
    en: `No values for ${when}: ${what.en}. Load them with ${load('en')}.`,
  };
}

/** The gemeenten a gemeente that no longer exists went into, as a key (sorted codes). */
function wentIntoKey(gemeente: string): string {
  return [...new Set(mergersOf(gemeente).map((m) => m.into))].sort().join(',');
}

/**
 * The gemeenten (sorted codes) whose buurten lack inhabitants for the same reason as `top`'s, a
 * gemeente that no longer exists: the same years to load and the same gemeenten gone into
 * (Heerhugowaard and Langedijk, both into Dijk en Waard); empty for any other cause.
 */
function gemeentenOfSameCause(causes: readonly MissingCause[], top: MissingCause): string[] {
  if (top.kind !== 'population-unknown' || !top.gemeente || top.loaded) return [];
  const years = top.years?.join('-');
  const into = wentIntoKey(top.gemeente);
  const same = causes.filter(
    (c) =>
      c.kind === top.kind &&
      !c.loaded &&
      c.gemeente !== undefined &&
      c.years?.join('-') === years &&
      wentIntoKey(c.gemeente) === into,
  );
  return [...new Set(same.map((c) => c.gemeente!))].sort();
}

/** "A, B en C" / "A, B and C". */
function listOf(items: readonly string[], l: 'nl' | 'en'): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${l === 'nl' ? 'en' : 'and'} ${items[items.length - 1]}`;
}

/**
 * Why no loaded KWB file gives the buurten inhabitants: none of the years that would. `gemeenten`:
 * the gemeenten that no longer exist with `top`'s cause (gemeentenOfSameCause), named together.
 */
function populationUnknownWhat(top: MissingCause, gemeenten: readonly string[]): { nl: string; en: string } {
  const named = (code: string): string => `${findRegisterGemeente(code)?.name ?? code} (${code})`;
  if (top.gemeente && top.years) {
    const [from, to] = top.years;
    const into = [...new Set(mergersOf(top.gemeente).map((m) => m.into))].sort().map(named);
    const list = (l: 'nl' | 'en'): string => listOf(into, l);
    if (gemeenten.length > 1) {
      const gone = gemeenten.map(named);
      return {
        nl: `het inwonertal van de buurten is onbekend op deze buurtindeling. ${listOf(gone, 'nl')} bestonden tot en met de indeling van ${to} en zijn opgegaan in ${list('nl')}; er is geen CBS KWB-bestand geladen van een jaar waarin deze gemeenten nog bestonden (${from} t/m ${to}), en zo'n bestand heeft hun buurten met hun inwonertal`,
        en: `the buurten's population is unknown on this division. ${listOf(gone, 'en')} existed up to the division of ${to} and went into ${list('en')}; no CBS KWB file is loaded of a year these gemeenten still existed in (${from} to ${to}), and such a file has their buurten with their inhabitants`,
      };
    }
    return {
      nl: `het inwonertal van de buurten is onbekend op deze buurtindeling. ${named(top.gemeente)} bestond tot en met de indeling van ${to} en is opgegaan in ${list('nl')}; er is geen CBS KWB-bestand geladen van een jaar waarin de gemeente nog bestond (${from} t/m ${to}), en zo'n bestand heeft haar buurten met hun inwonertal`,
      en: `the buurten's population is unknown on this division. ${named(top.gemeente)} existed up to the division of ${to} and went into ${list('en')}; no CBS KWB file is loaded of a year the gemeente still existed in (${from} to ${to}), and such a file has its buurten with their inhabitants`,
    };
  }
  if (top.division) {
    const { from, to } = top.division;
    return {
      nl: `het inwonertal van de buurten is onbekend op deze buurtindeling (${to}): de geladen CBS KWB-gegevens delen de gemeente in volgens buurtindeling ${from.join(', ')}, en geen van die buurten kon op buurtindeling ${to} worden overgezet; een KWB-bestand van ${to} heeft de buurten van deze indeling met hun inwonertal`,
      en: `the buurten's population is unknown on this division (${to}): the loaded CBS KWB data divide the gemeente by the buurt division of ${from.join(', ')}, and none of those buurten could be carried onto the division of ${to}; a KWB file of ${to} has the buurten of this division with their inhabitants`,
    };
  }
  if (top.years) {
    const [from, to] = top.years;
    const years = from === to ? `${from}` : `${from}–${to}`;
    return {
      nl: `het inwonertal van de buurten in ${years} is onbekend: er is geen CBS KWB-bestand van ${years} geladen dat de gemeente dekt`,
      en: `the buurten's population in ${years} is unknown: no CBS KWB file of ${years} covering the gemeente is loaded`,
    };
  }
  return {
    nl: 'het inwonertal van de buurten is onbekend op deze buurtindeling (CBS KWB inwoners ontbreken)',
    en: "the buurten's population is unknown on this division (CBS KWB inhabitants missing)",
  };
}

/**
 * Why a loaded source holds nothing for the buurten: when harmonisation could carry none of its
 * buurten of the area onto the division shown, the divisions and counts it logged; else that the
 * loaded file covers the gemeente — naming the gemeenten it went into when it no longer exists
 * (`wentInto`) — but does not contain these buurten. `inYear`: the map shows one year (else a period).
 */
function notInSourceWhy(
  source: { nl: string; en: string },
  uncarried: readonly UncarriedSource[],
  wentInto: readonly string[],
  inYear: boolean,
): { nl: string; en: string } {
  const of = inYear
    ? { nl: 'van dat jaar', en: 'of that year' }
    : { nl: 'van die jaren', en: 'of those years' };
  const named = (codes: readonly string[]): string =>
    codes.map((code) => `${findRegisterGemeente(code)?.name ?? code} (${code})`).join(', ');
  const from = [...new Set(uncarried.map((u) => u.fromDivision))].sort((a, b) => a - b);
  const to = uncarried[0]?.toDivision;
  if (from.length === 0 || to === undefined) {
    const area = wentInto.length
      ? {
          nl: `de gemeente, die is opgegaan in ${named(wentInto)},`,
          en: `the gemeente, which went into ${named(wentInto)},`,
        }
      : { nl: 'de gemeente,', en: 'the gemeente' };
    return {
      nl: `de geladen ${source.nl}-gegevens ${of.nl} dekken ${area.nl} maar bevatten deze buurten niet`,
      en: `the loaded ${source.en} data ${of.en} cover ${area.en} but do not contain these buurten`,
    };
  }
  // per gemeente and division once (a period's years each note the same buurten)
  const perDivision = new Map<string, number>();
  for (const u of uncarried) {
    const key = `${u.gemeente}|${u.fromDivision}`;
    perDivision.set(key, Math.max(perDivision.get(key) ?? 0, u.buurten));
  }
  const buurten = [...perDivision.values()].reduce((n, b) => n + b, 0);
  const divisions = from.join(', ');
  const merged = [...new Set(uncarried.flatMap((u) => (u.mergedInto ? [u.mergedInto] : [])))].sort();
  const formedFrom = [...new Set(uncarried.flatMap((u) => u.mergedFrom ?? []))].sort();
  const area = (l: 'nl' | 'en'): string =>
    merged.length
      ? l === 'nl'
        ? `de gemeente, die is opgegaan in ${named(merged)},`
        : `the gemeente, which went into ${named(merged)},`
      : formedFrom.length
        ? l === 'nl'
          ? `de gemeenten die nu deze gemeente vormen, ${named(formedFrom)},`
          : `the gemeenten that now form this gemeente, ${named(formedFrom)},`
        : l === 'nl'
          ? 'de gemeente'
          : 'the gemeente';
  return {
    nl: `de geladen ${source.nl}-gegevens ${of.nl} delen ${area('nl')} in volgens buurtindeling ${divisions} (${buurten} buurten); geen van die buurten kon op buurtindeling ${to} worden overgezet (de codes komen daar niet voor en er was geen overlay)`,
    en: `the loaded ${source.en} data ${of.en} divide ${area('en')} by the buurt division of ${divisions} (${buurten} buurten); none of those buurten could be carried onto the division of ${to} (the codes do not occur there and there was no overlay)`,
  };
}

/**
 * The gemeenten the area went into in later herindelingen, when it is one gemeente that no longer
 * exists (Weesp: Amsterdam; Haaren: Boxtel, Oisterwijk, Tilburg and Vught); else none.
 */
export function areaSuccessors(gemeenten: ReadonlySet<string>): string[] {
  if (gemeenten.size !== 1) return [];
  const [gemeente] = gemeenten;
  return [...new Set(mergersOf(gemeente!).map((m) => m.into))].sort();
}

/**
 * The sources of `family` (any, when null) in `years` that hold the area's gemeenten on a division
 * not carried over.
 */
export function uncarriedOfArea(
  engine: VeerkrachtEngine,
  family: SourceFamily | null,
  years: readonly number[],
  rows: readonly number[],
): UncarriedSource[] {
  if (family === 'other') return [];
  const gemeenten = new Set(rows.map((row) => engine.table.buurten[row]!.gemeente));
  return engine.table
    .uncarriedSources()
    .filter(
      (u) => gemeenten.has(u.gemeente) && years.includes(u.year) && (family === null || u.family === family),
    );
}

/** Why a map whose sources are loaded still has no value, per kind of missing. */
const NO_VALUES_WHY: Partial<Record<MissingKind, { nl: string; en: string }>> = {
  suppressed: {
    nl: 'de bron heeft de waarden voor de buurten van dit gebied geheimgehouden (onderdrukt)',
    en: 'the source kept the values for the buurten of this area confidential (suppressed)',
  },
  'no-score': {
    nl: 'de Leefbaarometer geeft de buurten van dit gebied geen score (te weinig woningen of inwoners)',
    en: 'the Leefbaarometer gives the buurten of this area no score (too few dwellings or residents)',
  },
  'not-published': {
    nl: 'de geladen editie van dat jaar publiceert deze gegevens (nog) niet voor de buurten van dit gebied; kies een ander jaar',
    en: 'the edition loaded for that year does not (yet) publish these figures for the buurten of this area; choose another year',
  },
  'too-few-residents': {
    nl: 'de buurten van dit gebied hebben te weinig inwoners voor een betrouwbare waarde',
    en: 'the buurten of this area have too few inhabitants for a reliable value',
  },
  missing: {
    nl: 'er zijn voor de buurten van dit gebied te weinig gegevens (te weinig componenten of geen reden om mee te vergelijken)',
    en: 'there are too few data for the buurten of this area (too few components or nothing to compare with)',
  },
};
