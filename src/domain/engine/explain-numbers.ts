/**
 * Numbers in explanations that cannot contradict their words: a pair of values is printed with
 * enough decimals that two different values never look equal ("−0,171 → −0,175", not
 * "−0,17 → −0,17"), equal values are called equal, a change is never printed as "0" or "−0", and
 * a change compared with a threshold is printed precisely enough that the comparison reads the same
 * way as it was made.
 */

export type Locale = 'nl' | 'en';

/** The most decimals an explanation prints; values equal at this precision are "equal". */
export const MAX_DECIMALS = 6;

const FORMATS = new Map<string, Intl.NumberFormat>();

/** v with exactly `digits` decimals in the locale's format (nl: decimal comma), minus as "−", never "−0". */
export function fixed(v: number, digits: number, locale: Locale): string {
  const key = `${locale}|${digits}`;
  let f = FORMATS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    FORMATS.set(key, f);
  }
  const r = roundTo(v, digits);
  return f.format(r === 0 ? 0 : r).replace('-', '−');
}

/** v rounded half away from zero to `digits` decimals. */
export function roundTo(v: number, digits: number): number {
  const k = 10 ** digits;
  return (Math.sign(v) * Math.round(Math.abs(v) * k)) / k;
}

/** The usual number of decimals for a value of this size: 0 from 100, 1 from 10, else 2. */
export function baseDigits(v: number): number {
  const a = Math.abs(v);
  return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

export type Direction = 'up' | 'down' | 'same';

/** The direction from a to b, comparing the values at MAX_DECIMALS. */
export function direction(a: number, b: number): Direction {
  const ra = roundTo(a, MAX_DECIMALS);
  const rb = roundTo(b, MAX_DECIMALS);
  return rb > ra ? 'up' : rb < ra ? 'down' : 'same';
}

/**
 * Decimals for printing a and b: as few as show both exactly, at most the usual ones (7.1 and 7.8
 * keep one decimal), then more until the two differ when they do.
 */
export function pairDigits(a: number, b: number): number {
  const usual = Math.max(baseDigits(a), baseDigits(b));
  let d = 0;
  while (d < usual && (!exactAt(a, d) || !exactAt(b, d))) d++;
  if (direction(a, b) === 'same') return d;
  while (d < MAX_DECIMALS && roundTo(a, d) === roundTo(b, d)) d++;
  return d;
}

function exactAt(v: number, digits: number): boolean {
  return Math.abs(roundTo(v, digits) - v) < 1e-9;
}

/**
 * Decimals for printing |v| next to the threshold τ it was compared with (|v| > τ or not): at least
 * 2, more until the printed magnitude is not 0 (when v ≠ 0) and compares with τ as |v| does.
 */
export function thresholdDigits(v: number, tau: number): number {
  const a = Math.abs(v);
  let d = 2;
  while (d < 9) {
    const r = roundTo(a, d);
    const nonZero = a === 0 || r !== 0;
    if (nonZero && r > tau === a > tau) break;
    d++;
  }
  return d;
}

/** A number as an explanation prints it (no fixed decimals beyond the usual). */
export function plain(v: number, locale: Locale): string {
  return fixed(v, baseDigits(v), locale).replace(locale === 'nl' ? /,0+$/ : /\.0+$/, '');
}

/** Parses a number printed by `fixed` (either locale) back, for tests of the texts. */
export function parsePrinted(s: string, locale: Locale): number {
  const t = s.trim().replace('−', '-');
  return Number(locale === 'nl' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, ''));
}

/** "Geen score (Leefbaarometer)" → "geen score (Leefbaarometer)": only the first letter lowered. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
