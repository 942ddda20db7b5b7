/**
 * Words for the engine's ids, so that no internal id reaches the interface: indicator ids
 * (`lbm_onv`), index components (`anxiety-depression`), nuisance measures
 * (`police_crime_rate`) and value flags (`measure:lbm_onv`, `suppressed`) become the titles the
 * API gives them; data editions lose the file names they were imported from.
 */
import type { MapDefinitionsResponse } from '../../../src/api/schemas.js';
import { pick } from './format.js';
import { messagesFor, type Lang } from './messages.js';

export interface Terms {
  /** Title of an indicator, component or measure id; a readable form of the id when unknown. */
  label(id: string, lang: Lang): string;
  /** Text of a value flag from the API. */
  flag(flag: string, lang: Lang): string;
  /** Why a value is missing (the API's kinds of missing), in words. */
  missing(kind: string, lang: Lang): string;
}

/** "police_crime_rate" → "police crime rate" (only for ids the API gave no title for). */
function readable(id: string): string {
  return id.replace(/[_-]+/g, ' ').trim();
}

export function createTerms(defs: MapDefinitionsResponse | null): Terms {
  const titles = new Map<string, { nl: string; en: string }>();
  if (defs) {
    for (const l of defs.layers) titles.set(l.id, { nl: l.titleNl, en: l.titleEn });
    for (const m of defs.maps) titles.set(m.id, { nl: m.titleNl, en: m.titleEn });
    for (const c of defs.components ?? []) titles.set(c.id, { nl: c.titleNl, en: c.titleEn });
    for (const m of defs.measures ?? []) titles.set(m.id, { nl: m.titleNl, en: m.titleEn });
  }
  const label = (id: string, lang: Lang): string => {
    const t = titles.get(id);
    return t ? pick(lang, t.nl, t.en) : readable(id);
  };
  return {
    label,
    flag(flag, lang) {
      const t = messagesFor(lang);
      if (flag.startsWith('measure:')) return `${t.flagMeasure}: ${label(flag.slice(8), lang)}`;
      switch (flag) {
        case 'suppressed':
          return t.flagSuppressed;
        case 'harmonised':
          return t.flagHarmonised;
        case 'estimated':
          return t.flagEstimated;
        case 'too-few-residents':
          return t.flagTooFew;
        case 'overlay':
          return t.flagOverlay;
        case 'carried-forward':
          return t.flagCarriedForward;
        default:
          return readable(flag);
      }
    },
    missing(kind, lang) {
      const t = messagesFor(lang);
      return t.missingKinds[kind] ?? t.missingKinds['missing'] ?? readable(kind);
    },
  };
}

const FILE_NAME = /(__|\.(geojson|topojson|json|csv|gz|gpkg|xlsx?|zip|txt)\b)/i;

/**
 * An edition as people name it: parenthesised parts that name the imported file (repository
 * names, file extensions) are dropped, e.g. "Grenzen indeling 2019 (GeoJSON EPSG:4326,
 * buurt_2019_nl__x-y.geojson)" → "Grenzen indeling 2019". Null for bookkeeping entries that
 * are not data ("… (not imported)").
 */
export function editionLabel(edition: string): string | null {
  if (/not imported/i.test(edition)) return null;
  return edition
    .replace(/\s*\(([^()]*)\)/g, (all, inner: string) => (FILE_NAME.test(inner) ? '' : all))
    .replace(/\s*\b[\w.-]+__[\w.-]+\b/g, '')
    .trim();
}

/** The source families of the API (`editions[].source`, `missingSources`) in words. */
export function sourceTitle(source: string, lang: Lang): string {
  const t = messagesFor(lang);
  return t.sourceTitles[source as keyof typeof t.sourceTitles] ?? readable(source);
}
