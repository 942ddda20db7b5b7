/** Texts of the data-edition banner and the "what changed" panel, Dutch and English. */
import type { ChangeReason } from '../../../src/api/editions.js';
import type { Lang } from '../i18n/messages.js';

export interface EditionMessages {
  region: string;
  showing: (label: string, date: string) => string;
  newest: string;
  newer: (label: string, date: string) => string;
  showNewest: string;
  gone: (id: number) => string;
  changesNewer: string;
  changesSincePrevious: string;
  loading: string;
  noChanges: string;
  buurt: string;
  reasons: string;
  maps: string;
  values: string;
  none: string;
  summary: (changed: number, total: number, from: string, to: string) => string;
  reason: Record<ChangeReason, string>;
}

const NL: EditionMessages = {
  region: 'Data-editie',
  showing: (label, date) => `Je bekijkt ${label} (gegevens van ${date}).`,
  newest: 'Dit is de nieuwste editie.',
  newer: (label, date) => `Er is een nieuwere editie: ${label} (${date}).`,
  showNewest: 'Toon de nieuwste editie',
  gone: (id) => `Editie ${id} uit deze link wordt niet meer bewaard of bestaat niet.`,
  changesNewer: 'Wat is er veranderd in de nieuwere editie?',
  changesSincePrevious: 'Wat is er veranderd sinds de vorige editie?',
  loading: 'Laden…',
  noChanges: 'Geen buurt van dit gebied is veranderd.',
  buurt: 'Buurt',
  reasons: 'Reden',
  maps: 'Klasse (oud → nieuw)',
  values: 'Waarden (oud → nieuw)',
  none: 'geen',
  summary: (changed, total, from, to) =>
    `${changed} van de ${total} buurten veranderden tussen ${from} en ${to}.`,
  reason: {
    'new-source-year': 'nieuw bronjaar',
    'revised-figures': 'herziene cijfers',
    boundaries: 'grenzen',
    context: 'andere buurten of instellingen',
  },
};

const EN: EditionMessages = {
  region: 'Data edition',
  showing: (label, date) => `You are looking at ${label} (data of ${date}).`,
  newest: 'This is the newest edition.',
  newer: (label, date) => `There is a newer edition: ${label} (${date}).`,
  showNewest: 'Show the newest edition',
  gone: (id) => `Edition ${id} of this link is no longer kept or does not exist.`,
  changesNewer: 'What changed in the newer edition?',
  changesSincePrevious: 'What changed since the previous edition?',
  loading: 'Loading…',
  noChanges: 'No buurt of this area changed.',
  buurt: 'Buurt',
  reasons: 'Reason',
  maps: 'Class (old → new)',
  values: 'Values (old → new)',
  none: 'none',
  summary: (changed, total, from, to) => `${changed} of ${total} buurten changed between ${from} and ${to}.`,
  reason: {
    'new-source-year': 'new source year',
    'revised-figures': 'revised figures',
    boundaries: 'boundaries',
    context: 'other buurten or settings',
  },
};

export function editionMessages(lang: Lang): EditionMessages {
  return lang === 'en' ? EN : NL;
}

/** "30 november 2026" / "30 November 2026". */
export function editionDate(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  });
}
