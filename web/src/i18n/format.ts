/**
 * Number and text formatting per language. Missing values are never shown as 0: the caller
 * gets `null` back and shows a "no value" text instead.
 *
 * Every number the web app shows people (tables, chart ticks and labels, legends, tooltips, the
 * profile, the report) is written here, so all of them agree: the language's separators
 * (nl: decimal comma), a real minus sign "−" (U+2212, as the legends and explanations from
 * src/domain write it) and never "−0". Values for machines — CSV and GeoJSON downloads, input
 * fields, data-* attributes, URLs — are not formatted here and keep their "-".
 */
import type { Lang } from './messages.js';

const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number, signed: boolean): Intl.NumberFormat {
  const key = `${lang}|${digits}|${signed}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
      // 'negative': a value that rounds to 0 prints "0", not "-0"
      signDisplay: signed ? 'exceptZero' : 'negative',
    });
    cache.set(key, f);
  }
  return f;
}

/** The formatted text with the real minus sign "−" in place of the locale's hyphen-minus. */
function displayed(format: Intl.NumberFormat, value: number): string {
  return format.format(value).replace('-', '\u2212');
}

/** Decimal places that keep a value readable: 2 below 10, 1 below 100, else 0. */
export function digitsFor(value: number): number {
  const a = Math.abs(value);
  if (a < 10) return 2;
  if (a < 100) return 1;
  return 0;
}

/**
 * Formats a number for display in the given language (decimal comma in Dutch, "−" for negatives).
 * `signed` shows a + for positive changes; `digits` fixes the most decimals (default: `digitsFor`).
 * Returns the given fallback text for null.
 */
export function formatNumber(
  value: number | null | undefined,
  lang: Lang,
  options: { signed?: boolean; fallback?: string; digits?: number } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return options.fallback ?? '–';
  const format = numberFormat(lang, options.digits ?? digitsFor(value), options.signed ?? false);
  return displayed(format, value);
}

/** A whole number with thousands separators (inhabitants, counts). */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return displayed(numberFormat(lang, 0, false), Math.round(value));
}

const UNIT_LABELS: Record<string, { nl: string; en: string }> = {
  percent: { nl: '%', en: '%' },
  '%': { nl: '%', en: '%' },
  per_1000: { nl: 'per 1.000', en: 'per 1,000' },
  eur_1000: { nl: '× € 1.000', en: '× € 1,000' },
  per_km2: { nl: 'per km²', en: 'per km²' },
  sd: { nl: 'SD', en: 'SD' },
  count: { nl: '', en: '' },
  score: { nl: '', en: '' },
  'z-score': { nl: '', en: '' },
};

/** How an API unit id reads after a number ('percent' → '%', 'per_1000' → 'per 1.000'); '' for plain numbers. */
export function unitLabel(unit: string | undefined, lang: Lang): string {
  if (!unit) return '';
  return UNIT_LABELS[unit]?.[lang] ?? unit.replace(/_/g, ' ');
}

/** A number followed by its unit (API unit id), e.g. "12,5 %". */
export function withUnit(text: string, unit: string | undefined, lang: Lang = 'nl'): string {
  const label = unitLabel(unit, lang);
  if (!label || text === '–') return text;
  return `${text} ${label}`;
}

/** Text in the right language from an API pair (`…Nl` / `…En`). */
export function pick(lang: Lang, nl: string, en: string): string {
  return lang === 'en' && en ? en : nl;
}
