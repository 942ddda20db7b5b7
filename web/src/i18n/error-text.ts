/**
 * An error as the viewer reads it, in the page's language: the API's messages are English and
 * written for developers ("gemeente GM9999 has no buurten on division 2019; GET /api/gemeenten
 * lists the gemeenten"), so the codes a viewer can meet get words of their own, with the code
 * (listed on the page Foutcodes) for whoever helps them. Other codes keep the API's message.
 */
import { ApiError } from '../api-client.js';
import { h } from '../dom/element.js';
import { messagesFor, type Lang } from './messages.js';

type Words = Record<Lang, string>;

const BY_CODE: Record<string, Words> = {
  AREA_NOT_FOUND: {
    nl: 'Dit gebied is onbekend, of geen van zijn buurten ligt op de kaartindeling. Kies een gebied op de startpagina.',
    en: 'This area is unknown, or none of its buurten is on the map division. Choose an area on the start page.',
  },
  MAP_NOT_FOUND: {
    nl: 'Deze kaart bestaat niet. Kies een kaart uit de lijst.',
    en: 'This map does not exist. Choose a map from the list.',
  },
  INDICATOR_NOT_FOUND: {
    nl: 'Deze laag bestaat niet. Kies een laag uit de lijst.',
    en: 'This layer does not exist. Choose a layer from the list.',
  },
  NO_DATA: {
    nl: 'Voor deze vraag zijn geen gegevens geladen.',
    en: 'No data are loaded for this question.',
  },
  EDITION_NOT_FOUND: {
    nl: 'Deze data-editie bestaat niet. Bekijk de nieuwste editie.',
    en: 'This data edition does not exist. View the newest edition.',
  },
  EDITION_GONE: {
    nl: 'Deze data-editie is niet meer beschikbaar. Bekijk de nieuwste editie.',
    en: 'This data edition is no longer available. View the newest edition.',
  },
  UNAUTHENTICATED: { nl: 'Log in om dit te zien.', en: 'Log in to see this.' },
  FORBIDDEN: {
    nl: 'Je hebt geen toegang tot dit gebied of deze pagina.',
    en: 'You have no access to this area or page.',
  },
  SHARE_LINK_INVALID: { nl: 'Deze deellink is ongeldig.', en: 'This share link is not valid.' },
  SHARE_LINK_EXPIRED: { nl: 'Deze deellink is verlopen.', en: 'This share link has expired.' },
  SHARE_LINK_REVOKED: { nl: 'Deze deellink is ingetrokken.', en: 'This share link has been revoked.' },
  TOO_MANY_ATTEMPTS: {
    nl: 'Te veel pogingen. Probeer het over enkele minuten opnieuw.',
    en: 'Too many attempts. Try again in a few minutes.',
  },
  STORE_UNAVAILABLE: {
    nl: 'De gegevens zijn even niet bereikbaar. Probeer het zo opnieuw.',
    en: 'The data cannot be reached just now. Try again shortly.',
  },
  INTERRUPTED: {
    nl: 'De server werd gestopt terwijl hij dit maakte. Probeer het opnieuw.',
    en: 'The server was stopped while making this. Try again.',
  },
  INTERNAL: {
    nl: 'Er ging iets mis op de server.',
    en: 'Something went wrong on the server.',
  },
};

const UNREACHABLE: Words = {
  nl: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  en: 'The server cannot be reached. Check the connection and try again.',
};

/** The error in the viewer's words, with the API's code where there is one ("… (foutcode X)"). */
export function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) {
    const words = BY_CODE[error.code];
    const text = words ? words[lang] : error.message;
    return `${text} (${lang === 'nl' ? 'foutcode' : 'error code'} ${error.code})`;
  }
  // fetch rejects with a TypeError when the server cannot be reached (Chromium, Firefox, Safari)
  if (error instanceof TypeError && /failed to fetch|networkerror|load failed/i.test(error.message))
    return UNREACHABLE[lang];
  return error instanceof Error ? error.message : String(error);
}

/** "Er ging iets mis: …" — what a view says in place of what it could not load. */
export function failedText(error: unknown, lang: Lang): string {
  return `${messagesFor(lang).errorTitle}: ${errorText(error, lang)}`;
}

/** That line as the alert paragraph the views put in place of what failed. */
export function errorLine(error: unknown, lang: Lang): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, failedText(error, lang));
}
