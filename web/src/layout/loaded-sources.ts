/**
 * The sources the server has loaded, in words, for the footer of every page and the start page's
 * table of loaded data: taken from the source editions of GET /api/gemeenten, so a server with
 * the demo set names the demo set (and no official source), and an empty one says so.
 */
import type { GemeentenResponse } from '../../../src/api/schemas.js';
import { messagesFor, type Lang } from '../i18n/messages.js';
import { editionLabel, sourceTitle } from '../i18n/terms.js';

const DEMO_SOURCE = 'demo';

const WORDS = {
  nl: {
    demoSource: 'Demonstratieset (fictieve gegevens)',
    demoLine: 'Bron: demonstratieset met fictieve gegevens (geen officiële bronnen geladen)',
    nothingLoaded: 'Er zijn nog geen gegevens geladen',
  },
  en: {
    demoSource: 'Demonstration set (fictitious data)',
    demoLine: 'Source: demonstration set of fictitious data (no official sources loaded)',
    nothingLoaded: 'No data has been loaded yet',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** A source family (`editions[].source`) in words; the demo set's source included. */
export function loadedSourceTitle(source: string, lang: Lang): string {
  return source === DEMO_SOURCE ? WORDS[lang].demoSource : sourceTitle(source, lang);
}

/**
 * The source families with at least one loaded edition (bookkeeping entries such as "… (not
 * imported)" do not count), in the order of the app's source list, unknown ones after it.
 */
export function loadedSources(gemeenten: GemeentenResponse): string[] {
  const known = Object.keys(messagesFor('nl').sourceTitles);
  const rank = (s: string): number => (known.includes(s) ? known.indexOf(s) : known.length);
  const sources = new Set(
    gemeenten.editions.filter((e) => editionLabel(e.edition) !== null).map((e) => e.source),
  );
  return [...sources].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The footer's line: "Bron: <the loaded sources> — Gemaakt met Veerkracht …", the demo set named
 * as such when the server holds only demo data, and a plain "nothing loaded yet" on an empty server.
 */
export function loadedSourcesLine(gemeenten: GemeentenResponse, lang: Lang): string {
  const t = messagesFor(lang);
  const sources = loadedSources(gemeenten);
  const what =
    sources.length === 0
      ? WORDS[lang].nothingLoaded
      : gemeenten.demo
        ? WORDS[lang].demoLine
        : `${t.exportSource}: ${sources.map((s) => loadedSourceTitle(s, lang)).join(', ')}`;
  return `${what} — ${t.exportMadeWith}.`;
}
