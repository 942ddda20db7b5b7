/**
 * Every interface text in Dutch (the default, messages-nl.ts) and English (messages-en.ts). Data
 * texts (map titles, class labels, explanations) come from the API in both languages; these are
 * the app's own words.
 */
import { en } from './messages-en.js';
import { nl } from './messages-nl.js';

export type Lang = 'nl' | 'en';

export type Messages = typeof nl;

const MESSAGES: Record<Lang, Messages> = { nl, en };

/** The message table for a language. */
export function messagesFor(lang: Lang): Messages {
  return MESSAGES[lang];
}
