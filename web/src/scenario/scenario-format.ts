/** How the scenario page writes shares and counts; a missing value reads "geen gegevens", never 0. */
import { formatCount, formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/messages.js';
import type { ScenarioMessages } from './scenario-messages.js';

/** A share (0–1) as a percentage in the page's language. */
export const pct = (x: number | null | undefined, lang: Lang, t: ScenarioMessages): string =>
  x === null || x === undefined ? t.noValue : `${formatNumber(x * 100, lang, { fallback: t.noValue })} %`;

/** A count of dwellings or lettings, whole. */
export const count = (x: number, lang: Lang): string => formatCount(x, lang);
